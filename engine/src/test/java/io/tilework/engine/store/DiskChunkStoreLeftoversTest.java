package io.tilework.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskChunkStore: what killed writers left is removed on open, what live writers write is not")
class DiskChunkStoreLeftoversTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a dead writer's temporary entry is removed at open, however recent; a live writer's stays and is no entry")
    void open_removesDeadWritersTemporaries_keepsLiveOnes() throws Exception {
        Path dir = temp.resolve("store");
        DiskChunkStore.open(dir, 1 << 20, event -> { }).close();
        Path shard = Files.createDirectories(dir.resolve("ab"));
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        Process running = new ProcessBuilder("cat").start(); // alive until its input closes
        try {
            Path dead = Files.writeString(shard.resolve(".ab12.chunk.tw-" + ended.pid() + "-00000000000000aa.part"), "half an entry");
            Path live = Files.writeString(shard.resolve(".ab34.chunk.tw-" + running.pid() + "-00000000000000bb.part"), "being written");
            Path deadMarker = Files.writeString(dir.resolve("." + StoreLayout.MARKER + ".tw-" + ended.pid() + "-00000000000000cc.part"), "lay");

            try (var store = DiskChunkStore.open(dir, 1 << 20, event -> { })) {
                assertFalse(Files.exists(dead));
                assertFalse(Files.exists(deadMarker));
                assertTrue(Files.exists(live));
                assertEquals(0, store.sizeBytes(), "a temporary file is not an entry");
            }
        } finally {
            running.destroyForcibly();
        }
    }
}
