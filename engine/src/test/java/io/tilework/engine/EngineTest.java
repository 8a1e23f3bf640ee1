package io.tilework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.Pools;
import io.tilework.engine.pool.SerializingPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
@DisplayName("engine: streams, sharing, failures, cancellation, budget, store")
class EngineTest {

    private final Tasks tasks = new Tasks();

    private static Engine engine() {
        return Engine.builder().pool(Pools.cpu(2)).build();
    }

    @Test
    @DisplayName("a stream delivers every request once, in request order")
    void stream_deliversInRequestOrder() {
        try (Engine engine = engine()) {
            List<Task<Long>> requests = IntStream.range(0, 200)
                    .mapToObj(i -> slowLeaf("v", i, (200 - i) % 7)).toList();
            try (ResultStream<Long> stream = engine.stream(requests, 8)) {
                for (int i = 0; i < 200; i++) {
                    assertEquals(i, stream.next());
                }
                assertFalse(stream.hasNext());
            }
            assertEquals(0, engine.liveTasks());
            assertEquals(0, engine.heldBytes());
        }
    }

    @Test
    @DisplayName("lookahead bounds how far work runs ahead of the consumer")
    void lookahead_boundsWorkAhead() throws InterruptedException {
        var started = new AtomicInteger();
        try (Engine engine = engine()) {
            List<Task<Long>> requests = IntStream.range(0, 50).mapToObj(i -> Task.<Long>builder(TaskKey.of("ahead", 1, "" + i))
                    .compute((in, cancel) -> {
                        started.incrementAndGet();
                        return (long) i;
                    })).toList();
            try (ResultStream<Long> stream = engine.stream(requests, 3)) {
                for (int taken = 0; taken < 50; taken++) {
                    // The engine runs as far ahead as it will (the lookahead filled), then it must have stopped there.
                    int filled = Math.min(taken + 3, 50);
                    Awaiting.until(engine, () -> started.get() >= filled, () -> "the lookahead filled: " + started.get() + " started");
                    assertTrue(started.get() <= taken + 3, "started " + started.get() + " with " + taken + " taken");
                    stream.next();
                }
            }
        }
    }

    @Test
    @DisplayName("equal keys are computed once, in flight and across streams")
    void sharedInputs_areComputedOnce() {
        var bothOpen = new CountDownLatch(1);
        try (Engine engine = engine()) {
            // in flight until both streams have claimed it (without a store, a released result is gone)
            Task<Long> shared = Task.<Long>builder(TaskKey.of("dem", 1, "tile-0")).compute((in, cancel) -> {
                tasks.count(TaskKey.of("dem", 1, "tile-0"));
                bothOpen.await();
                return 100L;
            });
            List<Task<Long>> a = IntStream.range(0, 20).mapToObj(i -> tasks.sum("slope", "a" + i, i, List.of(shared))).toList();
            List<Task<Long>> b = IntStream.range(0, 20).mapToObj(i -> tasks.sum("aspect", "b" + i, i, List.of(shared))).toList();
            try (var first = engine.stream(a, 20); var second = engine.stream(b, 20)) {
                bothOpen.countDown();
                for (int i = 0; i < 20; i++) {
                    assertEquals(100 + i, first.next());
                    assertEquals(100 + i, second.next());
                }
            }
            assertEquals(1, tasks.computations(shared.key()));
        }
    }

    @Test
    @DisplayName("a failure fails exactly the requests that need it, at their position, naming the chunk")
    void failure_isIsolatedAndDeliveredInPlace() throws InterruptedException {
        try (Engine engine = engine()) {
            Task<Long> broken = Task.<Long>builder(TaskKey.of("read", 1, "cell-7")).compute((in, cancel) -> {
                throw new IOException("cell-7.000: Data record is short");
            });
            List<Task<Long>> requests = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                requests.add(i == 4 ? tasks.sum("convert", "cell-4", 0, List.of(broken)) : tasks.leaf("convert", "cell-" + i, i));
            }
            try (ResultStream<Long> stream = engine.stream(requests, 4); var other = engine.stream(List.of(tasks.leaf("x", "y", 5)), 1)) {
                for (int i = 0; i < 10; i++) {
                    Outcome<Long> outcome = stream.nextOutcome();
                    assertEquals(i, outcome.index());
                    if (i == 4) {
                        var failure = assertInstanceOf(Outcome.Failure.class, outcome).failure();
                        assertEquals(TaskKey.of("read", 1, "cell-7"), failure.failedKey());
                        assertEquals(TaskKey.of("convert", 1, "cell-4"), failure.requestedKey());
                        assertInstanceOf(IOException.class, failure.getCause());
                        assertTrue(failure.getMessage().contains("read@1:cell-7"), failure.getMessage());
                    } else {
                        assertEquals((long) i, outcome.get());
                    }
                }
                assertEquals(5L, other.next());
            }
        }
    }

    @Test
    @DisplayName("next() throws the failure and the stream goes on")
    void next_throwsAndContinues() {
        try (Engine engine = engine()) {
            Task<Long> broken = Task.<Long>builder(TaskKey.of("bad", 1, "1")).compute((in, cancel) -> {
                throw new IllegalStateException("boom");
            });
            try (var stream = engine.stream(List.of(tasks.leaf("ok", "0", 0), broken, tasks.leaf("ok", "2", 2)), 3)) {
                assertEquals(0L, stream.next());
                assertThrows(TaskFailedException.class, stream::next);
                assertEquals(2L, stream.next());
            }
        }
    }

    @Test
    @DisplayName("retries follow the policy: attempts and backoff, only retryable failures")
    void retry_followsPolicy() throws Exception {
        var attempts = new AtomicInteger();
        var failedEvents = new CopyOnWriteArrayList<EngineEvent.Failed>();
        try (Engine engine = engine()) {
            engine.addListener(event -> {
                if (event instanceof EngineEvent.Failed failed) {
                    failedEvents.add(failed);
                }
            });
            Task<Long> flaky = Task.<Long>builder(TaskKey.of("flaky", 1, "0"))
                    .retry(RetryPolicy.attempts(3, Duration.ofMillis(20)))
                    .compute((in, cancel) -> {
                        if (attempts.incrementAndGet() < 3) {
                            throw new IOException("transient");
                        }
                        return 42L;
                    });
            long start = System.nanoTime();
            assertEquals(42L, engine.submit(flaky).get(30, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(60).toNanos(), "backoff 20 ms then 40 ms");
            assertEquals(3, attempts.get());
            assertEquals(List.of(true, true), failedEvents.stream().map(EngineEvent.Failed::willRetry).toList());

            var permanent = new AtomicInteger();
            Task<Long> corrupt = Task.<Long>builder(TaskKey.of("corrupt", 1, "0"))
                    .retry(RetryPolicy.attempts(5, Duration.ZERO).onlyIf(e -> e instanceof IOException))
                    .compute((in, cancel) -> {
                        permanent.incrementAndGet();
                        throw new IllegalArgumentException("corrupt input");
                    });
            var e = assertThrows(ExecutionException.class, () -> engine.submit(corrupt).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TaskFailedException.class, e.getCause());
            assertEquals(1, permanent.get());
        }
    }

    @Test
    @DisplayName("closing a stream cancels its queued work and tells running work to stop")
    void close_cancelsQueuedAndRunning() throws Exception {
        var running = new CountDownLatch(2);
        var sawCancellation = new AtomicInteger();
        var startedAfterClose = new AtomicInteger();
        var closed = new AtomicBoolean();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).build()) {
            List<Task<Long>> requests = IntStream.range(0, 100).mapToObj(i -> Task.<Long>builder(TaskKey.of("long", 1, "" + i))
                    .compute((in, cancel) -> {
                        if (closed.get()) {
                            startedAfterClose.incrementAndGet();
                        }
                        running.countDown();
                        while (!cancel.isCancelled()) {
                            Thread.yield(); // the token is a flag: nothing to wait on
                        }
                        sawCancellation.incrementAndGet();
                        cancel.throwIfCancelled();
                        return 0L;
                    })).toList();
            ResultStream<Long> stream = engine.stream(requests, 100);
            assertTrue(running.await(30, TimeUnit.SECONDS));
            stream.close();
            closed.set(true);
            Awaiting.until(engine, () -> engine.liveTasks() == 0, () -> engine.liveTasks() + " tasks still live");
            assertEquals(2, sawCancellation.get(), "the two running tasks saw the token");
            assertEquals(0, startedAfterClose.get());
            assertEquals(0, engine.heldBytes());
            assertThrows(IllegalStateException.class, stream::next);
        }
    }

    @Test
    @DisplayName("closing one stream leaves work another stream needs running")
    void close_keepsSharedWork() throws Exception {
        var release = new CountDownLatch(1);
        try (Engine engine = engine()) {
            Task<Long> shared = Task.<Long>builder(TaskKey.of("shared", 1, "0")).compute((in, cancel) -> {
                release.await();
                return 7L;
            });
            var first = engine.stream(List.of(tasks.sum("a", "0", 1, List.of(shared))), 1);
            try (var second = engine.stream(List.of(tasks.sum("b", "0", 2, List.of(shared))), 1)) {
                first.close();
                release.countDown();
                assertEquals(9L, second.next());
            }
        }
    }

    @Test
    @DisplayName("two streams requesting the same chunk: closing one still delivers to the other")
    void close_keepsTheOtherStreamsWakeUp() throws Exception {
        var release = new CountDownLatch(1);
        try (Engine engine = engine()) {
            Task<Long> same = Task.<Long>builder(TaskKey.of("same", 1, "0")).compute((in, cancel) -> {
                release.await();
                return 3L;
            });
            var first = engine.stream(List.of(same), 1);
            try (var second = engine.stream(List.of(same), 1)) {
                var taken = new java.util.concurrent.CompletableFuture<Long>();
                Thread consumer = Thread.ofPlatform().start(() -> taken.complete(second.next()));
                Awaiting.untilParked(consumer); // the consumer is waiting
                first.close();
                release.countDown();
                assertEquals(3L, taken.get(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    @DisplayName("a cancelled future withdraws its request")
    void cancelledFuture_withdraws() throws Exception {
        var started = new CountDownLatch(1);
        try (Engine engine = Engine.builder().pool(Pools.cpu(1)).build()) {
            var future = engine.submit(Task.<Long>builder(TaskKey.of("wait", 1, "0")).compute((in, cancel) -> {
                started.countDown();
                while (!cancel.isCancelled()) {
                    Thread.yield(); // the token is a flag: nothing to wait on
                }
                return 0L;
            }));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            future.cancel(true);
            Awaiting.until(engine, () -> engine.liveTasks() == 0, () -> engine.liveTasks() + " tasks still live");
        }
    }

    @Test
    @DisplayName("a tiny budget slows many streams sharing inputs down but never deadlocks")
    void tinyBudget_neverDeadlocks() throws Exception {
        var maxHeld = new java.util.concurrent.atomic.AtomicLong();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).budgetBytes(10).build()) {
            engine.addListener(event -> {
                if (event instanceof EngineEvent.BudgetChanged changed) {
                    maxHeld.accumulateAndGet(changed.heldBytes(), Math::max);
                }
            });
            List<Task<Long>> leaves = IntStream.range(0, 10).mapToObj(i -> tasks.leaf("leaf", "" + i, i)).toList();
            List<ResultStream<Long>> streams = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                int stream = s;
                streams.add(engine.stream(IntStream.range(0, 30).mapToObj(i -> tasks.sum("s" + stream, "" + i, 0,
                        List.of(leaves.get(i % 10), leaves.get((i + stream) % 10)))).toList(), 4));
            }
            var threads = new ArrayList<Thread>();
            var errors = new CopyOnWriteArrayList<Throwable>();
            for (int s = 0; s < streams.size(); s++) {
                int stream = s;
                threads.add(Thread.ofPlatform().start(() -> {
                    try (var results = streams.get(stream)) {
                        for (int i = 0; i < 30; i++) {
                            assertEquals((long) (i % 10 + (i + stream) % 10), results.next());
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                assertFalse(thread.isAlive(), "a consumer is stuck: deadlock");
            }
            assertTrue(errors.isEmpty(), errors.toString());
            // over budget only for what a consumer waits for: at most each stream's next request (3 tasks of 8 bytes)
            assertTrue(maxHeld.get() <= 10 + 6 * 8 * 3, "held at most " + maxHeld.get());
        }
    }

    @Test
    @DisplayName("with single-task requests the budget is never exceeded by more than one task")
    void budget_exceededByAtMostOneTask() throws Exception {
        var maxHeld = new java.util.concurrent.atomic.AtomicLong();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).budgetBytes(40).build()) {
            engine.addListener(event -> {
                if (event instanceof EngineEvent.BudgetChanged changed) {
                    maxHeld.accumulateAndGet(changed.heldBytes(), Math::max);
                }
            });
            List<Task<Long>> requests = IntStream.range(0, 300).mapToObj(i -> tasks.leaf("one", "" + i, i)).toList();
            try (var stream = engine.stream(requests, 20)) {
                for (int i = 0; i < 300; i++) {
                    if (i % 50 == 0) {
                        // The lookahead (20 tasks of 8 bytes) fills the budget; wait until it has.
                        Awaiting.until(engine, () -> engine.heldBytes() >= 40, () -> "the budget filled: " + engine.heldBytes());
                    }
                    assertEquals((long) i, stream.next());
                }
            }
        }
        assertTrue(maxHeld.get() <= 40 + 8, "held at most " + maxHeld.get());
        assertTrue(maxHeld.get() >= 40, "the budget was reached: " + maxHeld.get());
    }

    @Test
    @DisplayName("one request over a wide, deep DAG is claimed a window at a time, one branch after the other")
    void wideRequest_isExpandedLazilyDepthFirst() throws Exception {
        int branches = 100;
        int leavesPerBranch = 100;
        var leafBranches = new CopyOnWriteArrayList<Integer>();
        var peakLive = new AtomicInteger();
        try (Engine engine = Engine.builder().pool(Pools.cpu(1)).inputWindow(8).build()) {
            List<Task<?>> sums = new ArrayList<>();
            for (int b = 0; b < branches; b++) {
                int branch = b;
                sums.add(Task.<Long>builder(TaskKey.of("lazy.sum", 1, "" + b))
                        .inputs(() -> IntStream.range(0, leavesPerBranch)
                                .<Task<?>>mapToObj(i -> Task.<Long>builder(TaskKey.of("lazy.leaf", 1, branch + "/" + i))
                                        .compute((in, cancel) -> {
                                            leafBranches.add(branch);
                                            peakLive.accumulateAndGet(engine.liveTasks(), Math::max);
                                            return (long) i;
                                        }))
                                .toList())
                        .compute((in, cancel) -> in.<Long>all().stream().mapToLong(Long::longValue).sum()));
            }
            Task<Long> root = Task.<Long>builder(TaskKey.of("lazy.root", 1, "all")).inputs(sums)
                    .compute((in, cancel) -> in.<Long>all().stream().mapToLong(Long::longValue).sum());
            long expected = (long) branches * leavesPerBranch * (leavesPerBranch - 1) / 2;
            assertEquals(expected, engine.submit(root).get(30, TimeUnit.SECONDS));
            assertEquals(0, engine.liveTasks());
        }
        assertEquals(branches * leavesPerBranch, leafBranches.size());
        for (int i = 1; i < leafBranches.size(); i++) {
            assertTrue(leafBranches.get(i - 1) <= leafBranches.get(i), "a branch was started before the previous one finished: "
                    + leafBranches.subList(Math.max(0, i - 5), i + 1));
        }
        // the root, the sums it holds or waits for (windows of 8 leaves each), the leaves of the branch in progress
        int bound = 1 + branches + 8 * 8 + leavesPerBranch;
        assertTrue(peakLive.get() <= bound, "at most " + bound + " of 10,101 tasks live at once, saw " + peakLive.get());
    }

    @Test
    @DisplayName("results with a codec are stored; a second engine on the same store computes nothing")
    void store_servesLaterEngines(@TempDir Path cache) throws Exception {
        Task<Long> root = tasks.sum("root", "0", 1, List.of(tasks.leaf("leaf", "a", 10), tasks.leaf("leaf", "b", 20)));
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).store(cache, 1 << 20).build()) {
            assertEquals(31L, engine.submit(root).get(30, TimeUnit.SECONDS));
        }
        assertEquals(3, tasks.totalComputations());
        var hits = new AtomicInteger();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).store(cache, 1 << 20)
                .listener(event -> {
                    if (event instanceof EngineEvent.CacheHit) {
                        hits.incrementAndGet();
                    }
                }).build()) {
            assertEquals(31L, engine.submit(root).get(30, TimeUnit.SECONDS));
            assertEquals(1, engine.metrics().cacheHits());
        }
        assertEquals(3, tasks.totalComputations(), "the root came from the store; its inputs were never needed");
        assertEquals(1, hits.get());

        Task<Long> changed = Task.<Long>builder(new TaskKey("root", 2, "", "0")).codec(Codec.LONG).compute((in, c) -> 99L);
        try (Engine engine = Engine.builder().store(cache, 1 << 20).build()) {
            assertEquals(99L, engine.submit(changed).get(30, TimeUnit.SECONDS), "a new version is never served stale");
        }
    }

    @Test
    @DisplayName("a corrupt stored result is reported, deleted and recomputed")
    void corruptStoredResult_isRecomputed(@TempDir Path cache) throws Exception {
        Task<Long> leaf = tasks.leaf("leaf", "corrupt", 5);
        try (Engine engine = Engine.builder().store(cache, 1 << 20).build()) {
            assertEquals(5L, engine.submit(leaf).get(30, TimeUnit.SECONDS));
        }
        List<Path> entries;
        try (var files = java.nio.file.Files.walk(cache)) {
            entries = files.filter(f -> f.toString().endsWith(".chunk")).toList();
        }
        assertEquals(1, entries.size());
        byte[] bytes = java.nio.file.Files.readAllBytes(entries.getFirst());
        bytes[bytes.length - 1] ^= 0x55;
        java.nio.file.Files.write(entries.getFirst(), bytes);

        var corrupt = new CopyOnWriteArrayList<EngineEvent.CacheCorrupt>();
        try (Engine engine = Engine.builder().store(cache, 1 << 20).listener(event -> {
            if (event instanceof EngineEvent.CacheCorrupt c) {
                corrupt.add(c);
            }
        }).build()) {
            assertEquals(5L, engine.submit(leaf).get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, corrupt.size());
        assertEquals(leaf.key(), corrupt.getFirst().key());
        assertEquals(2, tasks.computations(leaf.key()), "computed again after the corrupt entry was dropped");
    }

    @Test
    @DisplayName("a task with a descriptor runs on a remote pool from its descriptor alone")
    void remotePool_runsDescriptors() throws Exception {
        var registry = new FunctionRegistry().register("add", (parameters, inputs) -> {
            long total = Long.parseLong(parameters.get("plus"));
            for (byte[] input : inputs) {
                total += ByteBuffer.wrap(input).getLong();
            }
            return ByteBuffer.allocate(8).putLong(total).array();
        });
        try (Engine engine = Engine.builder().pool(new SerializingPool("remote", 2, registry)).build()) {
            Task<Long> remote = Task.<Long>builder(TaskKey.of("add", 1, "0"))
                    .inputs(List.of(tasks.leaf("leaf", "a", 1), tasks.leaf("leaf", "b", 2)))
                    .pool("remote").codec(Codec.LONG).remote("add", Map.of("plus", "100"))
                    .compute((in, cancel) -> {
                        throw new AssertionError("the local function must not run on a remote pool");
                    });
            assertEquals(103L, engine.submit(remote).get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("events and metrics follow the work")
    void eventsAndMetrics() throws Exception {
        var kinds = new CopyOnWriteArrayList<Class<?>>();
        try (Engine engine = engine()) {
            engine.addListener(event -> kinds.add(event.getClass()));
            engine.submit(tasks.sum("m", "0", 0, List.of(tasks.leaf("l", "0", 1)))).get(30, TimeUnit.SECONDS);
            var metrics = engine.metrics();
            assertEquals(2, metrics.pools().get("cpu").completed());
            assertEquals(2, metrics.tasksCompleted());
            assertEquals(0, metrics.heldBytes());
        }
        for (Class<?> kind : List.of(EngineEvent.Queued.class, EngineEvent.Started.class, EngineEvent.Finished.class,
                EngineEvent.PoolOccupancy.class, EngineEvent.BudgetChanged.class)) {
            assertTrue(kinds.contains(kind), kind.getSimpleName() + " missing from " + kinds);
        }
    }

    @Test
    @DisplayName("Started, Finished and Failed name the thread that ran the task; Started lists the inputs it consumes")
    void events_carryLaneAndInputs() throws Exception {
        var events = new CopyOnWriteArrayList<EngineEvent>();
        try (Engine engine = engine()) {
            engine.addListener(events::add);
            Task<Long> a = tasks.leaf("l", "a", 1);
            Task<Long> b = Task.<Long>builder(TaskKey.of("l", 1, "b")).estimatedBytes(24).compute((in, c) -> 2L);
            Task<Long> broken = Task.<Long>builder(TaskKey.of("broken", 1, "0")).compute((in, c) -> {
                throw new IllegalStateException("no");
            });
            assertEquals(3L, engine.submit(tasks.sum("m", "0", 0, List.of(a, b))).get(30, TimeUnit.SECONDS));
            assertThrows(ExecutionException.class, () -> engine.submit(broken).get(30, TimeUnit.SECONDS));
        }
        var started = events.stream().filter(e -> e instanceof EngineEvent.Started).map(e -> (EngineEvent.Started) e).toList();
        var sum = started.stream().filter(s -> s.key().recipe().equals("m")).findFirst().orElseThrow();
        assertEquals(List.of(new EngineEvent.Started.Input(TaskKey.of("l", 1, "a"), 8), new EngineEvent.Started.Input(TaskKey.of("l", 1, "b"), 24)),
                sum.inputs());
        assertTrue(started.stream().allMatch(s -> s.lane().startsWith("tilework-cpu-")), started.toString());
        var finished = events.stream().filter(e -> e instanceof EngineEvent.Finished).map(e -> (EngineEvent.Finished) e).toList();
        assertEquals(3, finished.size());
        assertTrue(finished.stream().allMatch(f -> f.lane().startsWith("tilework-cpu-")), finished.toString());
        var failed = events.stream().filter(e -> e instanceof EngineEvent.Failed).map(e -> (EngineEvent.Failed) e).toList();
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).lane().startsWith("tilework-cpu-"), failed.toString());
        assertTrue(events.indexOf(sum) > events.indexOf(finished.stream().filter(f -> f.key().chunk().equals("b")).findFirst().orElseThrow()),
                "a task starts after its inputs finished");
    }

    @Test
    @DisplayName("a task on virtual threads has its pool as its lane: one lane, not one per thread")
    void events_virtualThreadLaneIsThePool() throws Exception {
        var lanes = new CopyOnWriteArrayList<String>();
        try (Engine engine = engine()) {
            engine.addListener(event -> {
                if (event instanceof EngineEvent.Started started) {
                    lanes.add(started.lane());
                }
            });
            engine.submit(Task.<Long>builder(TaskKey.of("read", 1, "0")).pool("io").compute((in, c) -> 1L)).get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of("io"), lanes);
    }

    @Test
    @DisplayName("an input description that throws fails its task, and the engine goes on")
    void brokenInputs_failTheirTask() throws Exception {
        try (Engine engine = engine()) {
            Task<Long> broken = Task.<Long>builder(TaskKey.of("broken", 1, "0"))
                    .inputs(() -> List.of(tasks.leaf("fine", "0", 1), Task.<Long>builder(TaskKey.of("x", 1, "0"))
                            .pool("gpu").compute((in, c) -> 1L)))
                    .compute((in, c) -> 0L);
            var e = assertThrows(ExecutionException.class, () -> engine.submit(broken).get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getCause().getMessage().contains("'gpu'"), e.getCause().getMessage());
            assertEquals(1L, engine.submit(tasks.leaf("fine", "1", 1)).get(30, TimeUnit.SECONDS));
            assertEquals(0, engine.liveTasks());
        }
    }

    @Test
    @DisplayName("closing the engine wakes a consumer waiting on an open stream")
    void closingEngine_wakesWaitingConsumers() throws Exception {
        var release = new CountDownLatch(1);
        Engine engine = engine();
        var stream = engine.stream(List.of(Task.<Long>builder(TaskKey.of("blocked", 1, "0")).compute((in, cancel) -> {
            release.await(); // finishes only after the consumer has been woken
            return 0L;
        })), 1);
        var failure = new java.util.concurrent.CompletableFuture<Throwable>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                failure.complete(new AssertionError("a result arrived: " + stream.next()));
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        Awaiting.untilParked(consumer); // the consumer is waiting
        Thread closer = Thread.ofPlatform().start(engine::close); // waits for the pool's running task
        try {
            assertInstanceOf(IllegalStateException.class, failure.get(30, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, () -> engine.submit(tasks.leaf("late", "0", 1)));
        } finally {
            release.countDown();
            closer.join(10_000);
        }
    }

    @Test
    @DisplayName("closing the engine starts nothing more, cancels running tasks and fails pending submissions")
    void closingEngine_startsNothingMoreAndFailsSubmissions() throws Exception {
        Engine engine = engine();
        var started = new AtomicInteger();
        var firstStarted = new CountDownLatch(1);
        var sawCancel = new CountDownLatch(1);
        var leaves = new ArrayList<Task<?>>();
        for (int i = 0; i < 50; i++) {
            leaves.add(Task.<Long>builder(TaskKey.of("leaf", 1, "" + i)).compute((in, cancel) -> {
                started.incrementAndGet();
                firstStarted.countDown();
                while (!cancel.isCancelled()) {
                    Thread.yield(); // the token is a flag: nothing to wait on
                }
                sawCancel.countDown();
                return 0L;
            }));
        }
        var future = engine.submit(Task.<Long>builder(TaskKey.of("root", 1, "0")).inputs(leaves).compute((in, c) -> 1L));
        assertTrue(firstStarted.await(60, TimeUnit.SECONDS), "a task started");
        engine.close(); // returns once the pools' threads have ended: nothing can start after it
        assertTrue(sawCancel.await(60, TimeUnit.SECONDS), "a running task saw its cancellation");
        var failure = assertThrows(ExecutionException.class, () -> future.get(60, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        int atClose = started.get();
        assertEquals(atClose, started.get(), "no task started after close");
        assertTrue(atClose <= 2, "only the tasks running on the two workers started: " + atClose);
    }

    @Test
    void unknownPool_isAClearError() {
        try (Engine engine = engine()) {
            var e = assertThrows(IllegalArgumentException.class, () -> engine.submit(
                    Task.<Long>builder(TaskKey.of("x", 1, "0")).pool("gpu").compute((in, c) -> 1L)));
            assertTrue(e.getMessage().contains("'gpu'") && e.getMessage().contains("cpu"), e.getMessage());
        }
    }

    /**
     * A leaf that takes a varying while ({@code turns} short spins), so results finish out of request order. It spins
     * rather than yields: on a loaded machine each yield hands the core away for a whole time slice, and 200 such
     * leaves took over the test's minute (seen at load average 13).
     */
    private Task<Long> slowLeaf(String recipe, long value, int turns) {
        return Task.<Long>builder(TaskKey.of(recipe, 1, "" + value)).estimatedBytes(8).compute((in, cancel) -> {
            for (int i = 0; i < turns * 2_000; i++) {
                Thread.onSpinWait();
            }
            return value;
        });
    }
}
