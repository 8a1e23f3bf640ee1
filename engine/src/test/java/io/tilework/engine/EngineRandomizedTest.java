package io.tilework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.pool.Pools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random DAGs, random consumers that stop early, random failures, random budgets, with and
 * without a chunk store; after each run the invariants must hold:
 * every request of a stream is delivered once, in order, with the right value or the right
 * failure; a key is computed at most once while it is cached (unless it was stopped while
 * running); nothing stays in the graph or the budget once every stream is closed.
 */
@DisplayName("randomised DAGs, consumers, cancellations and failures keep the engine's invariants")
class EngineRandomizedTest {

    @TempDir
    Path temp;

    static List<Integer> seeds() {
        return java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList();
    }

    private record Spec(String chunk, List<Integer> inputs, boolean fails, long bytes) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(60)
    void invariantsHold(int seed) throws Exception {
        var random = new Random(seed);
        List<Spec> specs = randomDag(random);
        boolean withStore = random.nextBoolean();
        long budget = List.of(16L, 64L, 1L << 20).get(random.nextInt(3));
        var computations = new ConcurrentHashMap<String, AtomicInteger>();
        List<Task<Long>> tasks = new ArrayList<>();
        for (Spec spec : specs) {
            List<Task<Long>> inputs = spec.inputs().stream().map(tasks::get).toList();
            tasks.add(Task.<Long>builder(TaskKey.of("random", 1, spec.chunk())).inputs(inputs).estimatedBytes(spec.bytes())
                    .codec(withStore ? Codec.LONG : null).compute((in, cancel) -> {
                        computations.computeIfAbsent(spec.chunk(), k -> new AtomicInteger()).incrementAndGet();
                        if (spec.fails()) {
                            throw new IllegalStateException("planned failure of " + spec.chunk());
                        }
                        if (spec.chunk().hashCode() % 3 == 0) {
                            Thread.yield(); // varies the interleaving, not the time
                        }
                        long value = spec.chunk().hashCode();
                        for (Object input : in.all()) {
                            value += (Long) input;
                        }
                        return value;
                    }));
        }
        Map<Integer, Long> values = new HashMap<>();
        Map<Integer, Set<String>> failures = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            expect(i, specs, values, failures);
        }

        var stoppedWhileRunning = ConcurrentHashMap.<String>newKeySet();
        var errors = new CopyOnWriteArrayList<Throwable>();
        var builder = Engine.builder().pool(Pools.cpu(2)).budgetBytes(budget).inputWindow(1 + random.nextInt(3));
        if (withStore) {
            builder.store(temp.resolve("store"), 1L << 30);
        }
        try (Engine engine = builder.build()) {
            engine.addListener(event -> {
                if (event instanceof EngineEvent.Cancelled cancelled && cancelled.wasRunning()) {
                    stoppedWhileRunning.add(cancelled.key().chunk());
                }
            });
            var consumers = new ArrayList<Thread>();
            int streams = 1 + random.nextInt(4);
            for (int s = 0; s < streams; s++) {
                List<Integer> picks = new ArrayList<>();
                int size = 1 + random.nextInt(25);
                for (int i = 0; i < size; i++) {
                    picks.add(specs.size() / 2 + random.nextInt(specs.size() - specs.size() / 2));
                }
                int lookahead = 1 + random.nextInt(6);
                int stopAfter = random.nextInt(4) == 0 ? random.nextInt(size) : size;
                long consumerSeed = random.nextLong();
                consumers.add(Thread.ofPlatform().start(() -> {
                    var pace = new Random(consumerSeed);
                    try (ResultStream<Long> stream = engine.stream(picks.stream().map(tasks::get).toList(), lookahead)) {
                        for (int i = 0; i < stopAfter; i++) {
                            if (pace.nextInt(8) == 0) {
                                Thread.yield(); // a consumer that sometimes lets the others go first
                            }
                            Outcome<Long> outcome = stream.nextOutcome();
                            assertEquals(i, outcome.index(), "delivered in order");
                            int node = picks.get(i);
                            if (failures.containsKey(node)) {
                                var failure = assertInstanceOf(Outcome.Failure.class, outcome).failure();
                                assertTrue(failures.get(node).contains(failure.failedKey().chunk()),
                                        failure.failedKey() + " is not among the failing inputs " + failures.get(node));
                            } else {
                                assertEquals(values.get(node), outcome.get(), "value of " + specs.get(node).chunk());
                            }
                        }
                        if (stopAfter == size) {
                            assertFalse(stream.hasNext());
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            for (Thread consumer : consumers) {
                consumer.join(TimeUnit.SECONDS.toMillis(40));
                assertFalse(consumer.isAlive(), () -> "a consumer is stuck (seed " + seed + ")\n" + engine.describe());
            }
            assertTrue(errors.isEmpty(), () -> "seed " + seed + ": " + errors);
            Awaiting.until(engine, () -> engine.liveTasks() == 0 && engine.heldBytes() == 0,
                    () -> "seed " + seed + ": " + engine.liveTasks() + " live, " + engine.heldBytes() + " bytes held");
            assertEquals(0, engine.liveTasks(), "graph empty after every stream closed");
            assertEquals(0, engine.heldBytes(), "budget fully released");
        }
        if (withStore) {
            Set<String> failing = new HashSet<>();
            specs.stream().filter(Spec::fails).forEach(spec -> failing.add(spec.chunk()));
            computations.forEach((chunk, count) -> {
                if (!failing.contains(chunk) && !stoppedWhileRunning.contains(chunk)) {
                    assertEquals(1, count.get(), "seed " + seed + ": " + chunk + " computed more than once while cached");
                }
            });
        }
    }

    private static List<Spec> randomDag(Random random) {
        List<Spec> specs = new ArrayList<>();
        int layers = 2 + random.nextInt(3);
        for (int layer = 0; layer < layers; layer++) {
            int width = 3 + random.nextInt(20);
            int before = specs.size();
            for (int i = 0; i < width; i++) {
                List<Integer> inputs = new ArrayList<>();
                if (before > 0) {
                    int count = random.nextInt(4);
                    for (int k = 0; k < count; k++) {
                        inputs.add(random.nextInt(before));
                    }
                }
                specs.add(new Spec("n" + layer + "-" + i, inputs, random.nextInt(30) == 0, 1 + random.nextInt(16)));
            }
        }
        return specs;
    }

    private static void expect(int node, List<Spec> specs, Map<Integer, Long> values, Map<Integer, Set<String>> failures) {
        if (values.containsKey(node) || failures.containsKey(node)) {
            return;
        }
        Spec spec = specs.get(node);
        Set<String> failing = new HashSet<>();
        if (spec.fails()) {
            failing.add(spec.chunk());
        }
        long value = spec.chunk().hashCode();
        for (int input : spec.inputs()) {
            expect(input, specs, values, failures);
            if (failures.containsKey(input)) {
                failing.addAll(failures.get(input));
            } else {
                value += values.get(input);
            }
        }
        if (failing.isEmpty()) {
            values.put(node, value);
        } else {
            failures.put(node, failing);
        }
    }
}
