package io.tilework.process.store;

import io.tilework.process.failure.StoreUnavailable;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns what the PostgreSQL driver throws into one line for the user: which database
 * ({@code host:port/db}), what went wrong, what to check. Never a password: the driver's own
 * messages do not carry it, and nothing here adds it.
 */
final class PostgresFailures {

    private PostgresFailures() {
    }

    /** A failure to connect (open, or a new connection of the pool). */
    static StoreUnavailable connecting(PostgresLocation location, SQLException e) {
        return new StoreUnavailable(connectMessage(location, e), e);
    }

    /** A failure while reading or writing: a lost connection is retryable, anything else names the statement's error. */
    static StoreUnavailable using(PostgresLocation location, String doing, SQLException e) {
        if (lostConnection(e)) {
            return new StoreUnavailable("the process store database " + location.address() + " is unreachable while " + doing + " ("
                    + firstLine(e) + "); nothing was changed by this command: retry it when the database is back", e);
        }
        return new StoreUnavailable("cannot " + doing + " the process store " + location.address() + ": " + firstLine(e), e);
    }

    /** True when the connection itself failed (the server stopped, restarted or cannot be reached), not the statement. */
    static boolean lostConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))
                || e instanceof java.sql.SQLTransientConnectionException;
    }

    private static String connectMessage(PostgresLocation location, SQLException e) {
        String where = location.address();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable cause = rootCause(e);
        boolean noPassword = location.resolvePassword().isEmpty();
        if (noPassword && (state.equals("28P01") || state.equals("28000")
                || e.getMessage() != null && e.getMessage().contains("password"))) { // the driver's "no password was provided", "... an empty string"
            return "no password found for user " + location.user() + " on " + where + ": set PGPASSWORD or add the line "
                    + location.host() + ":" + location.port() + ":" + location.database() + ":" + location.user()
                    + ":PASSWORD to ~/.pgpass (chmod 600)" + location.ignoredPasswordFile();
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return "password authentication failed for user " + location.user() + " on " + where + ": check " + location.passwordSources();
        }
        if (state.equals("3D000")) {
            return "database " + location.database() + " does not exist on " + location.host() + ":" + location.port()
                    + ": create it (createdb -h " + location.host() + " -p " + location.port() + " -O " + location.user() + " "
                    + location.database() + ") or correct the URL";
        }
        if (cause instanceof UnknownHostException) {
            return "cannot connect to " + where + ": unknown host " + location.host() + ": check the host name in the store URL";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return "cannot connect to " + where + ": connection refused: is the server running and listening there"
                    + " (listen_addresses, port)?";
        }
        if (cause instanceof SocketTimeoutException) {
            return "cannot connect to " + where + ": no answer in time: check the host, the port and any firewall between";
        }
        if (state.equals("57P03")) {
            return "the database " + where + " is starting up or shutting down: retry in a moment";
        }
        if (state.equals("53300")) {
            return "the database " + where + " has no connection left (max_connections): close other clients or raise it";
        }
        return "cannot connect to " + where + " as " + location.user() + ": " + firstLine(e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
