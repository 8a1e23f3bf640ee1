package io.tilework.process.store;

import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded store: one SQLite file in WAL mode. A batch of commits is one SQLite transaction
 * (group commit), so durability costs one fsync per batch, not per event. The schema is versioned
 * ({@code PRAGMA user_version}) and migrated forward on open.
 */
public final class SqliteProcessStore implements ProcessStore {

    /** Schema migrations, in order; a store at version N runs those from N on. */
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE specs (name TEXT PRIMARY KEY, sources TEXT NOT NULL, deployed INTEGER NOT NULL, position INTEGER NOT NULL);
            CREATE TABLE models (name TEXT NOT NULL, version INTEGER NOT NULL, conforms_to TEXT NOT NULL, source TEXT NOT NULL,
                deployed INTEGER NOT NULL, PRIMARY KEY (name, version));
            CREATE TABLE instances (id TEXT PRIMARY KEY, model TEXT NOT NULL, model_version INTEGER NOT NULL, parent TEXT,
                state TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL);
            CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, instance TEXT NOT NULL, tx INTEGER NOT NULL, time INTEGER NOT NULL,
                event TEXT NOT NULL, object TEXT, payload TEXT NOT NULL, status TEXT NOT NULL, message TEXT, effects TEXT NOT NULL);
            CREATE INDEX log_by_instance ON log (instance, tx);
            CREATE TABLE snapshots (instance TEXT PRIMARY KEY, tx INTEGER NOT NULL, state TEXT NOT NULL);
            CREATE TABLE outbox (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, instance TEXT NOT NULL, operation TEXT NOT NULL, actor TEXT NOT NULL,
                recipient TEXT, object TEXT, payload TEXT NOT NULL, delivered INTEGER);
            CREATE INDEX outbox_pending ON outbox (seq) WHERE delivered IS NULL;
            CREATE TABLE timers (key TEXT PRIMARY KEY, instance TEXT NOT NULL, event TEXT NOT NULL, object TEXT NOT NULL, due INTEGER NOT NULL);
            CREATE TABLE inbox (key TEXT PRIMARY KEY, seq INTEGER NOT NULL, actor TEXT NOT NULL, instance TEXT NOT NULL, object TEXT,
                message TEXT NOT NULL, created INTEGER NOT NULL);
            CREATE INDEX inbox_by_actor ON inbox (actor, seq);
            CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """, """
            CREATE TABLE spec_versions (name TEXT NOT NULL, version INTEGER NOT NULL, sources TEXT NOT NULL, deployed INTEGER NOT NULL,
                PRIMARY KEY (name, version));
            INSERT INTO spec_versions (name, version, sources, deployed) SELECT name, 1, sources, deployed FROM specs;
            ALTER TABLE instances ADD COLUMN spec_version INTEGER NOT NULL DEFAULT 0;
            UPDATE instances SET spec_version = 1 WHERE EXISTS (SELECT 1 FROM models m JOIN specs s ON s.name = m.conforms_to
                WHERE m.name = instances.model AND m.version = instances.model_version);
            CREATE INDEX instances_by_parent ON instances (parent) WHERE parent IS NOT NULL;
            """);

    /** The schema version this Tilework writes (what {@code PRAGMA user_version} says after opening). */
    static int schemaVersion() {
        return MIGRATIONS.size();
    }

    private final Path file;
    /** One JDBC connection, not safe for concurrent use: every method that touches it is synchronized on this store. */
    @GuardedBy("this")
    private final Connection connection;
    @GuardedBy("this")
    private long outboxSequence;
    private final WalCheckpointer checkpointer;

    private SqliteProcessStore(Path file, Connection connection, WalCheckpointer checkpointer) {
        this.file = file;
        this.connection = connection;
        this.checkpointer = checkpointer;
    }

    /** Opens (creating if needed) the store in {@code file}, migrating its schema. */
    public static SqliteProcessStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                // NORMAL in WAL mode: a committed batch survives a killed process; only a power cut may lose the last batches.
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=10000");
                // Checkpoints run beside the commits, not inside one of them (WalCheckpointer).
                statement.execute("PRAGMA wal_autocheckpoint=0");
            }
            SqliteProcessStore store = new SqliteProcessStore(file, connection, WalCheckpointer.start(file));
            try {
                synchronized (store) { // not shared yet; held so the lock discipline is the same everywhere
                    store.migrate();
                    store.outboxSequence = store.longQuery("SELECT coalesce(max(seq), 0) FROM outbox");
                }
            } catch (SQLException | RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (SQLException | java.io.IOException e) { // the file or the database: the user's to fix; anything else is a defect
            throw new StoreUnavailable("cannot open the process store " + file + ": " + e.getMessage(), e);
        }
    }

    @GuardedBy("this")
    private void migrate() throws SQLException {
        int version = (int) longQuery("PRAGMA user_version");
        if (version > MIGRATIONS.size()) {
            throw new StoreUnavailable("the process store " + file + " has schema version " + version
                    + ", newer than this Tilework knows (" + MIGRATIONS.size() + "); use a newer Tilework", null);
        }
        for (int next = version; next < MIGRATIONS.size(); next++) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(next).split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
                statement.execute("PRAGMA user_version = " + (next + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    public Path file() {
        return file;
    }

    /** What copies the write-ahead log into the database (for tests). */
    WalCheckpointer checkpointer() {
        return checkpointer;
    }

    @Override
    public synchronized int saveSpec(String name, List<String> sources) {
        int version = specVersion(name) + 1;
        long now = System.currentTimeMillis();
        String json = StateCodec.json(sources);
        try {
            connection.setAutoCommit(false);
            update("INSERT INTO spec_versions (name, version, sources, deployed) VALUES (?, ?, ?, ?)", name, version, json, now);
            update("INSERT INTO specs (name, sources, deployed, position) VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM specs)) "
                    + "ON CONFLICT (name) DO UPDATE SET sources = excluded.sources, deployed = excluded.deployed", name, json, now);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback();
            throw e instanceof StoreUnavailable p ? p
                    : new StoreUnavailable("cannot write to the process store " + file + ": " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
        return version;
    }

    @Override
    public synchronized Optional<List<String>> spec(String name, int version) {
        var found = new ArrayList<List<String>>();
        query("SELECT sources FROM spec_versions WHERE name = ? AND version = ?", rs -> found.add(sources(name, rs.getString(1))), name, version);
        return found.stream().findFirst();
    }

    @Override
    public synchronized int specVersion(String name) {
        long[] version = {0};
        query("SELECT coalesce(max(version), 0) FROM spec_versions WHERE name = ?", rs -> version[0] = rs.getLong(1), name);
        return (int) version[0];
    }

    @SuppressWarnings("unchecked")
    private List<String> sources(String name, String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, List.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreUnavailable("corrupt specification " + name + " in " + file, e);
        }
    }

    @Override
    public synchronized Map<String, List<String>> specs() {
        var specs = new LinkedHashMap<String, List<String>>();
        query("SELECT name, sources FROM specs ORDER BY position", rs -> specs.put(rs.getString(1), sources(rs.getString(1), rs.getString(2))));
        return specs;
    }

    @Override
    public synchronized int saveModel(String name, String conformsTo, String source) {
        long[] latest = {0};
        query("SELECT coalesce(max(version), 0) FROM models WHERE name = ?", rs -> latest[0] = rs.getLong(1), name);
        int version = (int) latest[0] + 1;
        update("INSERT INTO models (name, version, conforms_to, source, deployed) VALUES (?, ?, ?, ?, ?)",
                name, version, conformsTo, source, System.currentTimeMillis());
        return version;
    }

    @Override
    public synchronized Optional<StoredModel> model(String name, int version) {
        var found = new ArrayList<StoredModel>();
        String sql = "SELECT name, version, conforms_to, source, deployed FROM models WHERE name = ?"
                + (version > 0 ? " AND version = " + version : "") + " ORDER BY version DESC LIMIT 1";
        query(sql, rs -> found.add(storedModel(rs)), name);
        return found.stream().findFirst();
    }

    @Override
    public synchronized List<StoredModel> models() {
        var found = new ArrayList<StoredModel>();
        query("SELECT name, version, conforms_to, source, deployed FROM models m WHERE version = "
                + "(SELECT max(version) FROM models WHERE name = m.name) ORDER BY name", rs -> found.add(storedModel(rs)));
        return found;
    }

    private static StoredModel storedModel(ResultSet rs) throws SQLException {
        return new StoredModel(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)));
    }

    @Override
    public synchronized void commit(List<Commit> commits) {
        if (commits.isEmpty()) {
            return;
        }
        long sequence = outboxSequence;
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement instance = connection.prepareStatement(
                         "INSERT INTO instances (id, model, model_version, spec_version, parent, state, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                 + "ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated = excluded.updated");
                 PreparedStatement log = connection.prepareStatement(
                         "INSERT INTO log (instance, tx, time, event, object, payload, status, message, effects) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement snapshot = connection.prepareStatement(
                         "INSERT OR REPLACE INTO snapshots (instance, tx, state) VALUES (?, ?, ?)");
                 PreparedStatement outbox = connection.prepareStatement(
                         "INSERT OR IGNORE INTO outbox (key, seq, instance, operation, actor, recipient, object, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement delivered = connection.prepareStatement("UPDATE outbox SET delivered = ? WHERE key = ?");
                 PreparedStatement schedule = connection.prepareStatement(
                         "INSERT OR REPLACE INTO timers (key, instance, event, object, due) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement unschedule = connection.prepareStatement("DELETE FROM timers WHERE key = ?");
                 PreparedStatement removeFired = connection.prepareStatement("DELETE FROM timers WHERE key = ? AND due = ?");
                 PreparedStatement inbox = connection.prepareStatement(
                         "INSERT OR IGNORE INTO inbox (key, seq, actor, instance, object, message, created) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                long now = System.currentTimeMillis();
                for (Commit commit : commits) {
                    // Timers are written in the order of the effects: one batch may schedule a timer and cancel it again.
                    for (TimerEntry fired : commit.firedTimers()) {
                        set(removeFired, fired.key(), fired.due());
                        removeFired.executeUpdate();
                    }
                    if (commit.instance() != null) {
                        InstanceSummary summary = commit.instance();
                        set(instance, summary.id(), summary.model(), summary.modelVersion(), summary.specVersion(), summary.parent(), summary.state(),
                                summary.created().toEpochMilli(), summary.updated().toEpochMilli());
                        instance.addBatch();
                    }
                    LogRecord record = commit.log();
                    if (record != null) {
                        set(log, record.instance(), record.transaction(), record.time().toEpochMilli(), record.event(), record.object(),
                                StateCodec.json(record.payload()), record.status(), record.message(), StateCodec.effects(record.effects()));
                        log.addBatch();
                        for (Effect effect : record.effects()) {
                            switch (effect) {
                                case Effect.Sent sent -> {
                                    set(outbox, sent.key(), ++sequence, record.instance(), sent.operation(), sent.actor(), sent.to(), sent.object(),
                                            StateCodec.json(sent.payload()));
                                    outbox.addBatch();
                                }
                                case Effect.Scheduled timer -> {
                                    set(schedule, timer.key(), record.instance(), timer.event(), timer.object(), timer.due());
                                    schedule.executeUpdate();
                                }
                                case Effect.Unscheduled timer -> {
                                    unschedule.setString(1, timer.key());
                                    unschedule.executeUpdate();
                                }
                                default -> {
                                }
                            }
                        }
                    }
                    if (commit.snapshot() != null) {
                        set(snapshot, commit.snapshot().id(), commit.snapshot().transactions(), StateCodec.snapshot(commit.snapshot()));
                        snapshot.addBatch();
                    }
                    for (String key : commit.delivered()) {
                        set(delivered, now, key);
                        delivered.addBatch();
                    }
                    for (InboxEntry entry : commit.inbox()) {
                        set(inbox, entry.key(), ++sequence, entry.actor(), entry.instance(), entry.object(), StateCodec.json(entry.message()),
                                entry.created().toEpochMilli());
                        inbox.addBatch();
                    }
                }
                instance.executeBatch();
                log.executeBatch();
                outbox.executeBatch();
                snapshot.executeBatch();
                delivered.executeBatch();
                inbox.executeBatch();
            }
            connection.commit();
            outboxSequence = sequence;
            checkpointer.committed();
        } catch (SQLException e) {
            rollback();
            throw new StoreUnavailable("cannot write to the process store " + file + ": " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    @GuardedBy("this")
    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the original failure says why
        }
    }

    @GuardedBy("this")
    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // reported by the next use of the connection
        }
    }

    @Override
    public synchronized List<InstanceSummary> instances() {
        var found = new ArrayList<InstanceSummary>();
        query("SELECT id, model, model_version, spec_version, parent, state, created, updated FROM instances ORDER BY created, id", rs -> found.add(summary(rs)));
        return found;
    }

    @Override
    public synchronized Optional<InstanceSummary> instance(String id) {
        var found = new ArrayList<InstanceSummary>();
        query("SELECT id, model, model_version, spec_version, parent, state, created, updated FROM instances WHERE id = ?", rs -> found.add(summary(rs)), id);
        return found.stream().findFirst();
    }

    @Override
    public synchronized List<InstanceSummary> children(String parent) {
        var found = new ArrayList<InstanceSummary>();
        query("SELECT id, model, model_version, spec_version, parent, state, created, updated FROM instances WHERE parent = ? ORDER BY created, id",
                rs -> found.add(summary(rs)), parent);
        return found;
    }

    private static InstanceSummary summary(ResultSet rs) throws SQLException {
        return new InstanceSummary(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)));
    }

    @Override
    public synchronized Optional<InstanceState> snapshot(String id) {
        var found = new ArrayList<InstanceState>();
        query("SELECT state FROM snapshots WHERE instance = ?", rs -> found.add(StateCodec.snapshot(rs.getString(1))), id);
        return found.stream().findFirst();
    }

    @Override
    public synchronized List<LogRecord> log(String id, long afterTransaction) {
        var found = new ArrayList<LogRecord>();
        query("SELECT instance, tx, time, event, object, payload, status, message, effects FROM log WHERE instance = ? AND tx > ? ORDER BY seq",
                rs -> found.add(new LogRecord(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                        rs.getString(5), StateCodec.map(rs.getString(6)), rs.getString(7), rs.getString(8), StateCodec.effects(rs.getString(9)))),
                id, afterTransaction);
        return found;
    }

    @Override
    public synchronized List<OutboxEntry> pendingOutbox() {
        var found = new ArrayList<OutboxEntry>();
        query("SELECT key, instance, operation, actor, recipient, object, payload FROM outbox WHERE delivered IS NULL ORDER BY seq",
                rs -> found.add(outboxEntry(rs)));
        return found;
    }

    @Override
    // No index by instance: it would cost every send and acknowledgement, and the pending entries are few.
    public synchronized List<OutboxEntry> pendingOutbox(String instance) {
        var found = new ArrayList<OutboxEntry>();
        query("SELECT key, instance, operation, actor, recipient, object, payload FROM outbox WHERE delivered IS NULL AND instance = ? ORDER BY seq",
                rs -> found.add(outboxEntry(rs)), instance);
        return found;
    }

    private static OutboxEntry outboxEntry(ResultSet rs) throws SQLException {
        return new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                StateCodec.map(rs.getString(7)));
    }

    @Override
    public synchronized List<TimerEntry> timers() {
        var found = new ArrayList<TimerEntry>();
        query("SELECT key, instance, event, object, due FROM timers ORDER BY due",
                rs -> found.add(new TimerEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5))));
        return found;
    }

    @Override
    public synchronized List<InboxEntry> inbox(String actor) {
        var found = new ArrayList<InboxEntry>();
        query("SELECT key, actor, instance, object, message, created FROM inbox WHERE actor = ? ORDER BY seq",
                rs -> found.add(new InboxEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        StateCodec.map(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)))), actor);
        return found;
    }

    @Override
    public synchronized long nextInstanceNumber() {
        update("INSERT INTO counters (name, value) VALUES ('instance', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1");
        return longQuery("SELECT value FROM counters WHERE name = 'instance'");
    }

    @Override
    public synchronized void close() {
        checkpointer.close();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreUnavailable("cannot close the process store " + file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Rows {
        void row(ResultSet rs) throws SQLException;
    }

    @GuardedBy("this")
    private void query(String sql, Rows rows, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            set(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("cannot read the process store " + file + ": " + e.getMessage(), e);
        }
    }

    @GuardedBy("this")
    private void update(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            set(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailable("cannot write to the process store " + file + ": " + e.getMessage(), e);
        }
    }

    @GuardedBy("this")
    private long longQuery(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreUnavailable("cannot read the process store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void set(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
