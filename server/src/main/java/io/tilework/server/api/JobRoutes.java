package io.tilework.server.api;

import io.javalin.http.Context;
import io.tilework.engine.job.Job;
import io.tilework.server.jobs.JobManager;
import io.tilework.server.jobs.JobRun;
import io.tilework.server.jobs.ParameterSchema;
import io.tilework.server.report.RunRecorder;
import io.tilework.server.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/jobs}: the kinds with their parameter schemas; start, list, show, cancel, resume; outputs and run reports. */
final class JobRoutes {

    private final JobManager jobs;

    JobRoutes(JobManager jobs) {
        this.jobs = jobs;
    }

    List<Endpoint> endpoints() {
        Map<Integer, String> unknown = Map.of(404, "no such job");
        return List.of(
                Endpoint.get("/api/jobs/kinds", "the kinds of job with their parameter schema").tag("jobs").returns("JobKind[]")
                        .handle(this::kinds),
                Endpoint.get("/api/jobs", "the jobs, newest first: all, or the newest ?limit=N, of one ?state=").tag("jobs")
                        .returns("Job[]").query("limit", "state").errors(Map.of(400, "a limit that is not a positive number"))
                        .handle(this::list),
                Endpoint.post("/api/jobs", "starts a job: its kind and parameters (paths relative to the data root)").tag("jobs")
                        .body("JobRequest").returns("Job").success(201)
                        .errors(Map.of(400, "a parameter is wrong or a path leaves the data root", 404, "no such kind"))
                        .handle(this::start),
                Endpoint.get("/api/jobs/{id}", "one job: state, progress, chunks, failures, outputs").tag("jobs").returns("Job")
                        .errors(unknown).handle(ctx -> Json.answer(ctx, 200, jobs.view(jobs.get(ctx.pathParam("id"))))),
                Endpoint.post("/api/jobs/{id}/cancel", "stops a queued or running job; finished work is kept").tag("jobs").returns("Job")
                        .errors(Map.of(404, "no such job", 409, "the job has ended"))
                        .handle(ctx -> Json.answer(ctx, 200, jobs.view(jobs.cancel(ctx.pathParam("id"))))),
                Endpoint.post("/api/jobs/{id}/resume", "runs a cancelled, failed or interrupted job again, reusing finished work")
                        .tag("jobs").returns("Job").errors(Map.of(404, "no such job", 409, "the job is not resumable"))
                        .handle(ctx -> Json.answer(ctx, 200, jobs.view(jobs.resume(ctx.pathParam("id"))))),
                Endpoint.get("/api/jobs/{id}/outputs/{name}", "a file the job wrote (HTML shown, others downloaded)").tag("jobs")
                        .errors(unknown).handle(this::output),
                Endpoint.get("/api/jobs/{id}/report", "the run report of the job's last run (a self-contained page)").tag("jobs")
                        .errors(Map.of(404, "no such job, or it has not run since the server started")).handle(this::report));
    }

    private void list(Context ctx) {
        String state = ctx.queryParam("state");
        long limit = Long.MAX_VALUE;
        String given = ctx.queryParam("limit");
        if (given != null) {
            try {
                limit = Long.parseLong(given);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1) {
                throw ApiFailure.badRequest("limit must be a positive number, not " + given);
            }
        }
        Json.answer(ctx, 200, jobs.list().stream().filter(run -> state == null || run.record().state().label().equals(state))
                .limit(limit).map(jobs::view).toList());
    }

    private void kinds(Context ctx) {
        var kinds = jobs.kinds().values().stream().map(JobRoutes::kind).toList();
        Json.answer(ctx, 200, kinds);
    }

    private static Map<String, Object> kind(Job<?> job) {
        var kind = new LinkedHashMap<String, Object>();
        kind.put("name", job.name());
        kind.put("description", job.description());
        kind.put("parameters", ParameterSchema.of(job.parametersType()));
        return kind;
    }

    private void start(Context ctx) {
        Map<String, Object> body = Json.body(ctx);
        JobRun run = jobs.start(Json.text(body, "kind"), Json.object(body, "parameters"));
        ctx.header("Location", "/api/jobs/" + run.id());
        Json.answer(ctx, 201, jobs.view(run));
    }

    private void output(Context ctx) throws IOException {
        Path file = jobs.output(jobs.get(ctx.pathParam("id")), ctx.pathParam("name"));
        if (!Files.isRegularFile(file)) {
            throw ApiFailure.notFound(ctx.pathParam("name") + " is gone from the data root");
        }
        String name = file.getFileName().toString();
        String type = Files.probeContentType(file);
        boolean page = name.endsWith(".html") || name.endsWith(".htm");
        ctx.contentType(page ? "text/html; charset=utf-8" : type == null ? "application/octet-stream" : type);
        if (!page) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
        }
        sandboxed(ctx);
        ctx.result(Files.newInputStream(file));
    }

    private void report(Context ctx) throws IOException {
        JobRun run = jobs.get(ctx.pathParam("id"));
        RunRecorder recorder = run.recorder();
        Path kept = jobs.reportFile(run);
        sandboxed(ctx);
        if (recorder != null) { // running, or just ended: the live page
            ctx.contentType("text/html; charset=utf-8").result(RunReport.html(recorder.snapshot()));
        } else if (Files.isRegularFile(kept)) {
            ctx.contentType("text/html; charset=utf-8").result(Files.newInputStream(kept));
        } else {
            throw ApiFailure.notFound(run.id() + " has no run report: it has not run yet");
        }
    }

    /**
     * A page of the data root runs in a sandbox (an origin of its own): whatever scripts a file or
     * a report holds cannot reach the API with the console's session.
     */
    static void sandboxed(Context ctx) {
        ctx.header("Content-Security-Policy", "sandbox allow-scripts allow-popups allow-downloads");
        ctx.header("X-Content-Type-Options", "nosniff");
    }
}
