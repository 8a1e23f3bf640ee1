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
import java.time.Duration;
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
    private static final Duration RUN = Duration.ofMillis(1500);

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
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
            try (var threads = Executors.newFixedThreadPool(8)) {
                for (int seed = 0; seed < 8; seed++) {
                    long s = seed;
                    results.add(threads.submit(() -> StoreWorkload.run(store, RUN, s)));
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
            assertEveryEntryReadsBackExactly(dir);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("two JVMs sharing one directory only ever read nothing or the value put, and leave no temporary files")
    void twoProcesses_sharingOneDirectory_readNothingOrTheExactValue() throws Exception {
        Path dir = temp.resolve("store");
        Path childErrors = temp.resolve("child-stderr.txt");
        var child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                StoreWorkload.class.getName(), dir.toString(), Long.toString(QUOTA), Long.toString(RUN.toMillis()), "99")
                .redirectError(childErrors.toFile())
                .start();
        try (var childOutput = child.inputReader()) {
            var problems = new CopyOnWriteArrayList<String>();
            // Both processes may create the directory and its marker at the same time: that is part of the test.
            try (var store = DiskChunkStore.open(dir, QUOTA, StoreWorkload.corruptionRecorder(problems))) {
                assertEquals("ready", childOutput.readLine(), () -> "child failed to start: " + read(childErrors));
                Result mine = StoreWorkload.run(store, RUN, 1);
                problems.addAll(mine.problems());

                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child still running");
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
