package io.tilework.process.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalCheckpointerTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the write-ahead log reaches the database beside the commits, while the store is open, and nothing is lost")
    void checkpointsRunBesideTheCommits() throws Exception {
        Path file = dir.resolve("process.db");
        try (var store = SqliteProcessStore.open(file)) {
            long before = Files.size(file);
            for (int i = 0; i < 3_000; i++) {
                Instant now = Instant.ofEpochMilli(1_000_000L + i);
                store.commit(List.of(new Commit(new InstanceSummary("i-" + i, "model", 1, 1, null, "running " + "x".repeat(200), now, now),
                        null, null, List.of(), List.of(), List.of())));
            }
            store.checkpointer().next().get(60, TimeUnit.SECONDS);
            // SQLite's own checkpoints are off: only the checkpointer moves pages from the log into the file.
            assertTrue(Files.size(file) > before + 500_000, "the database file holds the rows: " + Files.size(file) + " bytes");
            assertTrue(store.checkpointer().checkpoints() >= 1);
        }
        try (var reopened = SqliteProcessStore.open(file)) {
            assertEquals(3_000, reopened.instances().size());
        }
    }
}
