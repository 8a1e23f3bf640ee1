package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.store.LogRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The process store (each kind) under racing commands: four threads signal eight shared instances (a thousand commands),
 * so group commits mix instances and commands on one instance race. After every command a thread
 * checks the instance it touched: its log numbers transactions 1, 2, 3 ... with no gap, and its
 * state (latest snapshot plus the log after it) equals the replay of its whole log. At the end every
 * applied signal is in the log exactly once, also after reopening the store. Fixed seeds, a fixed
 * number of commands, no sleeps.
 */
@DisplayName("process store: racing commits keep every log gap-free and every state equal to its replay")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class ProcessStoreStressTest {

    private static final int THREADS = 4;
    private static final int COMMANDS_PER_THREAD = 250;
    private static final int INSTANCES = 8;
    /** Loops on 'go' for ever: every signal is one more transaction of the instance. */
    private static final String LOOPING = """
            model: looping
            conformsTo: workflow
            variables: {round: 0}
            Activity:
              start: {kind: start}
              wait: {kind: receive, message: go}
              check: {kind: task, split: XOR}
              end: {kind: end}
            Transition:
              t1: {source: start, target: wait}
              t2: {source: wait, target: check}
              again: {source: check, target: wait, condition: "round >= 0"}
              done: {source: check, target: end}
            """;

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void racingCommands() throws Exception {
        List<String> instances = new ArrayList<>();
        var applied = new AtomicIntegerArray(INSTANCES);
        var problems = new CopyOnWriteArrayList<String>();
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("looping.yaml", LOOPING);
            for (int i = 0; i < INSTANCES; i++) {
                Outcome started = fixture.service.start("looping", Map.of());
                assertFalse(started.rejected(), started.message());
                instances.add(started.instance());
            }
            var threads = new ArrayList<Thread>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                threads.add(Thread.ofPlatform().name("stress-" + t).start(() -> {
                    var random = new SplittableRandom(seed);
                    for (int n = 0; n < COMMANDS_PER_THREAD && problems.isEmpty(); n++) {
                        int which = random.nextInt(INSTANCES);
                        String instance = instances.get(which);
                        try {
                            Outcome outcome = fixture.service.signal(instance, "go", Map.of("round", seed * 1_000_000 + n));
                            if (outcome.status() == Outcome.Status.APPLIED) {
                                applied.incrementAndGet(which);
                            } else {
                                problems.add("signal " + n + " of thread " + seed + " to " + instance + ": " + outcome);
                            }
                            check(fixture, instance, problems);
                        } catch (Exception | AssertionError e) {
                            problems.add("thread " + seed + ", command " + n + ": " + e);
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(240));
                assertFalse(thread.isAlive(), "a stress thread is stuck");
            }
            assertEquals(List.of(), problems);
            fixture.quiet();
        }
        if (!kind.durable()) {
            assertEquals((long) THREADS * COMMANDS_PER_THREAD, sum(applied), "every command was applied");
            return; // the rest is about a new engine on what the racing commits left
        }
        // Reopened: what the racing commits left is what a new engine recovers.
        try (var reopened = new ProcessFixture(kind, temp)) {
            for (int i = 0; i < INSTANCES; i++) {
                String instance = instances.get(i);
                check(reopened, instance, problems);
                long signals = reopened.service.history(instance).stream()
                        .filter(r -> r.event().equals("signal") && !r.status().equals("rejected")).count();
                assertEquals(applied.get(i), signals, instance + ": every applied signal is in the log once");
            }
            assertEquals(List.of(), problems);
            assertEquals((long) THREADS * COMMANDS_PER_THREAD, sum(applied), "every command was applied");
        }
    }

    /**
     * The log of {@code instance} is gap-free and its state equals the replay of the whole log. Other
     * threads commit meanwhile: the state is read before and after the log, and the check counts only
     * when all three agree on the instance's transactions (nothing committed to it in between).
     */
    private static void check(ProcessFixture fixture, String instance, List<String> problems) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            InstanceState before = fixture.state(instance);
            List<LogRecord> log = fixture.service.history(instance);
            InstanceState replayed = fixture.service.stateAt(instance, Instant.MAX);
            InstanceState after = fixture.state(instance);
            if (before.transactions() != after.transactions() || log.size() != before.transactions()) {
                continue; // a commit to this instance came in between: look again
            }
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).transaction() != i + 1) {
                    problems.add(instance + ": transaction " + log.get(i).transaction() + " at position " + (i + 1) + " of the log");
                    return;
                }
            }
            if (!describe(after).equals(describe(replayed))) {
                problems.add(instance + ": state " + describe(after) + " but the log replays to " + describe(replayed));
            }
            return;
        }
        problems.add(instance + ": never read without a commit in between");
    }

    private static String describe(InstanceState state) {
        var objects = new TreeMap<String, String>();
        for (RuntimeObject object : state.objects()) {
            objects.put(object.id(), object.state() + " " + new TreeMap<>(object.attributes()));
        }
        return state.state() + " " + state.transactions() + " " + new TreeMap<>(state.variables()) + " " + objects;
    }

    private static long sum(AtomicIntegerArray counts) {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }
}
