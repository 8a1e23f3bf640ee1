package io.tilework.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent.Evicted;
import io.tilework.engine.store.StoreWorkload.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("DiskChunkStore under concurrent use")
class DiskChunkStoreConcurrencyTest {

    /** Small enough that the workload's ~100 KiB of entries keeps eviction busy. */
    private static final long QUOTA = 48 * 1024;
    /** Operations per thread or process: a fixed amount of work, however fast the machine. */
    private static final int OPERATIONS = 1000;
    private static final int THREADS = 8;
    /**
     * What the size may reach after an operation: a put adds its entry and then evicts, so each
     * concurrent put (one per thread, both processes) may hold the store over its quota by one entry
     * until its eviction runs; twice that covers two puts of one key counting the same old file.
     */
    private static final long MAX_SIZE = QUOTA + 2 * (THREADS + 1) * StoreWorkload.MAX_ENTRY_BYTES;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("many threads putting and getting overlapping keys only ever read nothing or the value put")
    void manyThreads_overlappingKeys_readNothingOrTheExactValue() throws Exception {
        Path dir = temp.resolve("store");
        var problems = new CopyOnWriteArrayList<String>();
        var evictions = new AtomicInteger();
        var recorder = StoreWorkload.corruptionRecorder(problems);
        try (var store = DiskChunkStore.open(dir, QUOTA, event -> {
            recorder.on(event);
            if (event instanceof Evicted) {
                evictions.incrementAndGet();
            }
        })) {
            var results = new ArrayList<Future<Result>>();
            try (var threads = Executors.newFixedThreadPool(THREADS)) {
                for (int seed = 0; seed < THREADS; seed++) {
                    long s = seed;
                    results.add(threads.submit(() -> StoreWorkload.run(store, OPERATIONS, s, MAX_SIZE)));
                }
            }
            int hits = 0;
            for (var result : results) {
                problems.addAll(result.get().problems());
                hits += result.get().hits();
            }
            assertEquals(List.of(), problems);
            assertTrue(hits > 0, "some gets hit");
            assertTrue(evictions.get() > 0, "eviction ran concurrently with the puts");
            assertTrue(bytesOnDisk(dir) <= MAX_SIZE, "on disk after the run: " + bytesOnDisk(dir));
            assertEveryEntryReadsBackExactly(dir);
        }
    }

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("two JVMs sharing one directory only ever read nothing or the value put, and leave no temporary files")
    void twoProcesses_sharingOneDirectory_readNothingOrTheExactValue() throws Exception {
        Path dir = temp.resolve("store");
        Path childErrors = temp.resolve("child-stderr.txt");
        var child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                StoreWorkload.class.getName(), dir.toString(), Long.toString(QUOTA), Integer.toString(OPERATIONS), "99",
                Long.toString(MAX_SIZE))
                .redirectError(childErrors.toFile())
                .start();
        try (var childOutput = child.inputReader()) {
            var problems = new CopyOnWriteArrayList<String>();
            // Both processes may create the directory and its marker at the same time: that is part of the test.
            try (var store = DiskChunkStore.open(dir, QUOTA, StoreWorkload.corruptionRecorder(problems))) {
                assertEquals("ready", childOutput.readLine(), () -> "child failed to start: " + read(childErrors));
                Result mine = StoreWorkload.run(store, OPERATIONS, 1, MAX_SIZE);
                problems.addAll(mine.problems());

                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child still running");
                String summary = childOutput.readLine();
                assertEquals(0, child.exitValue(), () -> "child: " + summary + "\n" + read(childErrors));
                assertEquals(List.of(), problems);
                assertTrue(mine.puts() > 0 && summary.startsWith("done "), summary);
            }
            assertEveryEntryReadsBackExactly(dir);
        } finally {
            child.destroyForcibly();
        }
    }

    /** Every entry file belongs to a workload key and holds its exact value; no temporary file is left. */
    private static void assertEveryEntryReadsBackExactly(Path dir) throws IOException {
        Map<String, TaskKey> keysById = IntStream.range(0, StoreWorkload.KEYS).mapToObj(StoreWorkload::key)
                .collect(Collectors.toMap(TaskKey::id, Function.identity()));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertEquals(List.of(), files.stream().filter(f -> f.toString().endsWith(StoreLayout.TEMP_SUFFIX) || io.tilework.engine.io.Leftovers.isTemporary(f)).toList(),
                "temporary files left behind");
        var entries = files.stream().filter(f -> f.toString().endsWith(StoreLayout.CHUNK_SUFFIX)).toList();
        assertTrue(!entries.isEmpty(), "the store holds entries");
        var problems = new CopyOnWriteArrayList<String>();
        try (var store = DiskChunkStore.open(dir, Long.MAX_VALUE, StoreWorkload.corruptionRecorder(problems))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                TaskKey key = keysById.get(name.substring(0, name.length() - StoreLayout.CHUNK_SUFFIX.length()));
                assertTrue(key != null, () -> "unexpected entry " + entry);
                assertArrayEquals(StoreWorkload.valueOf(key), store.get(key).orElseThrow(), key.toString());
            }
        }
        assertEquals(List.of(), problems);
    }

    private static long bytesOnDisk(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.toString().endsWith(StoreLayout.CHUNK_SUFFIX)).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
