package io.tilework.process.store;

import io.tilework.process.failure.StoreUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versions of the PostgreSQL store's schema: table {@code schema_version} holds one row per
 * migration applied ({@link PostgresProcessStore#MIGRATIONS}). Migrations run in one transaction
 * each, under an advisory lock, so engines starting together never run one twice.
 */
public final class PostgresSchema {

    /** Held while the schema is created or migrated. */
    private static final long MIGRATION_LOCK = 0x7469_6C65_0000L;

    private PostgresSchema() {
    }

    /** The schema version this Tilework writes and reads. */
    public static int current() {
        return PostgresProcessStore.MIGRATIONS.size();
    }

    /** What a database holds: its schema version (0: none) and whether it has other tables. */
    public record State(int version, boolean otherTables) {

        public boolean empty() {
            return version == 0 && !otherTables;
        }
    }

    public static State state(Connection connection) throws SQLException {
        if (!tableExists(connection, "schema_version")) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")) {
                rs.next();
                return new State(0, rs.getLong(1) > 0);
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return new State(rs.getInt(1), true);
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * What opening a store does: an empty database gets the schema; one at the current version is
     * used as it is; anything else is refused, saying what to run.
     */
    static void prepare(Connection connection, PostgresLocation location) throws SQLException {
        State state = state(connection);
        if (state.empty()) {
            migrate(connection, location, false);
            return;
        }
        check(state, location);
    }

    /** Throws unless {@code state} is the current schema, saying what to do. */
    static void check(State state, PostgresLocation location) {
        refuseNewer(state, location);
        if (state.version() == 0) {
            throw new StoreUnavailable("the database " + location.address() + " has tables but no Tilework process store schema: give an empty"
                    + " database, or add Tilework's tables to this one with: tilework process store init --store " + location, null);
        }
        if (state.version() < current()) {
            throw new StoreUnavailable("the process store " + location.address() + " has schema version " + state.version()
                    + "; this Tilework uses version " + current() + ": stop the engines that use it, then run: tilework process store migrate --store "
                    + location, null);
        }
    }

    private static void refuseNewer(State state, PostgresLocation location) {
        if (state.version() > current()) {
            throw new StoreUnavailable("the process store " + location.address() + " has schema version " + state.version()
                    + ", newer than this Tilework knows (" + current() + "); use a newer Tilework", null);
        }
    }

    /**
     * Creates the schema ({@code init}, {@code allowOtherTables}: also in a database with other
     * tables) or brings it to the current version; returns the version it was at before.
     */
    public static int migrate(Connection connection, PostgresLocation location, boolean allowOtherTables) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            State state = state(connection); // again, under the lock: another engine may have just done it
            refuseNewer(state, location);
            if (state.version() == 0 && state.otherTables() && !allowOtherTables) {
                check(state, location);
            }
            if (state.version() == 0) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied BIGINT NOT NULL)");
            }
            List<String> migrations = PostgresProcessStore.MIGRATIONS;
            for (int next = state.version(); next < migrations.size(); next++) {
                statement.execute(migrations.get(next));
                try (PreparedStatement applied = connection.prepareStatement("INSERT INTO schema_version (version, applied) VALUES (?, ?)")) {
                    applied.setInt(1, next + 1);
                    applied.setLong(2, System.currentTimeMillis());
                    applied.executeUpdate();
                }
            }
            connection.commit();
            return state.version();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure says more
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
