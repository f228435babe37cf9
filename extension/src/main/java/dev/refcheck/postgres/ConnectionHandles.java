package dev.refcheck.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/** JDBC {@link Connection} handles that let refcheck see close, commit and rollback calls. */
final class ConnectionHandles {

    /** What a handle does instead of the real call; return null to let the real call through. */
    interface Interceptor {
        Object intercept(Connection target, Method method, Object[] args) throws SQLException;
    }

    private ConnectionHandles() {
    }

    static Connection wrap(Connection target, Interceptor interceptor) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "isClosed":
                        return closed || target.isClosed();
                    case "unwrap":
                        return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
                    case "isWrapperFor":
                        return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "toString":
                        return "refcheck handle on " + target;
                    default:
                        break;
                }
                if (closed) {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new SQLException("This connection handle has been closed.", "08003");
                }
                if (method.getName().equals("close")) {
                    closed = true;
                }
                Object result = interceptor.intercept(target, method, args);
                if (result != null) {
                    return result == NONE ? null : result;
                }
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(ConnectionHandles.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    /** Returned by an interceptor that handled a void call itself. */
    static final Object NONE = new Object();
}
