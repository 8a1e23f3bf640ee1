package io.tilework.process.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a SQLite store's write-ahead log into its database on a thread and connection of its
 * own, so that the engine's commits never wait for it. Left to SQLite, the commit that fills the
 * log past 1,000 pages runs the checkpoint itself, with an fsync of the log and of the database:
 * on a disk with slow fsyncs that one commit in a few hundred was the engine's p99 latency.
 *
 * <p>It runs every {@value #PERIOD_MS} ms when something was committed since the last one, as a
 * PASSIVE checkpoint: it copies what no reader still needs and never blocks a writer. A failed
 * checkpoint is logged and tried again at the next period; the log then only grows meanwhile.
 * Thread-safe: {@link #committed()} from the store's writer, the rest on its own thread.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    static final long PERIOD_MS = 250;

    private final Path file;
    /** Used only on the scheduler's thread (and closed after it stopped). */
    private final Connection connection;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tilework-process-checkpoint");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicLong checkpoints = new AtomicLong();
    private volatile CompletableFuture<Void> next = new CompletableFuture<>();
    private volatile boolean failing;

    private WalCheckpointer(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Starts checkpointing the store in {@code file}, which is in WAL mode. */
    static WalCheckpointer start(Path file) throws SQLException {
        var checkpointer = new WalCheckpointer(file, DriverManager.getConnection("jdbc:sqlite:" + file));
        checkpointer.scheduler.scheduleWithFixedDelay(checkpointer::checkpointIfDirty, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return checkpointer;
    }

    /** Something was committed: the next period checkpoints. */
    void committed() {
        dirty.set(true);
    }

    /** Checkpoints run so far (for tests). */
    long checkpoints() {
        return checkpoints.get();
    }

    /** Completes when the next checkpoint has run (for tests). */
    CompletableFuture<Void> next() {
        return next;
    }

    private void checkpointIfDirty() {
        if (!dirty.getAndSet(false)) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
            checkpoints.incrementAndGet();
            CompletableFuture<Void> done = next;
            next = new CompletableFuture<>();
            done.complete(null);
            if (failing) {
                failing = false;
                LOG.info("the process store {} is checkpointed again", file);
            }
        } catch (SQLException e) {
            dirty.set(true);
            if (!failing) {
                failing = true;
                LOG.warn("cannot checkpoint the process store {} ({}); its write-ahead log grows until this passes", file, e.getMessage());
            }
        }
    }

    /** Stops checkpointing; closing the store's last connection then checkpoints what is left. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the checkpoint connection of {} failed: {}", file, e.getMessage());
        }
    }
}
