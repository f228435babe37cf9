package dev.refcheck.postgres;

import java.util.regex.Pattern;

/** Keeps credentials out of logs and messages. */
final class Redaction {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password|sslpassword)=[^&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    private Redaction() {
    }

    /** The URL with any password parameter and user-info removed. */
    static String url(String url) {
        if (url == null) {
            return "(no URL)";
        }
        return USER_INFO.matcher(PASSWORD_PARAMETER.matcher(url).replaceAll("$1=***")).replaceAll("//***@");
    }

    /** A message with a known secret replaced. */
    static String message(String message, String secret) {
        if (message == null || secret == null || secret.isEmpty()) {
            return message;
        }
        return message.replace(secret, "***");
    }
}
