package io.tilework.process.testjobs;

import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code test.count}: counts its runs per {@code name} (in this JVM), waits {@code duration},
 * fails while the count is at most {@code failures}, and returns {@code {name: runs}}.
 * When cancelled it records the cancellation and stops.
 */
public final class CountingJob implements Job<CountingJob.Parameters> {

    public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> CANCELLED = new ConcurrentHashMap<>();

    public record Parameters(String name, Integer failures, Duration duration) {
    }

    public static int runs(String name) {
        return RUNS.getOrDefault(name, new AtomicInteger()).get();
    }

    public static int cancelled(String name) {
        return CANCELLED.getOrDefault(name, new AtomicInteger()).get();
    }

    @Override
    public String name() {
        return "test.count";
    }

    @Override
    public String description() {
        return "counts its runs; fails the first 'failures' of them";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters parameters) throws Exception {
        int run = RUNS.computeIfAbsent(parameters.name(), k -> new AtomicInteger()).incrementAndGet();
        long end = System.nanoTime() + (parameters.duration() == null ? 0 : parameters.duration().toNanos());
        while (System.nanoTime() < end) {
            if (context.cancellation().isCancelled()) {
                CANCELLED.computeIfAbsent(parameters.name(), k -> new AtomicInteger()).incrementAndGet();
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            Thread.sleep(5);
        }
        if (parameters.failures() != null && run <= parameters.failures()) {
            throw new IllegalStateException("planned failure " + run + " of " + parameters.failures());
        }
        return Map.of(parameters.name().replace('-', '_'), (long) run);
    }
}
