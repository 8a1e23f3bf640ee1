package io.tilework.server.report;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.event.EngineListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/*
 * What one run did, for its report and the live dashboard: an engine listener that keeps a bounded
 * summary of the events it sees.
 *
 * Memory. Everything is capped whatever the run's size: the most recent finished spans (a ring),
 * the slowest ones (a heap), the last failures, pool samples (one per pool per interval; when the
 * list fills, every other sample is dropped and the interval doubles, so a long run keeps its
 * whole time range at a coarser step), flows per (producer recipe, consumer recipe) pair, and the
 * running tasks (no more than the pools' slots, unless a cancelled task never reports its end: those
 * are closed by finish()).
 *
 * Lanes. The engine names the thread (or the pool, for virtual threads and remote pools) that ran a
 * task. Tasks that overlap in one lane (an io pool's virtual threads, a remote pool's members, an
 * inline task nested in another) get numbered rows of that lane ("io", "io #2", ...), the lowest
 * free one, so the task stream never draws two bars on top of each other.
 *
 * Concurrency. One monitor guards the state; each event is a few map and counter updates under it,
 * and a snapshot copies a few thousand small records: both are short, so engine threads never wait
 * long. Time is the wall clock when the event arrives (the report shows when things happened).
 */

/**
 * Records one run: the task stream, the pools over time, the flows between recipes, cache use,
 * failures and throughput. Add it to the run's {@code Engine.Builder} as a listener, call
 * {@link #finish} when the run ends, and read {@link #snapshot()} at any time (cheap enough for a
 * dashboard polling four times a second); {@link RunReport} turns a snapshot into a page.
 */
public final class RunRecorder implements EngineListener {

    /** Spans kept (running ones included). */
    static final int MAX_SPANS = 2_000;
    static final int MAX_SLOWEST = 20;
    static final int MAX_FAILURES = 100;
    /** Pool samples kept before thinning. */
    static final int MAX_SAMPLES = 4_000;
    static final long SAMPLE_MILLIS = 250;
    private static final long RATE_WINDOW_MILLIS = 5_000;
    private static final int RATE_BUCKETS = 10;
    private static final long BUCKET_MILLIS = RATE_WINDOW_MILLIS / RATE_BUCKETS;

    private final String title;
    private final LongSupplier clock;
    private final long startMillis;

    private long endMillis;
    private String outcome = "running";
    private final Map<TaskKey, Running> running = new HashMap<>();
    private final Map<String, BitSet> busyRows = new HashMap<>();
    private final ArrayDeque<Span> finished = new ArrayDeque<>();
    private final PriorityQueue<Span> slowest = new PriorityQueue<>(Comparator.comparingLong(Span::millis));
    private final List<PoolSample> samples = new ArrayList<>();
    private long sampleInterval = SAMPLE_MILLIS;
    private final Map<String, Long> lastSampled = new HashMap<>();
    /** Per pool, the most tasks running and queued since its last sample. */
    private final Map<String, int[]> peaks = new HashMap<>();
    private final Map<String, PoolSample> currentPools = new LinkedHashMap<>();
    private final Map<String, Map<String, long[]>> flows = new LinkedHashMap<>();
    private long hits;
    private long misses;
    private long hitBytes;
    private long corrupt;
    private long chunksDone;
    private long chunksFailed;
    private long bytes;
    private final ArrayDeque<Failure> failures = new ArrayDeque<>();
    private final long[] bucketIds = new long[RATE_BUCKETS];
    private final long[] bucketCounts = new long[RATE_BUCKETS];

    /** @param title what ran, e.g. "sales report report/" */
    public RunRecorder(String title) {
        this(title, System::currentTimeMillis);
    }

    /** With another clock (milliseconds since the epoch), for tests. */
    RunRecorder(String title, LongSupplier clock) {
        this.title = title;
        this.clock = clock;
        this.startMillis = clock.getAsLong();
        java.util.Arrays.fill(bucketIds, -1);
    }

    /** Quick and never blocking for long; safe from any thread. */
    @Override
    public void on(EngineEvent event) {
        long now = clock.getAsLong();
        synchronized (this) {
            switch (event) {
                case EngineEvent.Started started -> started(started, now);
                case EngineEvent.Finished done -> finished(done, now);
                case EngineEvent.Failed failed -> failed(failed, now);
                case EngineEvent.Cancelled cancelled -> {
                    if (cancelled.wasRunning()) {
                        end(cancelled.key(), now, "cancelled");
                    }
                }
                case EngineEvent.CacheHit hit -> {
                    hits++;
                    hitBytes += hit.bytes();
                }
                case EngineEvent.CacheMiss miss -> misses++;
                case EngineEvent.CacheCorrupt bad -> corrupt++;
                case EngineEvent.PoolOccupancy pool -> pool(pool, now);
                default -> { } // queued, evicted, budget: the dashboard reads those from the engine's metrics
            }
        }
    }

    /**
     * Ends the run: {@code outcome} is "succeeded", "failed: ..." or "cancelled"; sets the end time
     * and closes the spans of tasks still open (cancelled: nobody reports their end any more).
     */
    public synchronized void finish(String outcome) {
        this.outcome = outcome;
        this.endMillis = clock.getAsLong();
        for (TaskKey key : List.copyOf(running.keySet())) {
            end(key, endMillis, "cancelled");
        }
    }

    /** A consistent copy of what was recorded so far. */
    /** The run's counts and its last failures without the spans and samples: what a job's view shows, cheap to ask often. */
    public synchronized Totals totals() {
        return new Totals(endMillis, new Cache(hits, misses, hitBytes, corrupt), chunksDone, chunksFailed, bytes, List.copyOf(failures));
    }

    public synchronized Snapshot snapshot() {
        long now = endMillis != 0 ? endMillis : clock.getAsLong();
        var tasks = new ArrayList<Span>(Math.min(MAX_SPANS, finished.size() + running.size()));
        running.values().stream().sorted(Comparator.comparingLong(r -> r.startMillis)).limit(MAX_SPANS)
                .forEach(r -> tasks.add(r.span(0, "running")));
        int room = MAX_SPANS - tasks.size();
        int skip = Math.max(0, finished.size() - room);
        var recent = new ArrayList<Span>(finished.size() - skip);
        int index = 0;
        for (Span span : finished) {
            if (index++ >= skip) {
                recent.add(span);
            }
        }
        recent.addAll(tasks);
        var slow = new ArrayList<>(slowest);
        slow.sort(Comparator.comparingLong(Span::millis).reversed());
        var flowList = new ArrayList<Flow>();
        flows.forEach((source, targets) -> targets.forEach((target, counts) ->
                flowList.add(new Flow(source, target, counts[0], counts[1]))));
        return new Snapshot(title, startMillis, endMillis, outcome, List.copyOf(recent), List.copyOf(slow),
                List.copyOf(samples), Map.copyOf(currentPools), List.copyOf(flowList),
                new Cache(hits, misses, hitBytes, corrupt), chunksDone, chunksFailed, bytes,
                List.copyOf(failures), rate(now));
    }

    // ---- under the monitor ---------------------------------------------------------------------

    private void started(EngineEvent.Started started, long now) {
        BitSet rows = busyRows.computeIfAbsent(started.lane(), lane -> new BitSet());
        int row = rows.nextClearBit(0);
        rows.set(row);
        Running previous = running.put(started.key(), new Running(started, row, now));
        if (previous != null) { // a start we never saw end (a lost Cancelled): its row is free again
            releaseRow(previous);
        }
    }

    private void finished(EngineEvent.Finished done, long now) {
        chunksDone++;
        bytes += done.bytes();
        countRate(now);
        Running run = running.get(done.key());
        if (run != null) {
            for (EngineEvent.Started.Input input : run.started.inputs()) {
                long[] counts = flows.computeIfAbsent(input.key().recipe(), r -> new LinkedHashMap<>())
                        .computeIfAbsent(done.key().recipe(), r -> new long[2]);
                counts[0]++;
                counts[1] += input.bytes();
            }
            end(done.key(), now, "finished");
        } else { // its start was not seen (recorder added late): drawn from its measured time, in its own lane
            keep(new Span(done.lane(), done.key().toString(), done.key().recipe(), done.pool(),
                    now - done.nanos() / 1_000_000, now, "finished"));
        }
    }

    private void failed(EngineEvent.Failed failed, long now) {
        if (!failed.willRetry()) {
            chunksFailed++;
        }
        if (failures.size() == MAX_FAILURES) {
            failures.removeFirst();
        }
        failures.addLast(new Failure(failed.key().toString(), failed.attempt(), failed.willRetry(), message(failed.cause())));
        end(failed.key(), now, "failed");
    }

    private void end(TaskKey key, long now, String state) {
        Running run = running.remove(key);
        if (run == null) {
            return;
        }
        releaseRow(run);
        keep(run.span(now, state));
    }

    private void releaseRow(Running run) {
        BitSet rows = busyRows.get(run.started.lane());
        if (rows != null) {
            rows.clear(run.row);
        }
    }

    private void keep(Span span) {
        if (finished.size() == MAX_SPANS) {
            finished.removeFirst();
        }
        finished.addLast(span);
        if (!span.state().equals("cancelled")) {
            if (slowest.size() < MAX_SLOWEST) {
                slowest.add(span);
            } else if (span.millis() > slowest.peek().millis()) {
                slowest.poll();
                slowest.add(span);
            }
        }
    }

    private void pool(EngineEvent.PoolOccupancy pool, long now) {
        PoolSample before = currentPools.put(pool.pool(), new PoolSample(now, pool.pool(), pool.running(), pool.queued(), pool.slots()));
        int[] peak = peaks.computeIfAbsent(pool.pool(), p -> new int[2]);
        peak[0] = Math.max(peak[0], pool.running());
        peak[1] = Math.max(peak[1], pool.queued());
        Long last = lastSampled.get(pool.pool());
        if (last != null && now - last < sampleInterval) {
            return;
        }
        if (before == null) {
            // the pool's state before its first change, so its line starts at the run's start
            samples.add(new PoolSample(startMillis, pool.pool(), 0, 0, pool.slots()));
        }
        lastSampled.put(pool.pool(), now);
        // the most that ran (and waited) since the last sample: a short burst between samples still shows
        samples.add(new PoolSample(now, pool.pool(), peak[0], peak[1], pool.slots()));
        peak[0] = pool.running();
        peak[1] = pool.queued();
        if (samples.size() >= MAX_SAMPLES) {
            thin();
        }
    }

    /** Halves the samples (every other one of each pool) and doubles the interval. */
    private void thin() {
        var kept = new ArrayList<PoolSample>(samples.size() / 2 + 8);
        var seen = new HashMap<String, Integer>();
        for (PoolSample sample : samples) {
            int n = seen.merge(sample.pool(), 1, Integer::sum);
            if (n % 2 == 1) {
                kept.add(sample);
            }
        }
        samples.clear();
        samples.addAll(kept);
        sampleInterval *= 2;
    }

    private void countRate(long now) {
        long id = now / BUCKET_MILLIS;
        int slot = (int) (id % RATE_BUCKETS);
        if (bucketIds[slot] != id) {
            bucketIds[slot] = id;
            bucketCounts[slot] = 0;
        }
        bucketCounts[slot]++;
    }

    /** Chunks finished per second over the 5 s up to {@code now} (over the run so far when it is shorter). */
    private double rate(long now) {
        long current = now / BUCKET_MILLIS;
        long count = 0;
        for (int i = 0; i < RATE_BUCKETS; i++) {
            if (bucketIds[i] > current - RATE_BUCKETS && bucketIds[i] <= current) {
                count += bucketCounts[i];
            }
        }
        long window = Math.min(RATE_WINDOW_MILLIS, Math.max(BUCKET_MILLIS, now - startMillis));
        return count * 1000.0 / window;
    }

    private static String message(Throwable cause) {
        if (cause == null) {
            return "";
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A task running now. */
    private record Running(EngineEvent.Started started, int row, long startMillis) {
        Span span(long end, String state) {
            String lane = row == 0 ? started.lane() : started.lane() + " #" + (row + 1);
            return new Span(lane, started.key().toString(), started.key().recipe(), started.pool(), startMillis, end, state);
        }
    }

    // ---- the snapshot --------------------------------------------------------------------------

    /**
     * What a run did up to a moment.
     *
     * @param endMillis       0 while running
     * @param outcome         "running", "succeeded", "failed: ..." or "cancelled"
     * @param tasks           the most recent spans, 2,000 at most, running ones included (endMillis 0), by end then start
     * @param slowest         the 20 longest finished or failed spans, longest first
     * @param pools           occupancy over time, one sample per pool per 250 ms at most (coarser in long runs), each
     *                        with the most tasks that ran and waited since the pool's previous sample
     * @param currentPools    the latest occupancy of each pool
     * @param flows           per producer recipe and consumer recipe, the chunks consumed and their estimated bytes
     * @param bytes           the sum of the finished tasks' estimated result sizes
     * @param failures        the last 100 failed attempts, retried or not
     * @param chunksPerSecond tasks finished per second over the last 5 s (of the run, once it ended)
     */
    public record Snapshot(String title, long startMillis, long endMillis, String outcome, List<Span> tasks, List<Span> slowest,
            List<PoolSample> pools, Map<String, PoolSample> currentPools, List<Flow> flows, Cache cache, long chunksDone,
            long chunksFailed, long bytes, List<Failure> failures, double chunksPerSecond) {
    }

    /**
     * One task's run in a lane (a worker thread, or a row of a pool for virtual threads and remote pools).
     *
     * @param endMillis 0 while running
     * @param state     running, finished, failed or cancelled
     */
    /** The counts of a run so far ({@code endMillis} 0 while it runs) and its last failures. */
    public record Totals(long endMillis, Cache cache, long chunksDone, long chunksFailed, long bytes, List<Failure> failures) {
    }

    public record Span(String lane, String key, String recipe, String pool, long startMillis, long endMillis, String state) {

        /** How long it ran, or has run so far. */
        public long millis() {
            return endMillis == 0 ? 0 : endMillis - startMillis;
        }
    }

    /** A pool's occupancy at a moment. */
    public record PoolSample(long millis, String pool, int running, int queued, int slots) {
    }

    /** Chunks of recipe {@code source} consumed by tasks of recipe {@code target}, and their estimated bytes. */
    public record Flow(String source, String target, long chunks, long bytes) {
    }

    /** The chunk store's answers during the run. */
    public record Cache(long hits, long misses, long hitBytes, long corrupt) {

        /** Hits out of lookups; 0 when nothing was looked up. */
        public double ratio() {
            long lookups = hits + misses;
            return lookups == 0 ? 0 : (double) hits / lookups;
        }
    }

    /** A failed attempt of a chunk and whether the retry policy runs it again. */
    public record Failure(String chunk, int attempt, boolean willRetry, String message) {
    }
}
