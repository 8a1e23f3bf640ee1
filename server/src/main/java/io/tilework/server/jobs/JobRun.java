package io.tilework.server.jobs;

import io.tilework.engine.CancellationToken;
import io.tilework.engine.Engine;
import io.tilework.engine.EngineMetrics;
import io.tilework.engine.job.Job;
import io.tilework.server.report.RunRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as the server holds it: its record, and while it runs, the thread, the engine, the
 * progress and the recorder of its chunks. Cancelling sets the token and interrupts the thread;
 * the job's engine is closed when the run ends, which stops what still runs of it.
 */
public final class JobRun implements CancellationToken {

    private final String id;
    private final Job<?> job;
    private volatile JobRecord record;
    private volatile boolean cancelled;
    private volatile Thread thread;
    private volatile Engine engine;
    private volatile RunRecorder recorder;
    private volatile RunRecorder.Totals endedTotals;
    private volatile long endedMillis;
    private volatile JobProgress progress;

    JobRun(JobRecord record, Job<?> job) {
        this.id = record.id();
        this.record = record;
        this.job = job;
    }

    public String id() {
        return id;
    }

    public JobRecord record() {
        return record;
    }

    public Job<?> job() {
        return job;
    }

    /**
     * The recorder of the current run, or of the last one for a minute after it ended (what the
     * dashboard draws); null otherwise: an ended run's report is a file, its counts are kept.
     */
    public RunRecorder recorder() {
        return recorder;
    }

    /** The run ended: its counts are kept, its recorder is let go a minute later ({@link #release}). */
    void ended() {
        RunRecorder last = recorder;
        if (last != null) {
            endedTotals = last.totals();
            endedMillis = System.currentTimeMillis();
        }
    }

    /** Lets go of an ended run's recorder once it is older than {@code millis}: memory stays bounded however many jobs ran. */
    void release(long millis) {
        if (endedMillis != 0 && record.state().ended() && System.currentTimeMillis() - endedMillis > millis) {
            recorder = null;
        }
    }

    /** The running engine's metrics, or null when it does not run. */
    public EngineMetrics metrics() {
        Engine running = engine;
        return running == null ? null : running.metrics();
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    JobProgress progress() {
        return progress;
    }

    void record(JobRecord changed) {
        this.record = changed;
    }

    /** Before it runs again: not cancelled any more. */
    void again() {
        this.cancelled = false;
    }

    /** Prepares a run: fresh progress and recorder. */
    void begin(JobProgress newProgress, RunRecorder newRecorder) {
        this.progress = newProgress;
        this.recorder = newRecorder;
    }

    synchronized void running(Thread runner, Engine runningEngine) {
        this.thread = runner;
        this.engine = runningEngine;
    }

    /** The run's thread is done with it; an interrupt that a cancel sent too late is cleared here, not in the next job. */
    synchronized void stopped() {
        this.thread = null;
        this.engine = null;
        Thread.interrupted();
    }

    /** Asks the run to stop: the job sees the token, a thread waiting on chunks is interrupted. */
    synchronized void cancel() {
        cancelled = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The job as the API shows it; {@code outputs} are the links to its files. */
    Map<String, Object> view(List<Map<String, Object>> outputs) {
        JobRecord now = record;
        var view = new LinkedHashMap<String, Object>();
        view.put("id", id);
        view.put("kind", now.kind());
        view.put("description", job == null ? null : job.description());
        view.put("parameters", now.parameters());
        view.put("state", now.state().label());
        view.put("attempt", now.attempt());
        view.put("created", text(now.created()));
        view.put("started", text(now.started()));
        view.put("finished", text(now.finished()));
        JobProgress shown = progress;
        view.put("progress", shown == null ? new JobProgress(() -> { }).view(now.state() == JobState.SUCCEEDED)
                : shown.view(now.state() == JobState.SUCCEEDED));
        RunRecorder live = recorder;
        RunRecorder.Totals totals = live != null ? live.totals() : endedTotals;
        var chunks = new LinkedHashMap<String, Object>();
        chunks.put("done", totals == null ? 0 : totals.chunksDone());
        chunks.put("failed", totals == null ? 0 : totals.chunksFailed());
        chunks.put("cacheHits", totals == null ? 0 : totals.cache().hits());
        chunks.put("cacheMisses", totals == null ? 0 : totals.cache().misses());
        chunks.put("bytes", totals == null ? 0 : totals.bytes());
        view.put("chunks", chunks);
        view.put("failures", totals == null ? List.of() : totals.failures().stream()
                .map(f -> Map.of("chunk", f.chunk(), "attempt", f.attempt(), "willRetry", f.willRetry(), "message", f.message()))
                .toList());
        view.put("error", now.error());
        view.put("outputs", outputs);
        view.put("summary", now.summary());
        view.put("report", live == null && endedTotals == null && !now.state().ended() ? null : "/api/jobs/" + id + "/report");
        return view;
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
