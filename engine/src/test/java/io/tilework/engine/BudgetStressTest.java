package io.tilework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.pool.Pools;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memory budget under racing acquire and release: many consumers pull, drop and fail work
 * whose results share inputs, on a budget a few tasks wide. Every change of the budget's use is
 * checked as it is published: never negative, and above the budget only by what the class comment
 * of Scheduler allows (the work each waiting consumer needs right now, one request's tasks each).
 * At the end everything is released. Fixed seeds: the same work on any machine; no sleeps.
 */
@DisplayName("memory budget: racing acquire and release never go negative or past the documented limit")
class BudgetStressTest {

    private static final long BUDGET = 64;
    private static final int MAX_TASK_BYTES = 16;
    private static final int CONSUMERS = 8;
    private static final int REQUESTS = 300;
    /** Each request is a sum of two inputs: three tasks that a waiting consumer may run over budget. */
    private static final int TASKS_PER_REQUEST = 3;
    private static final long LIMIT = BUDGET + (long) CONSUMERS * TASKS_PER_REQUEST * MAX_TASK_BYTES;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3})
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void heldStaysWithinTheBudgetsRules(int seed) throws Exception {
        var random = new Random(seed);
        var changes = new AtomicLong();
        var maxHeld = new AtomicLong();
        var violations = new CopyOnWriteArrayList<String>();
        List<Task<Long>> leaves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean fails = random.nextInt(25) == 0;
            long value = i;
            leaves.add(Task.<Long>builder(TaskKey.of("budget.leaf", 1, "" + i)).estimatedBytes(1 + random.nextInt(MAX_TASK_BYTES))
                    .compute((in, cancel) -> {
                        if (fails) {
                            throw new IllegalStateException("planned failure of leaf " + value);
                        }
                        return value;
                    }));
        }
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).budgetBytes(BUDGET).build()) {
            engine.addListener(event -> {
                if (event instanceof EngineEvent.BudgetChanged(long held, long budget)) {
                    changes.incrementAndGet();
                    maxHeld.accumulateAndGet(held, Math::max);
                    if (held < 0 || held > LIMIT) {
                        violations.add("held " + held + " of " + budget + " (limit " + LIMIT + ", seed " + seed + ")");
                    }
                }
            });
            var errors = new CopyOnWriteArrayList<Throwable>();
            var consumers = new ArrayList<Thread>();
            for (int c = 0; c < CONSUMERS; c++) {
                List<Task<Long>> requests = new ArrayList<>();
                for (int r = 0; r < REQUESTS; r++) {
                    Task<Long> a = leaves.get(random.nextInt(leaves.size()));
                    Task<Long> b = leaves.get(random.nextInt(leaves.size()));
                    requests.add(Task.<Long>builder(TaskKey.of("budget.sum", 1, c + "-" + r)).inputs(List.of(a, b))
                            .estimatedBytes(1 + random.nextInt(MAX_TASK_BYTES))
                            .compute((in, cancel) -> in.all().stream().mapToLong(v -> (Long) v).sum()));
                }
                int lookahead = 1 + random.nextInt(6);
                // A quarter of the consumers drop their stream part-way: its claims are released unfinished.
                int stopAfter = random.nextInt(4) == 0 ? random.nextInt(REQUESTS) : REQUESTS;
                consumers.add(Thread.ofPlatform().name("budget-consumer-" + c).start(() -> {
                    try (ResultStream<Long> stream = engine.stream(requests, lookahead)) {
                        for (int i = 0; i < stopAfter; i++) {
                            stream.nextOutcome();
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            for (Thread consumer : consumers) {
                consumer.join(TimeUnit.SECONDS.toMillis(240));
                assertFalse(consumer.isAlive(), () -> "a consumer is stuck (seed " + seed + ")\n" + engine.describe());
            }
            assertEquals(List.of(), errors);
            Awaiting.until(engine, () -> engine.heldBytes() == 0 && engine.liveTasks() == 0,
                    () -> "seed " + seed + ": " + engine.heldBytes() + " bytes still held, " + engine.liveTasks() + " tasks live");
        }
        assertEquals(List.of(), violations);
        assertTrue(changes.get() >= 1000, "thousands of budget changes raced: " + changes.get());
        assertTrue(maxHeld.get() >= BUDGET, "the budget was filled: at most " + maxHeld.get() + " held");
    }
}
