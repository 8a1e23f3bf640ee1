package io.tilework.engine.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskFull: which failures mean a full disk, and the one line a person reads")
class DiskFullTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("the system's, GDAL's and SQLite's words for a full disk are recognised anywhere in the causes")
    void recognisesTheWordsForAFullDisk() {
        Path file = temp.resolve("out.gpkg");
        for (String message : new String[] {"No space left on device", "Disk quota exceeded",
                "Free disk space available is 1000 bytes, whereas 3000000 are at least necessary",
                "failed to execute insert : database or disk is full"}) {
            var wrapped = new IllegalStateException("computing tile 3 failed", new RuntimeException(message));
            var full = DiskFull.recognise(file, wrapped).orElseThrow(() -> new AssertionError(message));
            assertEquals(file.toAbsolutePath(), full.file());
            assertSame(wrapped, full.getCause());
            assertTrue(full.getMessage().startsWith("cannot write " + file.toAbsolutePath() + ": the disk is full ("), full.getMessage());
            assertTrue(full.getMessage().endsWith("free some space there or choose an output on another disk, then run the command again"));
        }
    }

    @Test
    @DisplayName("other failures are not a full disk while there is room")
    void otherFailures_areNot() {
        Assumptions.assumeTrue(DiskFull.usableSpace(temp) > DiskFull.LOW_SPACE_BYTES, "this test needs 16 MiB free in the temporary folder");
        Path file = temp.resolve("out.tif");
        assertTrue(DiskFull.recognise(file, new UncheckedIOException(new IOException("Permission denied"))).isEmpty());
        assertTrue(DiskFull.recognise(file, new IllegalArgumentException("bad row at line 3")).isEmpty());
    }

    @Test
    @DisplayName("sizes for people")
    void bytes() {
        assertEquals("0 B", DiskFull.bytes(0));
        assertEquals("999 B", DiskFull.bytes(999));
        assertEquals("3.5 kB", DiskFull.bytes(3500));
        assertEquals("71.2 MB", DiskFull.bytes(71_200_000));
        assertEquals("2.0 GB", DiskFull.bytes(2_000_000_000L));
    }
}
