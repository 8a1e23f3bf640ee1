package io.tilework.bench.process;

import io.tilework.process.engine.Outcome;
import io.tilework.process.engine.ProcessEngine;
import io.tilework.process.runtime.Effect;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.ProcessStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a step of the map pack costs, on one store kind per run: INSTANCES instances of a map whose
 * intentions form a chain (Start -> I1 -> ... -> I9 -> Stop: 10 steps), each left by three sections
 * to the next intention: a no-op job (process.sleep, no duration) that an SSG recommends, a person's
 * section the SSG only advises, and a job an ISG keeps excluded. So every step runs the pack's
 * candidate rules (ISG condition, SSG condition and advice, one section at a time) as a real map does.
 *
 * <p>A client drives every instance: it subscribes to the committed log records and, as soon as a
 * record holds an achievement, chooses the candidate that record marked recommended (the section
 * whose {@code recommended} it set), until Stop is achieved. It reads nothing but the log records:
 * the choice is the engine's own recommendation. All instances are started at once (after a
 * warm-up), so many choices are in flight together, as the workflow benchmark's activities are.
 *
 * <p>Prints one line: {@code store=... steps=... seconds=... per_second=... p50_ms=... p99_ms=... max_ms=...
 * solo_p50_ms=... solo_p99_ms=...}: achievements (steps 1 to 10) per second from the first start to the
 * last Stop committed, and the time from sending each {@code choose} to the commit of the achievement
 * it led to (taken when the subscriber receives that log record, right after the commit). With every
 * instance in flight that latency is mostly queueing (about INSTANCES / per_second); the solo figures
 * are the same steps driven one instance at a time ({@value #SOLO_INSTANCES} instances), nothing else queued.
 *
 * <pre>java -cp tilework-bench.jar io.tilework.bench.process.MapSteps sqlite|memory WORK_DIR INSTANCES</pre>
 */
public final class MapSteps {

    /** Achievements per instance: I1 to I9, then Stop. */
    private static final int STEPS = 10;
    private static final String MODEL = "steps";
    /** Instances driven one after the other for the latency of a step alone (no other instance in flight). */
    private static final int SOLO_INSTANCES = 30;

    private final ProcessEngine engine;
    /** The commit-time of each log record holding an achievement, handed from the engine's thread to the client's. */
    private final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    /** When the pending choose of each instance was sent (System.nanoTime). */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> failed = new CompletableFuture<>();
    private volatile Run run;

    private MapSteps(ProcessEngine engine) {
        this.engine = engine;
    }

    private record Seen(LogRecord record, long at) {
    }

    /** One batch of instances driven to Stop: the latencies and the time the last Stop was seen. */
    private static final class Run {
        final CountDownLatch stopped;
        final double[] latencies;
        int count;
        volatile long lastStop;

        Run(int instances) {
            stopped = new CountDownLatch(instances);
            latencies = new double[instances * STEPS];
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MapSteps sqlite|memory WORK_DIR INSTANCES");
            System.exit(2);
        }
        String kind = args[0];
        Path work = Path.of(args[1]);
        int instances = Integer.parseInt(args[2]);
        ProcessStore store = FreshStore.open(kind, work, "map-bench.db");
        try (ProcessService service = ProcessService.open(store, 2, Map.of())) {
            service.deploy("steps.yaml", map());
            var bench = new MapSteps(service.engine());
            service.engine().subscribe(bench::committed);
            Thread client = Thread.ofPlatform().name("map-client").daemon().start(bench::drive);
            bench.measure(Math.min(100, instances)); // warm-up: JIT, caches
            long start = System.nanoTime();
            Run measured = bench.measure(instances);
            double elapsed = (measured.lastStop - start) / 1e9;
            double[] latencies = sorted(measured);
            // The same steps with one instance at a time: the latency of a step when nothing queues.
            var alone = new ArrayList<Run>();
            for (int i = 0; i < SOLO_INSTANCES; i++) {
                alone.add(bench.measure(1));
            }
            double[] solo = sorted(alone.toArray(Run[]::new));
            client.interrupt();
            long steps = instances * (long) STEPS;
            System.out.printf(Locale.ROOT, "store=%s steps=%d seconds=%.3f per_second=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f"
                            + " solo_p50_ms=%.3f solo_p99_ms=%.3f%n",
                    kind, steps, elapsed, steps / elapsed, percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100),
                    percentile(solo, 50), percentile(solo, 99));
        }
    }

    /** Starts every instance at once and waits until the client has driven each to Stop. */
    private Run measure(int instances) throws Exception {
        Run current = new Run(instances);
        run = current;
        var started = new ArrayList<CompletableFuture<Outcome>>(instances);
        for (int i = 0; i < instances; i++) {
            started.add(engine.start(MODEL, Map.of()));
        }
        for (CompletableFuture<Outcome> future : started) {
            Outcome outcome = future.get(5, TimeUnit.MINUTES);
            if (outcome.rejected()) {
                throw new IllegalStateException("start rejected: " + outcome.message());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!current.stopped.await(100, TimeUnit.MILLISECONDS)) {
            if (failed.isDone()) {
                failed.join(); // throws the client's failure
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((instances - current.stopped.getCount()) + " of " + instances
                        + " instances reached Stop in 10 minutes");
            }
        }
        if (current.count != instances * STEPS) {
            throw new IllegalStateException(current.count + " steps measured, " + instances * STEPS + " expected");
        }
        return current;
    }

    /** On the engine's thread, right after the commit: only notes the time and hands the record on. */
    private void committed(LogRecord record) {
        long now = System.nanoTime();
        for (Effect effect : record.effects()) {
            if (effect instanceof Effect.Created created && created.type().equals("Achievement")) {
                seen.add(new Seen(record, now));
                return;
            }
        }
    }

    /** The client: for each achievement committed, the next choice (the recommended candidate), until Stop. */
    private void drive() {
        try {
            while (true) {
                Seen next = seen.take();
                step(next.record(), next.at());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed.completeExceptionally(e);
        }
    }

    private void step(LogRecord record, long at) {
        String instance = record.instance();
        Run current = run;
        Long sent = sentAt.remove(instance);
        if (sent != null) { // Start's achievement was not chosen
            current.latencies[current.count++] = (at - sent) / 1e6;
        }
        String achievement = null;
        String intention = null;
        String recommended = null;
        boolean excluded = false;
        for (Effect effect : record.effects()) {
            if (effect instanceof Effect.Created created && created.type().equals("Achievement")) {
                achievement = created.object();
            } else if (effect instanceof Effect.AttributeSet set && set.name().equals("intention") && set.object().equals(achievement)) {
                intention = (String) set.value();
            } else if (effect instanceof Effect.AttributeSet set && set.name().equals("recommended") && set.value() != null) {
                recommended = set.object();
            } else if (effect instanceof Effect.StateChanged change && change.to().equals("excluded")) {
                excluded = true;
            }
        }
        if ("Stop".equals(intention)) {
            current.lastStop = at;
            current.stopped.countDown();
            return;
        }
        if (recommended == null || !excluded) {
            throw new IllegalStateException(instance + " achieved " + intention + " but the record " + record.transaction()
                    + " marks no candidate recommended (SSG) or no section excluded (ISG): the map pack no longer evaluates"
                    + " the guidelines as this benchmark expects; effects: " + record.effects());
        }
        String section = recommended;
        sentAt.put(instance, System.nanoTime());
        engine.send(instance, "choose", section, Map.of("by", "bench")).whenComplete((outcome, error) -> {
            if (error != null) {
                failed.completeExceptionally(error);
            } else if (outcome.status() != Outcome.Status.APPLIED) {
                failed.completeExceptionally(new IllegalStateException("choose " + section + " of " + instance + " not applied: " + outcome));
            }
        });
    }

    private static double[] sorted(Run... runs) {
        double[] all = new double[0];
        for (Run each : runs) {
            int from = all.length;
            all = Arrays.copyOf(all, from + each.count);
            System.arraycopy(each.latencies, 0, all, from, each.count);
        }
        Arrays.sort(all);
        return all;
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Start -> I1 -> ... -> I9 -> Stop; from each, to the next: {@code jobN} (recommended by the SSG
     * {@code howN} while {@code manual} is false), {@code handN} (advised only), {@code reviewN} (gated by
     * the ISG {@code gateN}, whose condition {@code manual} never holds here).
     */
    static String map() {
        var intentions = new ArrayList<String>();
        intentions.add("Start");
        for (int i = 1; i < STEPS; i++) {
            intentions.add("I" + i);
        }
        intentions.add("Stop");
        var text = new StringBuilder("""
                model: steps
                conformsTo: map
                variables: {manual: false}
                Participant:
                  clerk: {}
                Strategy:
                  byJob: {description: run the job}
                  byHand: {description: ask the clerk}
                  byReview: {description: a reviewed job}
                Intention:
                """);
        intentions.forEach(intention -> text.append("  ").append(intention).append(": {}\n"));
        var sections = new StringBuilder("Section:\n");
        var isgs = new StringBuilder("ISG:\n");
        var ssgs = new StringBuilder("SSG:\n");
        for (int n = 1; n <= STEPS; n++) {
            String source = intentions.get(n - 1);
            String target = intentions.get(n);
            String ends = "source: " + source + ", target: " + target;
            sections.append("  job").append(n).append(": {").append(ends).append(", strategy: byJob, guideline: job, job: process.sleep}\n")
                    .append("  hand").append(n).append(": {").append(ends).append(", strategy: byHand, guideline: human, participant: clerk}\n")
                    .append("  review").append(n).append(": {").append(ends).append(", strategy: byReview, guideline: job, job: process.sleep}\n");
            isgs.append("  gate").append(n).append(": {intention: ").append(source).append(", sections: [review").append(n)
                    .append("], condition: \"manual\", description: reviewed only in manual mode}\n");
            ssgs.append("  how").append(n).append(": {").append(ends).append(", advice: the job is quicker, recommend: job").append(n)
                    .append(", condition: \"!manual\"}\n");
        }
        return text.append(sections).append(isgs).append(ssgs).toString();
    }
}
