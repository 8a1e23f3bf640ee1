package io.tilework.process.service;

import io.tilework.process.store.PostgresProcessStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL notifications (LISTEN) on a connection of its own, turned into wake-ups: a thread
 * waiting in {@link #await} for a channel returns when a NOTIFY on it arrives, or after its timeout
 * (the waiters poll the table then, so a notification lost with a connection only delays them).
 */
final class DatabaseSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSignals.class);

    private final PostgresProcessStore store;
    private final String[] channels;
    /** A counter per channel, bumped by each notification; waiters wait on it. */
    private final Map<String, long[]> generations = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    DatabaseSignals(PostgresProcessStore store, String... channels) {
        this.store = store;
        this.channels = channels.clone();
        for (String channel : channels) {
            generations.put(channel, new long[1]);
        }
        this.thread = Thread.ofPlatform().name("tilework-process-listen").daemon().start(this::run);
    }

    /** Waits until a notification on {@code channel} arrives or {@code millis} pass. */
    void await(String channel, long millis) throws InterruptedException {
        long[] generation = generations.get(channel);
        synchronized (generation) {
            long seen = generation[0];
            long deadline = System.currentTimeMillis() + millis;
            while (generation[0] == seen) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                generation.wait(left);
            }
        }
    }

    private void signal(String channel) {
        long[] generation = generations.get(channel);
        if (generation != null) {
            synchronized (generation) {
                generation[0]++;
                generation.notifyAll();
            }
        }
    }

    private void run() {
        while (running) {
            try (Connection connection = store.dedicatedConnection()) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : channels) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                PGConnection listening = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] arrived = listening.getNotifications(100); // short: closing waits for it
                    if (arrived != null) {
                        for (PGNotification notification : arrived) {
                            signal(notification.getName());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.debug("listening on {} failed; trying again in a second: {}", store.location(), e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
