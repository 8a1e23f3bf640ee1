package io.tilework.bench.process;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.Effect;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.ProcessStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process engine's two figures, on one store kind per run:
 * <ol>
 *   <li>throughput: INSTANCES instances of a workflow of 10 job activities (process.sleep with no
 *       duration: no-op jobs run by the worker through the outbox), all started at once; activity
 *       completions per second from the first start to the last completion;</li>
 *   <li>latency: 100 instances each waiting in a receive activity that loops on itself; signals sent
 *       open-loop at RATE per second for SECONDS, round-robin; the time from sending each signal to
 *       its transaction being committed (the future completes after the commit), as percentiles.</li>
 * </ol>
 * Prints one line: {@code store=... completions=... seconds=... per_second=... p50_ms=... p99_ms=... max_ms=...}.
 *
 * <pre>java -cp tilework-bench.jar io.tilework.bench.process.ProcessThroughput sqlite|memory WORK_DIR INSTANCES RATE SECONDS</pre>
 */
public final class ProcessThroughput {

    private static final int ACTIVITIES = 10;
    private static final int WAITING_INSTANCES = 100;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ProcessThroughput sqlite|memory WORK_DIR INSTANCES RATE SECONDS");
            System.exit(2);
        }
        String kind = args[0];
        Path work = Path.of(args[1]);
        int instances = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        ProcessStore store = FreshStore.open(kind, work, "process-bench.db");
        try (ProcessService service = ProcessService.open(store, 2, Map.of())) {
            service.deploy("chain.yaml", chain());
            service.deploy("ticker.yaml", ticker());
            service.engine().subscribe(ProcessThroughput::count);
            measureThroughput(service, Math.min(200, instances)); // warm-up: JIT, caches
            double elapsed = measureThroughput(service, instances);
            long[] completions = {instances * (long) ACTIVITIES};
            double perSecond = completions[0] / elapsed;
            double[] latencies = latency(service, rate, seconds);
            System.out.printf(Locale.ROOT, "store=%s completions=%d seconds=%.3f per_second=%.0f events=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%n",
                    kind, completions[0], elapsed, perSecond, latencies.length, percentile(latencies, 50), percentile(latencies, 99),
                    percentile(latencies, 100));
        }
    }

    private static volatile CountDownLatch remaining = new CountDownLatch(0);
    private static final AtomicLong COUNTED = new AtomicLong();

    /** Counts committed completions of job activities. */
    private static void count(io.tilework.process.store.LogRecord record) {
        for (Effect effect : record.effects()) {
            if (effect instanceof Effect.StateChanged change && change.to().equals("completed") && change.object().startsWith("job")) {
                COUNTED.incrementAndGet();
                remaining.countDown();
            }
        }
    }

    /** Starts every instance at once and waits for all their activities; returns the seconds it took. */
    private static double measureThroughput(ProcessService service, int instances) throws Exception {
        var done = new CountDownLatch(instances * ACTIVITIES);
        remaining = done;
        COUNTED.set(0);
        long start = System.nanoTime();
        var started = new ArrayList<CompletableFuture<Outcome>>(instances);
        for (int i = 0; i < instances; i++) {
            started.add(service.engine().start("chain", Map.of()));
        }
        for (CompletableFuture<Outcome> future : started) {
            Outcome outcome = future.get(5, TimeUnit.MINUTES);
            if (outcome.rejected()) {
                throw new IllegalStateException("start rejected: " + outcome.message());
            }
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + COUNTED.get() + " of " + instances * ACTIVITIES + " activities completed in 10 minutes");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Signals at a fixed rate, not waiting for answers (open loop); the latency of each, in ms. */
    private static double[] latency(ProcessService service, int rate, int seconds) throws Exception {
        var waiting = new ArrayList<String>();
        for (int i = 0; i < WAITING_INSTANCES; i++) {
            waiting.add(service.start("ticker", Map.of()).instance());
        }
        service.awaitQuiescence(Duration.ofMinutes(1));
        int events = rate * seconds;
        var futures = new ArrayList<CompletableFuture<Double>>(events);
        long interval = 1_000_000_000L / rate;
        long begin = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = begin + i * interval;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            long sent = System.nanoTime();
            futures.add(service.engine().send(waiting.get(i % waiting.size()), "signal", "ticker", Map.of("name", "tick"))
                    .thenApply(outcome -> {
                        if (outcome.status() != Outcome.Status.APPLIED) {
                            throw new IllegalStateException("signal not applied: " + outcome);
                        }
                        return (System.nanoTime() - sent) / 1e6;
                    }));
        }
        double[] latencies = new double[events];
        for (int i = 0; i < events; i++) {
            latencies[i] = futures.get(i).get(1, TimeUnit.MINUTES);
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** start -> job1 -> ... -> job10 -> end, every job a no-op. */
    private static String chain() {
        var text = new StringBuilder("model: chain\nconformsTo: workflow\nActivity:\n  start: {kind: start}\n");
        for (int i = 1; i <= ACTIVITIES; i++) {
            text.append("  job").append(i).append(": {kind: job, job: process.sleep}\n");
        }
        text.append("  end: {kind: end}\nTransition:\n  t0: {source: start, target: job1}\n");
        for (int i = 1; i < ACTIVITIES; i++) {
            text.append("  t").append(i).append(": {source: job").append(i).append(", target: job").append(i + 1).append("}\n");
        }
        text.append("  t").append(ACTIVITIES).append(": {source: job").append(ACTIVITIES).append(", target: end}\n");
        return text.toString();
    }

    /** An instance that waits for the signal 'tick' forever: the receive activity loops on itself (also {@link ClientLoad}'s). */
    static String ticker() {
        return """
                model: ticker
                conformsTo: workflow
                variables: {stop: false}
                Activity:
                  start: {kind: start}
                  wait: {kind: receive, message: tick, split: XOR}
                  end: {kind: end}
                Transition:
                  begin: {source: start, target: wait}
                  finish: {source: wait, target: end, condition: "stop"}
                  again: {source: wait, target: wait}
                """;
    }
}
