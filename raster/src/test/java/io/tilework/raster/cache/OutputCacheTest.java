package io.tilework.raster.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("kept outputs: linked back only while unchanged, the oldest evicted")
class OutputCacheTest {

    @TempDir
    Path dir;

    private Path written(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    @DisplayName("a kept output is linked to the temporary name: same file, same content")
    void kept_isLinked() throws Exception {
        var cache = OutputCache.in(dir.resolve("cache"), false);
        Path out = written("out.tif", "pixels");
        assertFalse(cache.linkTo("k", dir.resolve("t1")), "nothing kept yet");
        cache.keep("k", out);
        Path temp = dir.resolve("t2");
        assertTrue(cache.linkTo("k", temp));
        assertEquals("pixels", Files.readString(temp));
        assertEquals(Files.readAttributes(out, "unix:ino").get("ino"), Files.readAttributes(temp, "unix:ino").get("ino"), "a hard link");
        assertFalse(cache.linkTo("other", dir.resolve("t3")), "another key");
    }

    @Test
    @DisplayName("an output changed after it was kept (content, or only its time) is dropped, and the temporary name left free")
    void changed_isDropped() throws Exception {
        var cache = OutputCache.in(dir.resolve("cache"), false);
        Path out = written("out.tif", "pixels");
        cache.keep("k", out);
        Files.writeString(out, "PIXELS"); // in place: the kept name is the same file
        Path temp = dir.resolve("t");
        assertFalse(cache.linkTo("k", temp));
        assertFalse(Files.exists(temp));
        try (var kept = Files.list(cache.directory())) {
            assertEquals(0, kept.count(), "the stale entry is removed");
        }

        cache.keep("k", out);
        Files.setLastModifiedTime(out, FileTime.fromMillis(Files.getLastModifiedTime(out).toMillis() - 10_000));
        assertFalse(cache.linkTo("k", temp), "another modification time");
    }

    @Test
    @DisplayName("overwrite reuses nothing but keeps the new output; the kept file vanishing is a miss")
    void overwrite_andVanished() throws Exception {
        Path root = dir.resolve("cache");
        cache(root).keep("k", written("a.tif", "a"));
        var overwriting = OutputCache.in(root, true);
        assertFalse(overwriting.linkTo("k", dir.resolve("t")));
        overwriting.keep("k", written("b.tif", "b"));
        Path temp = dir.resolve("t");
        assertTrue(cache(root).linkTo("k", temp));
        assertEquals("b", Files.readString(temp));
        Files.delete(temp);
        Files.delete(root.resolve("outputs").resolve("k.tif"));
        assertFalse(cache(root).linkTo("k", temp));

        // a keep that stopped between the link and its stamp: the file is removed, not served
        Path orphan = Files.writeString(root.resolve("outputs").resolve("o.tif"), "o");
        assertFalse(cache(root).linkTo("o", temp));
        assertFalse(Files.exists(orphan));
    }

    @Test
    @DisplayName("only the most recently kept outputs stay")
    void oldest_areEvicted() throws Exception {
        var cache = OutputCache.in(dir.resolve("cache"), false);
        for (int i = 0; i < OutputCache.KEPT + 2; i++) {
            cache.keep("k" + i, written("out" + i + ".tif", "v" + i));
            // stamps' times decide the order: make them distinct whatever the clock's resolution
            Files.setLastModifiedTime(cache.directory().resolve("k" + i + ".stamp"), FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        cache.keep("k" + (OutputCache.KEPT + 2), written("last.tif", "last"));
        int present = 0;
        for (int i = 0; i <= OutputCache.KEPT + 2; i++) {
            if (Files.exists(cache.directory().resolve("k" + i + ".tif"))) {
                present++;
            }
        }
        assertEquals(OutputCache.KEPT, present);
        assertFalse(cache.linkTo("k0", dir.resolve("t0")), "the oldest is gone");
        assertTrue(cache.linkTo("k" + (OutputCache.KEPT + 2), dir.resolve("t9")), "the newest stays");
        assertNotEquals(0, Files.size(dir.resolve("t9")));
    }

    private static OutputCache cache(Path root) {
        return OutputCache.in(root, false);
    }
}
