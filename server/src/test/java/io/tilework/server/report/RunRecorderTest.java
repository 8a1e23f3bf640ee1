package io.tilework.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Codec;
import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.RetryPolicy;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.pool.Pools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@DisplayName("RunRecorder: what a real engine run did, bounded")
class RunRecorderTest {

    @TempDir
    Path dir;

    /** Reads of sizes 100, 200, ... each; a sum per group of three reads; a total over the sums. */
    private static Task<Long> graph(int groups) {
        var sums = new ArrayList<Task<Long>>();
        for (int g = 0; g < groups; g++) {
            var reads = new ArrayList<Task<Long>>();
            for (int r = 0; r < 3; r++) {
                long value = g * 3L + r;
                reads.add(Task.<Long>builder(TaskKey.of("demo.read", 1, g + "/" + r)).estimatedBytes(100 * (value + 1))
                        .codec(Codec.LONG).compute((in, cancel) -> value));
            }
            sums.add(sum("demo.sum", "" + g, 1000, reads));
        }
        return sum("demo.total", "all", 5000, sums);
    }

    private static Task<Long> sum(String recipe, String chunk, long bytes, List<Task<Long>> inputs) {
        return Task.<Long>builder(TaskKey.of(recipe, 1, chunk)).inputs(inputs).estimatedBytes(bytes).codec(Codec.LONG)
                .compute((in, cancel) -> in.<Long>all().stream().mapToLong(Long::longValue).sum());
    }

    private Engine engine(RunRecorder recorder) {
        return Engine.builder().pool(Pools.cpu(2)).store(dir.resolve("store"), 1L << 30).listener(recorder).build();
    }

    @Test
    @DisplayName("spans per worker thread, flows and bytes as produced, failures and retries, then cache hits on a second run")
    void realRun_recordsSpansFlowsFailuresAndCache() throws Exception {
        var recorder = new RunRecorder("demo");
        var attempts = new AtomicInteger();
        try (Engine engine = engine(recorder)) {
            assertEquals(66L, engine.submit(graph(4)).get(60, TimeUnit.SECONDS), "0 + 1 + ... + 11");
            Task<Long> flaky = Task.<Long>builder(TaskKey.of("demo.flaky", 1, "0")).retry(RetryPolicy.attempts(2, Duration.ZERO))
                    .compute((in, cancel) -> {
                        if (attempts.incrementAndGet() == 1) {
                            throw new IOException("transient: try again");
                        }
                        return 1L;
                    });
            assertEquals(1L, engine.submit(flaky).get(60, TimeUnit.SECONDS));
            Task<Long> broken = Task.<Long>builder(TaskKey.of("demo.broken", 1, "0")).compute((in, cancel) -> {
                throw new IllegalStateException("bad chunk\nsecond line");
            });
            assertThrows(ExecutionException.class, () -> engine.submit(broken).get(60, TimeUnit.SECONDS));
        }
        recorder.finish("failed: demo.broken");
        RunRecorder.Snapshot run = recorder.snapshot();

        assertEquals("demo", run.title());
        assertEquals("failed: demo.broken", run.outcome());
        assertTrue(run.endMillis() >= run.startMillis() && run.startMillis() > 0);
        // 12 reads, 4 sums, 1 total, the flaky one (its second attempt): 18 finished
        assertEquals(18, run.chunksDone());
        assertEquals(1, run.chunksFailed());
        long readBytes = IntStream.rangeClosed(1, 12).mapToLong(i -> 100L * i).sum();
        assertEquals(readBytes + 4 * 1000 + 5000, run.bytes(), "the sum of the finished tasks' estimated sizes");

        // spans: every attempt that started, in the two cpu threads' lanes
        assertEquals(20, run.tasks().size(), run.tasks().toString());
        Set<String> lanes = run.tasks().stream().map(RunRecorder.Span::lane).collect(Collectors.toSet());
        assertTrue(lanes.stream().allMatch(lane -> lane.startsWith("tilework-cpu-")), lanes.toString());
        assertTrue(lanes.size() <= 2, lanes.toString());
        for (var lane : lanes) { // one thread runs one task at a time: its bars never overlap
            var spans = run.tasks().stream().filter(s -> s.lane().equals(lane)).sorted(java.util.Comparator.comparingLong(RunRecorder.Span::startMillis)).toList();
            for (int i = 1; i < spans.size(); i++) {
                assertTrue(spans.get(i).startMillis() >= spans.get(i - 1).endMillis(), spans.get(i - 1) + " then " + spans.get(i));
            }
        }
        assertEquals(Map.of("finished", 18L, "failed", 2L),
                run.tasks().stream().collect(Collectors.groupingBy(RunRecorder.Span::state, Collectors.counting())));
        assertEquals(Set.of("demo.read", "demo.sum", "demo.total", "demo.flaky", "demo.broken"),
                run.tasks().stream().map(RunRecorder.Span::recipe).collect(Collectors.toSet()));

        // flows: each read consumed once by a sum, each sum once by the total; bytes are what they produced
        assertEquals(Set.of(new RunRecorder.Flow("demo.read", "demo.sum", 12, readBytes), new RunRecorder.Flow("demo.sum", "demo.total", 4, 4000)),
                new HashSet<>(run.flows()));

        assertEquals(2, run.failures().size());
        assertEquals(new RunRecorder.Failure("demo.flaky@1:0", 1, true, "transient: try again"), run.failures().get(0));
        assertEquals(new RunRecorder.Failure("demo.broken@1:0", 1, false, "bad chunk"), run.failures().get(1));
        assertTrue(run.slowest().size() <= 20 && !run.slowest().isEmpty());
        for (int i = 1; i < run.slowest().size(); i++) {
            assertTrue(run.slowest().get(i - 1).millis() >= run.slowest().get(i).millis(), "longest first");
        }
        assertEquals(2, run.currentPools().get("cpu").slots());
        assertFalse(run.pools().isEmpty());
        assertEquals(0, run.cache().hits());
        assertEquals(17, run.cache().misses(), "every task with a codec was looked up once");

        // the same graph again on the same store: the total is read back, nothing runs
        var second = new RunRecorder("demo again");
        try (Engine engine = engine(second)) {
            assertEquals(66L, engine.submit(graph(4)).get(60, TimeUnit.SECONDS));
        }
        second.finish("succeeded");
        RunRecorder.Cache cache = second.snapshot().cache();
        assertEquals(1, cache.hits());
        assertEquals(0, cache.misses());
        assertEquals(1.0, cache.ratio());
        assertTrue(cache.hitBytes() > 0, cache.toString());
        assertEquals(0, second.snapshot().chunksDone());
        assertTrue(second.snapshot().tasks().isEmpty());
    }

    private static void assertThrows(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable run) {
        org.junit.jupiter.api.Assertions.assertThrows(type, run);
    }

    @Test
    @DisplayName("10,000 tiny tasks: every one counted, at most 2,000 spans, 20 slowest and 100 failures kept")
    void manyTasks_boundedSnapshot() throws Exception {
        var recorder = new RunRecorder("many");
        List<Task<Long>> tasks = IntStream.range(0, 10_000).mapToObj(i -> Task.<Long>builder(TaskKey.of("tiny", 1, "" + i))
                .estimatedBytes(3).compute((in, cancel) -> (long) i)).toList();
        var sum = new AtomicLong();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).listener(recorder).build();
             ResultStream<Long> results = engine.stream(tasks, 64)) {
            results.forEachRemaining(sum::addAndGet);
            for (int i = 0; i < 150; i++) {
                int n = i;
                assertThrows(ExecutionException.class, () -> engine.submit(Task.<Long>builder(TaskKey.of("bad", 1, "" + n))
                        .compute((in, cancel) -> {
                            throw new IllegalArgumentException("bad " + n);
                        })).get(60, TimeUnit.SECONDS));
            }
        }
        recorder.finish("succeeded");
        RunRecorder.Snapshot run = recorder.snapshot();
        assertEquals(49_995_000L, sum.get());
        assertEquals(10_000, run.chunksDone());
        assertEquals(30_000, run.bytes());
        assertEquals(150, run.chunksFailed());
        assertEquals(RunRecorder.MAX_SPANS, run.tasks().size());
        assertEquals("bad@1:149", run.tasks().get(run.tasks().size() - 1).key(), "the most recent spans are kept");
        assertEquals(20, run.slowest().size());
        assertEquals(100, run.failures().size());
        assertEquals("bad 149", run.failures().get(99).message());
        assertTrue(run.chunksPerSecond() > 0, "the run ended less than 5 s ago: " + run.chunksPerSecond());
    }

    @Test
    @DisplayName("tasks overlapping in one lane (virtual threads, a remote pool) get numbered rows, reused when free")
    void overlappingSpans_getRowsOfTheirLane() {
        var now = new AtomicLong(1_000);
        var recorder = new RunRecorder("rows", now::get);
        TaskKey a = TaskKey.of("r", 1, "a");
        TaskKey b = TaskKey.of("r", 1, "b");
        TaskKey c = TaskKey.of("r", 1, "c");
        recorder.on(new EngineEvent.Started(a, "io", 1, "io", List.of()));
        recorder.on(new EngineEvent.Started(b, "io", 1, "io", List.of()));
        now.addAndGet(10);
        recorder.on(new EngineEvent.Finished(a, "io", 10_000_000, 1, "io"));
        recorder.on(new EngineEvent.Started(c, "io", 1, "io", List.of(new EngineEvent.Started.Input(a, 1))));
        var tasks = recorder.snapshot().tasks();
        assertEquals(List.of("io", "io #2", "io"), tasks.stream().map(RunRecorder.Span::lane).toList(),
                "a finished first, then the running b and c by start");
        assertEquals(List.of("finished", "running", "running"), tasks.stream().map(RunRecorder.Span::state).toList());
        assertEquals(0, tasks.get(1).endMillis());
        recorder.finish("cancelled");
        assertEquals(List.of("finished", "cancelled", "cancelled"), recorder.snapshot().tasks().stream().map(RunRecorder.Span::state).toList(),
                "a task still open at the end is closed as cancelled");
        assertEquals(List.of(), recorder.snapshot().flows(), "c never finished: it consumed nothing");
    }

    @Test
    @DisplayName("pool samples: one per pool per 250 ms, thinned in a long run to a bounded list over the whole run")
    void poolSamples_areBounded() {
        var now = new AtomicLong(0);
        var recorder = new RunRecorder("long", now::get);
        for (int i = 0; i < 40_000; i++) {
            now.addAndGet(100);
            recorder.on(new EngineEvent.PoolOccupancy("cpu", i % 3, 0, 2));
        }
        var samples = recorder.snapshot().pools();
        assertTrue(samples.size() < RunRecorder.MAX_SAMPLES, samples.size() + " samples");
        assertTrue(samples.size() > RunRecorder.MAX_SAMPLES / 4, samples.size() + " samples");
        assertEquals(0, samples.get(0).millis(), "from the run's start");
        assertTrue(samples.stream().skip(2).allMatch(s -> s.running() == 2), "each sample holds the most that ran since the one before");
        assertTrue(samples.get(samples.size() - 1).millis() > 3_900_000, "to its end");
        assertEquals(new RunRecorder.PoolSample(4_000_000, "cpu", 39_999 % 3, 0, 2), recorder.snapshot().currentPools().get("cpu"));
    }
}
