package io.tilework.process.testjobs;

import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * {@code test.count}: counts its runs per {@code name} (in this JVM); with {@code hold: true} it then
 * waits until the test {@link #release releases} that name or the run is cancelled; it fails while
 * the count is at most {@code failures}, and returns {@code {name: runs}}. When cancelled it records
 * the cancellation and stops. A test waits for runs and cancellations with {@link #awaitRuns} and
 * {@link #awaitCancelled}: nothing here depends on how fast the machine is.
 */
public final class CountingJob implements Job<CountingJob.Parameters> {

    public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> CANCELLED = new ConcurrentHashMap<>();
    /** Names released by a test: held runs of them finish. */
    private static final Map<String, Boolean> RELEASED = new ConcurrentHashMap<>();
    /** Notified on every run, cancellation and release. */
    private static final Object CHANGED = new Object();
    /** How often a held run looks at its cancellation (a flag the runner sets; nothing notifies it). */
    private static final long CANCELLATION_LOOK_MILLIS = 5;
    /** A limit for a hung test, far above any wait a slow machine causes. */
    private static final long TEST_LIMIT_MILLIS = 60_000;

    public record Parameters(String name, Integer failures, Boolean hold) {
    }

    public static int runs(String name) {
        return RUNS.getOrDefault(name, new AtomicInteger()).get();
    }

    public static int cancelled(String name) {
        return CANCELLED.getOrDefault(name, new AtomicInteger()).get();
    }

    /** Lets every held run of {@code name}, now or later, finish. */
    public static void release(String name) {
        RELEASED.put(name, true);
        changed();
    }

    /** Waits until {@code name} has run at least {@code runs} times; false if the test limit passed first. */
    public static boolean awaitRuns(String name, int runs) throws InterruptedException {
        return await(() -> runs(name), runs);
    }

    /** Waits until runs of {@code name} saw at least {@code cancellations} cancellations; false if the test limit passed first. */
    public static boolean awaitCancelled(String name, int cancellations) throws InterruptedException {
        return await(() -> cancelled(name), cancellations);
    }

    private static boolean await(IntSupplier count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TEST_LIMIT_MILLIS);
        synchronized (CHANGED) {
            long left;
            while (count.getAsInt() < atLeast && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(CHANGED, left);
            }
        }
        return count.getAsInt() >= atLeast;
    }

    private static void changed() {
        synchronized (CHANGED) {
            CHANGED.notifyAll();
        }
    }

    @Override
    public String name() {
        return "test.count";
    }

    @Override
    public String description() {
        return "counts its runs; holds them until released if asked; fails the first 'failures' of them";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters parameters) throws Exception {
        int run = RUNS.computeIfAbsent(parameters.name(), k -> new AtomicInteger()).incrementAndGet();
        changed();
        if (Boolean.TRUE.equals(parameters.hold())) {
            synchronized (CHANGED) {
                while (!RELEASED.containsKey(parameters.name())) {
                    if (context.cancellation().isCancelled()) {
                        CANCELLED.computeIfAbsent(parameters.name(), k -> new AtomicInteger()).incrementAndGet();
                        CHANGED.notifyAll();
                        throw new CancellationException("cancelled");
                    }
                    CHANGED.wait(CANCELLATION_LOOK_MILLIS);
                }
            }
        }
        if (parameters.failures() != null && run <= parameters.failures()) {
            throw new IllegalStateException("planned failure " + run + " of " + parameters.failures());
        }
        return Map.of(parameters.name().replace('-', '_'), (long) run);
    }
}
