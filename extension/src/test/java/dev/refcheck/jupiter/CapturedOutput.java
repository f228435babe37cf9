package dev.refcheck.jupiter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What was written to stdout and stderr (where slf4j-simple logs) while an action ran; still shown as usual.
 * slf4j-simple looks System.err up on every line, so swapping the stream captures the log.
 */
final class CapturedOutput {

    private CapturedOutput() {
    }

    record Result<T>(T value, String output) {
    }

    static synchronized <T> Result<T> capture(Supplier<T> action) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, buffer), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, buffer), true, StandardCharsets.UTF_8));
        try {
            T value = action.get();
            return new Result<>(value, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
