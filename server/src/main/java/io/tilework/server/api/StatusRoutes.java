package io.tilework.server.api;

import io.javalin.http.Context;
import io.tilework.engine.EngineMetrics;
import io.tilework.server.ServerSettings;
import io.tilework.server.jobs.JobManager;
import io.tilework.server.jobs.JobRun;
import io.tilework.server.jobs.JobState;
import io.tilework.server.metrics.ServerMetrics;
import io.tilework.server.report.RunRecorder;
import io.tilework.process.service.ProcessService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /health}, {@code /metrics} and {@code /api/dashboard}: the state of the server and of its engines. */
final class StatusRoutes {

    private static final long RECENT_MILLIS = 60_000;
    private static final int MAX_TASKS = 1_500;

    private final ServerSettings settings;
    private final JobManager jobs;
    private final ProcessService processes;
    private final RunRecorder processJobs;
    private final ServerMetrics metrics;

    StatusRoutes(ServerSettings settings, JobManager jobs, ProcessService processes, RunRecorder processJobs, ServerMetrics metrics) {
        this.settings = settings;
        this.jobs = jobs;
        this.processes = processes;
        this.processJobs = processJobs;
        this.metrics = metrics;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/health", "ready, the process store reachable, GDAL's version, the cluster's members").returns("Health")
                        .errors(Map.of(503, "not ready: the process store is unreachable")).handle(this::health),
                Endpoint.get("/metrics", "Prometheus text: pools, queues, budget, cache, chunks/s, process transitions/s, HTTP latency")
                        .handle(ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.prometheus(pools(), budget()))),
                Endpoint.get("/api/dashboard", "the live state the console draws: pools, budget, cache, task stream, flows, members")
                        .tag("dashboard").returns("Dashboard").handle(ctx -> Json.answer(ctx, 200, dashboard())));
    }

    private void health(Context ctx) {
        var store = new LinkedHashMap<String, Object>();
        boolean reachable;
        String problem = null;
        try {
            processes.engine().store().models();
            reachable = true;
        } catch (RuntimeException e) {
            reachable = false;
            problem = e.getMessage();
        }
        store.put("reachable", reachable);
        store.put("location", switch (settings.processStore()) {
            case io.tilework.process.store.StoreLocation.SqliteFile(Path file) -> {
                Path location = file.toAbsolutePath().normalize();
                Path given = settings.dataRoot().toAbsolutePath().normalize();
                // under the data root: its path there; elsewhere: its name only (a client does not see the server's folders)
                yield location.startsWith(given) ? given.relativize(location).toString() : location.getFileName().toString();
            }
            // the database's name only: a client does not see where the server's database runs
            case io.tilework.process.store.PostgresLocation database -> "postgresql:" + database.database();
        });
        if (problem != null) {
            store.put("problem", problem);
        }
        var health = new LinkedHashMap<String, Object>();
        health.put("ready", reachable);
        health.put("store", store);
        health.put("gdal", gdal());
        health.put("members", settings.members().get());
        health.put("version", settings.version());
        Json.answer(ctx, reachable ? 200 : 503, health);
    }

    private String gdal() {
        try {
            return settings.gdalVersion().get();
        } catch (RuntimeException | LinkageError e) {
            return "unavailable: " + e.getMessage();
        }
    }

    /** Recorders whose runs are worth drawing: running, or ended within the last minute; and the process engine's jobs. */
    private List<RunRecorder.Snapshot> recent() {
        long now = System.currentTimeMillis();
        var snapshots = new ArrayList<RunRecorder.Snapshot>();
        for (JobRun run : jobs.list()) {
            RunRecorder recorder = run.recorder();
            if (recorder == null) {
                continue;
            }
            long ended = recorder.totals().endMillis(); // cheap: the spans are copied only for the runs drawn
            if (ended == 0 || now - ended < RECENT_MILLIS) {
                snapshots.add(recorder.snapshot());
            }
        }
        snapshots.add(processJobs.snapshot());
        return snapshots;
    }

    /** Pools by name, summed over the engines that run now; the cpu pool idle when none runs. */
    private Map<String, int[]> pools() {
        var pools = new TreeMap<String, int[]>(); // slots, running, queued
        jobs.running().map(JobRun::metrics).filter(java.util.Objects::nonNull).forEach(m -> m.pools().forEach((name, p) -> {
            int[] sum = pools.computeIfAbsent(name, n -> new int[3]);
            sum[0] += p.slots();
            sum[1] += p.running();
            sum[2] += p.queued();
        }));
        RunRecorder.Snapshot processSnapshot = processJobs.snapshot();
        processSnapshot.currentPools().forEach((name, p) -> {
            if (p.running() > 0 || p.queued() > 0) {
                int[] sum = pools.computeIfAbsent(name, n -> new int[3]);
                sum[1] += p.running();
                sum[2] += p.queued();
                sum[0] = Math.max(sum[0], Math.max(p.slots(), sum[1]));
            }
        });
        if (pools.isEmpty()) {
            pools.put("cpu", new int[] {Runtime.getRuntime().availableProcessors(), 0, 0});
        }
        return pools;
    }

    /** Bytes held and the budget, summed over the engines that run now; 0 of the default budget when none runs. */
    private long[] budget() {
        long held = 0;
        long budget = 0;
        for (EngineMetrics m : jobs.running().map(JobRun::metrics).filter(java.util.Objects::nonNull).toList()) {
            held += m.heldBytes();
            budget += m.budgetBytes();
        }
        return new long[] {held, budget == 0 ? Runtime.getRuntime().maxMemory() / 4 : budget};
    }

    private Map<String, Object> dashboard() {
        var view = new LinkedHashMap<String, Object>();
        view.put("pools", pools().entrySet().stream().map(e -> Map.of("name", e.getKey(), "slots", e.getValue()[0],
                "running", e.getValue()[1], "queued", e.getValue()[2])).toList());
        long[] budget = budget();
        view.put("budget", Map.of("heldBytes", budget[0], "budgetBytes", budget[1]));
        long hits = metrics.engines().hits();
        long misses = metrics.engines().misses();
        view.put("cache", Map.of("hits", hits, "misses", misses, "ratio", hits + misses == 0 ? 0.0 : (double) hits / (hits + misses),
                "bytes", metrics.engines().hitBytes()));
        view.put("chunksPerSecond", metrics.engines().chunksPerSecond());
        List<RunRecorder.Snapshot> recent = recent();
        long since = System.currentTimeMillis() - 30_000;
        view.put("tasks", recent.stream().flatMap(s -> s.tasks().stream())
                .filter(t -> t.endMillis() == 0 || t.endMillis() >= since)
                .sorted(Comparator.comparingLong(RunRecorder.Span::startMillis).reversed()).limit(MAX_TASKS)
                .map(t -> {
                    var task = new LinkedHashMap<String, Object>();
                    task.put("lane", t.lane());
                    task.put("key", t.key());
                    task.put("recipe", t.recipe());
                    task.put("start", t.startMillis());
                    task.put("end", t.endMillis() == 0 ? null : t.endMillis());
                    task.put("state", t.state());
                    return task;
                }).toList());
        view.put("flows", flows(recent));
        view.put("members", settings.members().get());
        var counts = new LinkedHashMap<String, Object>();
        for (JobState state : JobState.values()) {
            counts.put(state.label(), jobs.list().stream().filter(r -> r.record().state() == state).count());
        }
        view.put("jobs", counts);
        return view;
    }

    /** The flows of the recent runs, summed per producer and consumer, as a Sankey's nodes and links. */
    private static Map<String, Object> flows(List<RunRecorder.Snapshot> recent) {
        var links = new TreeMap<String, long[]>();
        for (RunRecorder.Snapshot snapshot : recent) {
            for (RunRecorder.Flow flow : snapshot.flows()) {
                long[] sum = links.computeIfAbsent(flow.source() + "\u0000" + flow.target(), k -> new long[2]);
                sum[0] += flow.chunks();
                sum[1] += flow.bytes();
            }
        }
        var nodes = new java.util.TreeSet<String>();
        var linkList = new ArrayList<Map<String, Object>>();
        links.forEach((key, sum) -> {
            String[] ends = key.split("\u0000", 2);
            nodes.add(ends[0]);
            nodes.add(ends[1]);
            linkList.add(Map.of("source", ends[0], "target", ends[1], "chunks", sum[0], "bytes", sum[1]));
        });
        return Map.of("nodes", nodes.stream().map(n -> Map.of("name", n)).toList(), "links", linkList);
    }
}
