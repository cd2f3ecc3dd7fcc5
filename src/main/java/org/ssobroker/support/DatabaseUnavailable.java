package org.ssobroker.support;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Recognises a failure caused by the database being unreachable or too slow (connection
 * refused or lost, socket timeout, no pooled connection within the acquisition timeout), as
 * opposed to a bug: those answer 503 with Retry-After, not 500.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-03: the server is shutting down or cannot connect now.
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                // Agroal: no connection became free within the acquisition timeout.
                if (sql.getMessage() != null && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                    return true;
                }
            }
            // Hibernate: no connection could be had at all (refused, timed out, or the attempt interrupted).
            // pgjdbc: a connection attempt cut short by the pool's acquisition timeout.
            if (t.getMessage() != null && (t.getMessage().contains("Unable to acquire JDBC Connection")
                    || t.getMessage().contains("while attempting to connect"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
