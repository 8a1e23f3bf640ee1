package io.tilework.process.service;

import io.tilework.process.store.PostgresProcessStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the engines on one PostgreSQL database is the active one: the holder of a session-level
 * advisory lock on a connection of its own. The server drops the lock when that session ends — the
 * JVM killed, the connection lost, the database restarted — and a standby trying every
 * {@link #INTERVAL_MS} takes it. Each new leader increments the epoch in the {@code leadership} row;
 * the active engine's commits check it is still theirs ({@link FencedWriter}), so a leader deposed
 * without knowing it yet cannot write. The active engine checks its lock's connection at the same
 * pace and stands down when it is gone.
 */
final class Leadership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
    /** How often a standby tries the lock and the leader checks its connection: failover takes about this plus the recovery. */
    static final long INTERVAL_MS = 1_000;
    /** The advisory lock's key: one leader per database. */
    static final long LOCK_KEY = PostgresProcessStore.LEADERSHIP_LOCK;

    /** Told on the leadership thread when this engine gains or loses leadership. */
    interface Listener {
        /** Became the leader in {@code term}; throwing (e.g. the store could not be read to recover) gives leadership up again. */
        void elected(long term);

        void deposed();
    }

    private final PostgresProcessStore store;
    private final String name;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;
    /** The lock's connection; leadership thread only (and close, after it stopped). */
    private Connection connection;
    private volatile long term;
    /** Set when this engine learns another term began (its commit was fenced): it gives leadership up at the next step. */
    private volatile boolean resign;

    Leadership(PostgresProcessStore store, String name, Listener listener) {
        this.store = store;
        this.name = name;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("tilework-process-leadership").daemon().unstarted(this::run);
    }

    /** Tries once on the caller's thread (so a lone engine serves when opened), then keeps trying or checking on a thread of its own. */
    void start() {
        step();
        thread.start();
    }

    /** The term this engine leads in; 0 when it does not lead. */
    long term() {
        return term;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                step();
            }
        }
    }

    private synchronized void step() {
        try {
            if (connection == null) {
                connection = store.dedicatedConnection();
            }
            if (term == 0) {
                resign = false;
                tryToLead();
            } else if (resign) {
                resign = false;
                lost(new IllegalStateException("a commit found another leadership term begun"));
            } else {
                check();
            }
        } catch (SQLException | RuntimeException e) {
            lost(e);
        }
    }

    private void tryToLead() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return;
            }
        }
        long elected;
        try (PreparedStatement next = connection.prepareStatement(
                // an upsert: a leadership row deleted by hand (or a test emptying the tables) must not leave every engine a standby
                "INSERT INTO leadership (id, epoch, holder, since) VALUES (1, 1, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        + "epoch = leadership.epoch + 1, holder = excluded.holder, since = excluded.since RETURNING epoch")) {
            next.setString(1, name);
            next.setLong(2, System.currentTimeMillis());
            try (ResultSet rs = next.executeQuery()) {
                rs.next();
                elected = rs.getLong(1);
            }
        }
        term = elected;
        LOG.info("this process engine ({}) is now the active one on {} (term {})", name, store.location(), elected);
        try {
            listener.elected(elected);
        } catch (RuntimeException e) {
            LOG.warn("taking up the active engine's work failed; leadership is given up and tried again: {}", e.toString());
            term = 0;
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        }
    }

    private void check() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, INTERVAL_MS * 2 / 1000));
            statement.execute("SELECT 1");
        }
    }

    /** The lock's connection failed, or another term began: whatever this engine led, it does not any more (closing the session drops the lock). */
    private void lost(Exception e) {
        closeConnection();
        if (term != 0) {
            term = 0;
            LOG.warn("this process engine ({}) no longer leads on {} and stands down: {}", name, store.location(), e.toString());
            listener.deposed();
        } else {
            LOG.debug("cannot try for leadership on {}: {}", store.location(), e.toString());
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is gone either way
            }
            connection = null;
        }
    }

    /**
     * Gives leadership up at the next step (any thread, never blocking): this engine found that
     * another term began, so whatever it believes, it no longer leads.
     */
    void resign() {
        resign = true;
    }

    /** Gives leadership up (closing the session drops the lock): a standby takes over within {@link #INTERVAL_MS}. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (term != 0 && connection != null) {
                // Released here, not when the server gets round to ending the session: an engine opened next leads at once.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                } catch (SQLException e) {
                    // the session's end releases it
                }
            }
            term = 0;
            closeConnection();
        }
    }
}
