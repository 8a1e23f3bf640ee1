package io.tilework.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.failure.DiskFull;
import io.tilework.testkit.SmallDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AtomicFile")
class AtomicFileTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("bytes, a stream and a channel each give the whole content, with nothing else left in the folder")
    void threeShapes_writeTheWholeContent() throws IOException {
        Path a = temp.resolve("sub/a.bin");
        AtomicFile.write(a, new byte[] {1, 2, 3});
        Path b = temp.resolve("sub/b.txt");
        AtomicFile.write(b, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        Path c = temp.resolve("sub/c.txt");
        AtomicFile.writeChannel(c, channel -> channel.write(StandardCharsets.UTF_8.encode("world")));

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(a));
        assertEquals("hello", Files.readString(b));
        assertEquals("world", Files.readString(c));
        assertEquals(List.of("a.bin", "b.txt", "c.txt"), names(temp.resolve("sub")));
    }

    @Test
    @DisplayName("a write that fails midway leaves the earlier file intact and no temporary file")
    void failureMidway_keepsTheOldFile_andNoTemporary() throws IOException {
        Path target = temp.resolve("report.json");
        Files.writeString(target, "the earlier report");
        var failure = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(new byte[100_000]); // past the buffer: bytes are on disk in the temporary file
            throw new IOException("the writer broke");
        }));
        assertEquals("the writer broke", failure.getMessage());
        assertEquals("the earlier report", Files.readString(target));
        assertEquals(List.of("report.json"), names(temp));

        assertThrows(IllegalStateException.class, () -> AtomicFile.writeFile(target, path -> {
            Files.writeString(path, "half");
            throw new IllegalStateException("a bug in the writer");
        }));
        assertEquals("the earlier report", Files.readString(target));
        assertEquals(List.of("report.json"), names(temp));
    }

    @Test
    @DisplayName("content its reader checks is written whole and renamed the same way, only not forced to disk")
    void checkedByReader_isAtomicToo() throws IOException {
        Path target = temp.resolve("entry.chunk");
        Files.writeString(target, "the earlier entry");
        byte[] entry = "a whole entry".getBytes(StandardCharsets.UTF_8);
        AtomicFile.writeChannel(target, channel -> channel.write(java.nio.ByteBuffer.wrap(entry)),
                AtomicFile.Durability.CHECKED_BY_READER);
        assertArrayEquals(entry, Files.readAllBytes(target));
        assertThrows(IOException.class, () -> AtomicFile.writeChannel(target, channel -> {
            channel.write(java.nio.ByteBuffer.wrap("half".getBytes(StandardCharsets.UTF_8)));
            throw new IOException("the writer failed");
        }, AtomicFile.Durability.CHECKED_BY_READER));
        assertArrayEquals(entry, Files.readAllBytes(target));
        assertEquals(List.of("entry.chunk"), names(temp));
    }

    @Test
    @DisplayName("a temporary file that is a hard link to the target itself commits and leaves no temporary name")
    void commitOfTheTargetsOwnLink_leavesNoTemporary() throws IOException {
        Path target = temp.resolve("slope.tif");
        Files.writeString(target, "the kept output");
        try (AtomicFile file = AtomicFile.begin(target)) {
            Files.createLink(file.path(), target); // what linking a kept output over itself does
            file.commit();
        }
        assertEquals("the kept output", Files.readString(target));
        assertEquals(List.of("slope.tif"), names(temp));
    }

    @Test
    @DisplayName("begin: a unique sibling that keeps the extension, renamed on commit, deleted when not committed")
    void begin_commitOrClose() throws IOException {
        Path target = temp.resolve("same.tif");
        try (AtomicFile first = AtomicFile.begin(target); AtomicFile second = AtomicFile.begin(target)) {
            assertFalse(first.path().equals(second.path()), "two writers of one target get two names");
            for (AtomicFile file : List.of(first, second)) {
                String name = file.path().getFileName().toString();
                assertEquals(target.getParent(), file.path().getParent());
                assertTrue(name.startsWith(".same.tif.tw-" + ProcessHandle.current().pid() + "-") && name.endsWith(".part.tif"), name);
                assertTrue(Leftovers.isTemporary(file.path()), name);
                assertFalse(Files.exists(file.path()), "nothing exists until the writer creates it");
            }
            Files.writeString(first.path(), "first");
            Files.writeString(second.path(), "second, never committed");
            first.commit();
        }
        assertEquals("first", Files.readString(target));
        assertEquals(List.of("same.tif"), names(temp));

        try (AtomicFile nothing = AtomicFile.begin(target)) {
            assertThrows(NoSuchFileException.class, nothing::commit);
        }
        assertEquals("first", Files.readString(target));
    }

    @Test
    @DisplayName("many writers of one target at once: every write succeeds, the target holds one of them whole (the last complete one)")
    void concurrentWriters_lastCompleteWriteWins() throws Exception {
        Path target = temp.resolve("shared.bin");
        int writers = 8;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<?>>();
        try (var threads = Executors.newFixedThreadPool(writers)) {
            for (int w = 0; w < writers; w++) {
                byte[] content = new byte[256 * 1024];
                Arrays.fill(content, (byte) w);
                results.add(threads.submit(() -> {
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        AtomicFile.write(target, content);
                        byte[] read = Files.readAllBytes(target); // any reader sees one whole write
                        assertEquals(content.length, read.length);
                        for (byte b : read) {
                            assertEquals(read[0], b, "a mix of two writes");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var result : results) {
                result.get();
            }
        }
        assertEquals(List.of("shared.bin"), names(temp));
    }

    @Test
    @DisplayName("a full disk: DiskFull names the file and the space left; the earlier file stays, no temporary file")
    void fullDisk_isDiskFull_andTheEarlierFileStays() throws IOException {
        Assumptions.assumeTrue(SmallDisk.unavailable().isEmpty(), () -> SmallDisk.unavailable().orElseThrow());
        try (SmallDisk disk = SmallDisk.mount(temp.resolve("disk"), "1m")) {
            Path target = disk.path().resolve("out.bin");
            AtomicFile.write(target, new byte[300_000]);
            var full = assertThrows(DiskFull.class, () -> AtomicFile.write(target, new byte[900_000]));
            assertTrue(full.getMessage().startsWith("cannot write " + target + ": the disk is full ("), full.getMessage());
            assertTrue(full.getMessage().contains("free on the file system of " + disk.path()), full.getMessage());
            assertTrue(full.usableBytes() < 1_000_000, full.getMessage());
            assertEquals(300_000, Files.size(target));
            assertEquals(List.of("out.bin"), names(disk.path()));

            var viaTool = assertThrows(DiskFull.class, () -> AtomicFile.writeFile(disk.path().resolve("tool.tif"),
                    path -> Files.write(path, new byte[900_000])));
            assertEquals(disk.path().resolve("tool.tif"), viaTool.file());
            assertEquals(List.of("out.bin"), names(disk.path()));
        }
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
