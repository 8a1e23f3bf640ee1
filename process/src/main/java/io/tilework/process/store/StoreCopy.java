package io.tilework.process.store;

import io.tilework.process.failure.StoreUnavailable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies one store into another, row for row: every specification and model version, every
 * instance with its whole log and snapshot, the outbox (pending and delivered), the timers, the
 * inboxes and the counters, read in one transaction of the source and written in one of the
 * target. Both stores have the same tables ({@link StoreTables}); their engines should be stopped.
 */
public final class StoreCopy {

    private static final int BATCH = 1000;

    private StoreCopy() {
    }

    /** The rows copied, by table. */
    public record Copied(String from, String to, Map<String, Long> rows) {
    }

    /**
     * Copies {@code from} into {@code to}. A target that already holds instances, specifications or
     * models is refused unless {@code replace}: then what it holds is deleted first, in the same
     * transaction as the copy.
     */
    public static Copied copy(StoreLocation from, StoreLocation to, boolean replace) {
        if (from.equals(to) || from.describe().equals(to.describe())) {
            throw new StoreUnavailable("--from and --to are the same store " + from.describe() + ": name another target", null);
        }
        if (from instanceof StoreLocation.SqliteFile(java.nio.file.Path file) && !java.nio.file.Files.exists(file)) {
            throw new StoreUnavailable("no process store " + file + " to copy from: check the path", null);
        }
        // Opening each as a store first brings its schema to the current version (and creates the target's); a newer one is refused.
        from.open().close();
        to.open().close();
        try (Connection source = connect(from); Connection target = connect(to)) {
            source.setAutoCommit(false);
            if (from instanceof PostgresLocation) {
                source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one consistent snapshot of every table
            }
            target.setAutoCommit(false);
            try {
                if (to instanceof PostgresLocation) {
                    PostgresProcessStore.refuseWhileServed(target, "the target " + to.describe(), "copy");
                }
                refuseNonEmpty(target, to, replace);
                var rows = new LinkedHashMap<String, Long>();
                for (StoreTables.Table table : StoreTables.ALL) {
                    rows.put(table.name(), copy(table, source, target));
                }
                if (to instanceof PostgresLocation) {
                    advanceSequences(target);
                }
                target.commit();
                source.commit();
                return new Copied(from.describe(), to.describe(), rows);
            } catch (SQLException | RuntimeException e) {
                rollback(target);
                rollback(source);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("cannot copy " + from.describe() + " to " + to.describe() + ": " + PostgresFailures.firstLine(e), e);
        }
    }

    private static Connection connect(StoreLocation location) throws SQLException {
        return switch (location) {
            case StoreLocation.SqliteFile file -> {
                Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.file());
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA busy_timeout=10000");
                }
                yield connection;
            }
            case PostgresLocation database -> PostgresProcessStore.connect(database);
        };
    }

    private static void refuseNonEmpty(Connection target, StoreLocation to, boolean replace) throws SQLException {
        long instances = count(target, "instances");
        long held = instances + count(target, "specs") + count(target, "models");
        if (held == 0) {
            return;
        }
        if (!replace) {
            throw new StoreUnavailable("the target " + to.describe() + " already holds " + instances + " instance(s) and "
                    + (held - instances) + " specification(s) or model(s): copy into an empty store, or give --replace to delete what it holds"
                    + " first", null);
        }
        try (Statement statement = target.createStatement()) {
            for (StoreTables.Table table : StoreTables.ALL.reversed()) {
                statement.executeUpdate("DELETE FROM " + table.name());
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long copy(StoreTables.Table table, Connection source, Connection target) throws SQLException {
        long rows = 0;
        int columns = table.columns().size();
        try (Statement select = source.createStatement(); PreparedStatement insert = target.prepareStatement(table.insert())) {
            select.setFetchSize(BATCH); // PostgreSQL streams the rows (inside a transaction) rather than reading them all first
            try (ResultSet rs = select.executeQuery(table.select())) {
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        insert.setObject(i, rs.getObject(i));
                    }
                    insert.addBatch();
                    if (++rows % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    /** The copied rows carry their sequence numbers: the target's sequences go on after them. */
    private static void advanceSequences(Connection target) throws SQLException {
        try (Statement statement = target.createStatement()) {
            statement.execute("SELECT setval(pg_get_serial_sequence('log', 'seq'), coalesce((SELECT max(seq) FROM log), 0) + 1, false)");
            statement.execute("SELECT setval('entry_seq', greatest(coalesce((SELECT max(seq) FROM outbox), 0), "
                    + "coalesce((SELECT max(seq) FROM inbox), 0)) + 1, false)");
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the failure that led here says more
        }
    }
}
