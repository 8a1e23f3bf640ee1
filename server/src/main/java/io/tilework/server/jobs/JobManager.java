package io.tilework.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.tilework.engine.Engine;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameter;
import io.tilework.engine.job.JobParameters;
import io.tilework.engine.job.Jobs;
import io.tilework.server.api.ApiFailure;
import io.tilework.server.events.EventHub;
import io.tilework.server.events.ServerEvent;
import io.tilework.server.report.RunRecorder;
import io.tilework.server.report.RunReport;
import io.tilework.server.security.DataRoot;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's jobs: started by kind from the {@link Jobs} registry the command line uses, with
 * their paths confined to the data root, run at most {@code concurrent} at a time, each on an
 * engine of its own (so its chunks, cache hits and failures are its own), cancelled, resumed, and
 * kept as records that outlive the server: a job that was running when the server stopped is
 * {@link JobState#INTERRUPTED} on the next start, and can be resumed.
 */
public final class JobManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    private static final long EVENT_INTERVAL_NANOS = 250_000_000; // at most 4 progress events a second per job
    /** How long an ended run's recorder is kept for the dashboard; then only its counts and its report file remain. */
    static final long RECORDER_KEPT_MILLIS = 60_000;

    private final Jobs jobs;
    private final DataRoot root;
    private final JobRecords records;
    private final Path reports;
    private final Supplier<Engine.Builder> engines;
    private final EventHub hub;
    private final Clock clock;
    private final ExecutorService runner;
    private final Map<String, JobRun> runs = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final ObjectMapper summaries;
    private volatile boolean closing;

    /**
     * @param stateFolder where the job records are kept
     * @param engines     a new engine builder per run (the embedded engine's, or a cluster coordinator's)
     * @param concurrent  how many jobs run at once; the others wait in order
     */
    public JobManager(Jobs jobs, DataRoot root, Path stateFolder, Supplier<Engine.Builder> engines, int concurrent, EventHub hub) {
        this.jobs = jobs;
        this.root = root;
        this.records = new JobRecords(stateFolder);
        this.reports = stateFolder.resolveSibling("reports");
        try {
            Files.createDirectories(reports);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the server's report folder " + reports, e);
        }
        this.engines = engines;
        this.hub = hub;
        this.clock = Clock.systemUTC();
        this.runner = Executors.newFixedThreadPool(concurrent, Thread.ofPlatform().name("tilework-job-", 1).daemon().factory());
        this.summaries = new ObjectMapper().registerModule(new SimpleModule("paths").addSerializer(Path.class, new StdSerializer<>(Path.class) {
            @Override
            public void serialize(Path path, com.fasterxml.jackson.core.JsonGenerator out, com.fasterxml.jackson.databind.SerializerProvider p)
                    throws IOException {
                out.writeString(root.relative(path)); // never the server's own folders
            }
        }));
        for (JobRecord record : records.load()) {
            JobRecord loaded = record.state().ended() ? record
                    : record.ended(JobState.INTERRUPTED, clock.instant(), "the server stopped while it ran; resume it to go on",
                    record.outputs(), null);
            if (loaded != record) {
                records.save(loaded);
            }
            runs.put(loaded.id(), new JobRun(loaded, jobs.all().get(loaded.kind())));
            lastId.accumulateAndGet(JobRecords.number(loaded.id()), Math::max);
        }
    }

    /** Every kind of job, by name. */
    public Map<String, Job<?>> kinds() {
        return jobs.all();
    }

    /** Starts a job of {@code kind}; its parameters are checked (and its paths confined) before anything runs. */
    public JobRun start(String kind, Map<String, Object> parameters) {
        Job<?> job = jobs.all().get(kind);
        if (job == null) {
            throw ApiFailure.notFound("no job kind '" + kind + "'; the kinds are " + jobs.all().keySet() + " (GET /api/jobs/kinds)");
        }
        var given = new java.util.TreeMap<String, Object>();
        parameters.forEach((name, value) -> {
            if (value != null) { // null is "not given", as when it is left out
                given.put(name, value);
            }
        });
        bind(job, given); // a wrong parameter is the client's error, said now rather than as a failed job
        runs.values().forEach(r -> r.release(RECORDER_KEPT_MILLIS));
        var run = new JobRun(JobRecord.queued("job-" + lastId.incrementAndGet(), kind, Map.copyOf(given), clock.instant()), job);
        runs.put(run.id(), run);
        records.save(run.record());
        submit(run);
        return run;
    }

    public List<JobRun> list() {
        return runs.values().stream().sorted(Comparator.comparingLong((JobRun r) -> JobRecords.number(r.id())).reversed()).toList();
    }

    public JobRun get(String id) {
        JobRun run = runs.get(id);
        if (run == null) {
            throw ApiFailure.notFound("no job '" + id + "' (GET /api/jobs lists them)");
        }
        return run;
    }

    /** The runs that hold an engine now. */
    public Stream<JobRun> running() {
        return runs.values().stream().filter(r -> r.record().state() == JobState.RUNNING);
    }

    /** Stops a queued or running job; what its chunks finished stays (in its cache or work files). */
    public JobRun cancel(String id) {
        JobRun run = get(id);
        synchronized (run) {
            JobState state = run.record().state();
            if (state.ended()) {
                throw ApiFailure.conflict(id + " is " + state.label() + ", not running; nothing to cancel");
            }
            run.cancel();
            if (state == JobState.QUEUED) {
                end(run, JobState.CANCELLED, "cancelled before it started", null);
            }
        }
        return run;
    }

    /** Runs a cancelled, failed or interrupted job again with the same parameters. */
    public JobRun resume(String id) {
        JobRun run = get(id);
        synchronized (run) {
            JobState state = run.record().state();
            if (!state.resumable()) {
                throw ApiFailure.conflict(id + " is " + state.label() + "; only a cancelled, failed or interrupted job can be resumed");
            }
            if (run.job() == null) {
                throw ApiFailure.conflict(id + " is a " + run.record().kind() + " job, which this server does not know any more");
            }
            bind(run.job(), run.record().parameters());
            run.again();
            run.record(run.record().again());
            records.save(run.record());
        }
        submit(run);
        return run;
    }

    /** The files the job's last run wrote, as the API links them. */
    public List<Map<String, Object>> outputs(JobRun run) {
        var links = new ArrayList<Map<String, Object>>();
        for (String relative : run.record().outputs()) {
            Path file = root.path().resolve(relative);
            var link = new LinkedHashMap<String, Object>();
            link.put("name", file.getFileName().toString());
            link.put("path", relative);
            link.put("bytes", size(file));
            link.put("url", "/api/jobs/" + run.id() + "/outputs/"
                    + java.net.URLEncoder.encode(file.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            links.add(link);
        }
        return links;
    }

    /** The job's output named {@code name}, checked to be one it wrote and to lie under the data root. */
    public Path output(JobRun run, String name) {
        for (String relative : run.record().outputs()) {
            Path file = root.path().resolve(relative);
            if (file.getFileName().toString().equals(name)) {
                return root.resolve(relative, "output");
            }
        }
        throw ApiFailure.notFound(run.id() + " wrote no output named '" + name + "'; its outputs are " + run.record().outputs());
    }

    public Map<String, Object> view(JobRun run) {
        return run.view(outputs(run));
    }

    /**
     * {@code parameters} with every path of {@code job} absolute under the data root; an
     * {@link ApiFailure} naming the parameter when one leaves it. The process engine's jobs go
     * through it too.
     */
    public Map<String, Object> confine(Job<?> job, Map<String, Object> parameters) {
        return ConfinedParameters.confine(parameters, job.parametersType(), root);
    }

    private Object bind(Job<?> job, Map<String, Object> parameters) {
        Map<String, Object> confined = ConfinedParameters.confine(parameters, job.parametersType(), root);
        try {
            return JobParameters.bind(confined, job.parametersType());
        } catch (RuntimeException e) { // what binding throws is about the values given: 400, never an internal error
            throw ApiFailure.badRequest(job.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void submit(JobRun run) {
        publish(run);
        runner.execute(() -> execute(run));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void execute(JobRun run) {
        synchronized (run) {
            if (run.record().state() != JobState.QUEUED) {
                return; // cancelled while it waited
            }
            run.record(run.record().running(clock.instant()));
            run.running(Thread.currentThread(), null); // a cancel from now on interrupts this thread
            records.save(run.record());
        }
        var recorder = new RunRecorder(run.record().kind() + " " + run.id() + " (attempt " + run.record().attempt() + ")");
        var lastEvent = new AtomicLong();
        run.begin(new JobProgress(() -> {
            long now = System.nanoTime();
            long last = lastEvent.get();
            if (now - last >= EVENT_INTERVAL_NANOS && lastEvent.compareAndSet(last, now)) {
                publish(run);
            }
        }), recorder);
        publish(run);
        Job job = run.job();
        JobState outcome = JobState.FAILED;
        String error = null;
        Object summary = null;
        try (Engine engine = engines.get().listener(recorder).listener(new JobEvents(run.id(), hub, recorder)).build()) {
            run.running(Thread.currentThread(), engine);
            run.throwIfCancelled();
            Object parameters = bind(job, run.record().parameters());
            Object result = job.run(new JobContext(engine, (done, total, message) -> run.progress().update(done, total, message), run), parameters);
            summary = summaries.convertValue(result, Object.class);
            outcome = JobState.SUCCEEDED;
        } catch (Throwable e) { // whatever it was (an Error too), the job ends and says why: never "running" for ever
            outcome = !run.isCancelled() ? JobState.FAILED : closing ? JobState.INTERRUPTED : JobState.CANCELLED;
            error = !run.isCancelled() ? oneLine(e) : closing ? "the server stopped while it ran; resume it to go on" : "cancelled";
            if (!run.isCancelled()) {
                LOG.info("{} ({}) failed: {}", run.id(), run.record().kind(), error, e);
            }
        } finally {
            run.stopped(); // clears an interrupt a late cancel sent: it must not reach the next job on this thread
            recorder.finish(outcome == JobState.SUCCEEDED ? "succeeded" : outcome.label() + (error == null ? "" : ": " + error));
            writeReport(run, recorder);
            run.ended();
            end(run, outcome, error, summary);
        }
    }

    /** The run's report, kept as a file beside the job records: served after the recorder is let go, and after a restart. */
    private void writeReport(JobRun run, RunRecorder recorder) {
        try {
            Uninterrupted.write(() -> RunReport.write(recorder.snapshot(), reportFile(run)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the run report of {}: {}", run.id(), e.toString());
        }
    }

    /** Where the report of {@code run}'s last run is kept. */
    public Path reportFile(JobRun run) {
        return reports.resolve(run.id() + ".html");
    }

    private void end(JobRun run, JobState state, String error, Object summary) {
        synchronized (run) {
            run.record(run.record().ended(state, clock.instant(), error, outputsOf(run), summary));
            records.save(run.record());
        }
        publish(run);
    }

    /** The files under the job's output paths: an output file itself, or the files directly in an output folder. */
    private List<String> outputsOf(JobRun run) {
        if (run.job() == null) {
            return List.of();
        }
        var files = new ArrayList<String>();
        for (RecordComponent component : run.job().parametersType().getRecordComponents()) {
            JobParameter described = component.getAnnotation(JobParameter.class);
            Object value = run.record().parameters().get(component.getName());
            if (described == null || described.kind() != JobParameter.Kind.OUTPUT_PATH || !(value instanceof String text)) {
                continue;
            }
            Path path;
            try {
                path = root.resolve(text, component.getName());
            } catch (RuntimeException e) { // changed since the job started (a link made meanwhile): not listed
                LOG.warn("not listing the outputs of {} in {}: {}", run.id(), text, e.getMessage());
                continue;
            }
            if (Files.isRegularFile(path)) {
                files.add(root.relative(path));
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> inside = Files.list(path)) {
                    inside.filter(Files::isRegularFile).sorted().forEach(f -> files.add(root.relative(f)));
                } catch (IOException e) {
                    LOG.warn("cannot list the outputs of {} in {}: {}", run.id(), path, e.toString());
                }
            }
        }
        return files;
    }

    private void publish(JobRun run) {
        if (hub.hasSubscribers()) {
            hub.publish(new ServerEvent("job", run.id(), null, view(run)));
        }
    }

    /** What the user is shown of a failure: its first line, the data root's own path left out (a client sees paths under it). */
    private String oneLine(Throwable failure) {
        return firstLine(failure).replace(root.path() + java.io.File.separator, "");
    }

    /** The first line of the deepest message that says something. */
    static String firstLine(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
                if (!(t instanceof io.tilework.engine.TaskFailedException)) {
                    break; // the chunk's own failure says more than the wrapper naming it, but the wrapper names the chunk
                }
            }
        }
        if (message == null) {
            message = failure.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Interrupts what runs (their records say so: resumable on the next start) and waits briefly for them. */
    @Override
    public void close() {
        closing = true;
        runs.values().forEach(run -> {
            if (!run.record().state().ended()) {
                run.cancel();
            }
        });
        runner.shutdownNow();
        try {
            runner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
