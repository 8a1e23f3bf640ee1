package io.tilework.process.store;

import io.tilework.process.failure.StoreUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating, upgrading and checking a store's schema without running an engine: what
 * {@code tilework process store init|migrate|check} do.
 */
public final class StoreCheck {

    private StoreCheck() {
    }

    /**
     * What a store holds: its schema version against the one this Tilework uses, and counts.
     *
     * @param problems     what is wrong, each with what to do; empty when the store is fine
     * @param activeEngine on PostgreSQL, the database session of the engine that serves the store ({@link
     *                     PostgresProcessStore#leaderSession}); empty when none does, and for a SQLite file
     */
    public record Report(String store, int version, int current, Map<String, Long> instancesByState, long pendingOutbox, long timers,
                         List<String> problems, Optional<String> activeEngine) {

        public long instances() {
            return instancesByState.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** What {@code init} and {@code migrate} did: the schema version before and after. */
    public record Upgrade(String store, int from, int to) {
    }

    /**
     * Creates the schema of an empty store (a PostgreSQL database may hold other tables); a store that
     * has one already is left alone (an older one is refused: that is what {@link #migrate} is for).
     */
    public static Upgrade init(StoreLocation location) {
        return switch (location) {
            case StoreLocation.SqliteFile file -> sqliteUpgrade(file.file());
            case PostgresLocation database -> {
                try (Connection connection = PostgresProcessStore.connect(database)) {
                    PostgresSchema.State state = PostgresSchema.state(connection);
                    if (state.version() > 0 && state.version() < PostgresSchema.current()) {
                        throw new StoreUnavailable("the process store " + database.address() + " has schema version " + state.version()
                                + " already; upgrade it with: tilework process store migrate --store " + database, null);
                    }
                    int from = PostgresSchema.migrate(connection, database, true);
                    yield new Upgrade(database.toString(), from, PostgresSchema.current());
                } catch (SQLException e) {
                    throw PostgresFailures.using(database, "create the schema of", e);
                }
            }
        };
    }

    /** Brings the store's schema to the version this Tilework uses; refuses one with no schema (run init) or a newer one. */
    public static Upgrade migrate(StoreLocation location) {
        return switch (location) {
            case StoreLocation.SqliteFile file -> {
                if (!Files.exists(file.file())) {
                    throw new StoreUnavailable("no process store " + file.file() + ": create it with: tilework process store init --store "
                            + file.file(), null);
                }
                yield sqliteUpgrade(file.file());
            }
            case PostgresLocation database -> {
                try (Connection connection = PostgresProcessStore.connect(database)) {
                    if (PostgresSchema.state(connection).version() == 0) {
                        throw new StoreUnavailable("the database " + database.address() + " has no Tilework process store schema: create it with: "
                                + "tilework process store init --store " + database, null);
                    }
                    PostgresProcessStore.refuseWhileServed(connection, database.address(), "migrate");
                    int from = PostgresSchema.migrate(connection, database, false);
                    yield new Upgrade(database.toString(), from, PostgresSchema.current());
                } catch (SQLException e) {
                    throw PostgresFailures.using(database, "migrate the schema of", e);
                }
            }
        };
    }

    /** SQLite migrates forward whenever it is opened: opening it is the upgrade. */
    private static Upgrade sqliteUpgrade(Path file) {
        int from = Files.exists(file) ? sqliteVersion(file) : 0;
        SqliteProcessStore.open(file).close();
        return new Upgrade(file.toString(), from, SqliteProcessStore.schemaVersion());
    }

    private static int sqliteVersion(Path file) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreUnavailable("cannot read the process store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the schema version and the counts, changing nothing; a connection that fails throws (one line). */
    public static Report check(StoreLocation location) {
        return switch (location) {
            case StoreLocation.SqliteFile file -> {
                if (!Files.exists(file.file())) {
                    yield new Report(file.file().toString(), 0, SqliteProcessStore.schemaVersion(), Map.of(), 0, 0,
                            List.of("no process store " + file.file() + ": create it with: tilework process store init --store " + file.file()),
                            Optional.empty());
                }
                int version = sqliteVersion(file.file());
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.file())) {
                    yield report(connection, file.file().toString(), version, SqliteProcessStore.schemaVersion(), "--store " + file.file(),
                            Optional.empty());
                } catch (SQLException e) {
                    throw new StoreUnavailable("cannot read the process store " + file.file() + ": " + e.getMessage(), e);
                }
            }
            case PostgresLocation database -> {
                try (Connection connection = PostgresProcessStore.connect(database)) {
                    PostgresSchema.State state = PostgresSchema.state(connection);
                    yield report(connection, database.toString(), state.version(), PostgresSchema.current(), "--store " + database,
                            PostgresProcessStore.leaderSession(connection));
                } catch (SQLException e) {
                    throw PostgresFailures.using(database, "check", e);
                }
            }
        };
    }

    private static Report report(Connection connection, String store, int version, int current, String storeOption,
                                 Optional<String> activeEngine) throws SQLException {
        var problems = new ArrayList<String>();
        if (version == 0) {
            problems.add("no Tilework process store schema in " + store + ": create it with: tilework process store init " + storeOption);
            return new Report(store, version, current, Map.of(), 0, 0, problems, activeEngine);
        }
        if (version > current) {
            problems.add("schema version " + version + " is newer than this Tilework knows (" + current + "): use a newer Tilework");
            return new Report(store, version, current, Map.of(), 0, 0, problems, activeEngine);
        }
        if (version < current) {
            problems.add("schema version " + version + " is older than this Tilework's " + current
                    + ": stop its engines, then run: tilework process store migrate " + storeOption);
        }
        var byState = new LinkedHashMap<String, Long>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT state, count(*) FROM instances GROUP BY state ORDER BY state")) {
                while (rs.next()) {
                    byState.put(rs.getString(1), rs.getLong(2));
                }
            }
            long pending = count(statement, "SELECT count(*) FROM outbox WHERE delivered IS NULL");
            long timers = count(statement, "SELECT count(*) FROM timers");
            return new Report(store, version, current, byState, pending, timers, problems, activeEngine);
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
