package io.tilework.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tilework.engine.failure.UserFailure;
import io.tilework.engine.page.Echarts;
import io.tilework.process.failure.EngineBusy;
import io.tilework.process.failure.NotFound;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.service.ProcessService;
import io.tilework.server.ServerSettings;
import io.tilework.server.events.EventHub;
import io.tilework.server.jobs.JobManager;
import io.tilework.server.metrics.ServerMetrics;
import io.tilework.server.rasters.OpenRasters;
import io.tilework.server.rasters.RasterRoutes;
import io.tilework.server.report.RunRecorder;
import io.tilework.server.security.Access;
import io.tilework.server.security.DataRoot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the server, registered on Javalin from one list of {@link Endpoint}s that also
 * makes {@code /openapi.json}; access checked before each API call, latency measured after;
 * every failure answered as {@code {"error": ..., "status": ...}}, never a stack trace.
 */
public final class Api {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final String STARTED = "tilework.started";
    private static final String ANSWERED = "tilework.answered";

    private final List<Endpoint> endpoints;
    private final Access access;
    private final ServerMetrics metrics;
    private final long maxBodyBytes;
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile java.util.Set<String> hosts = java.util.Set.of();

    public Api(ServerSettings settings, DataRoot root, JobManager jobs, ProcessService processes, RunRecorder processJobs, EventHub hub,
               OpenRasters rasters, Access access, ServerMetrics metrics) {
        this.access = access;
        this.metrics = metrics;
        this.maxBodyBytes = settings.maxBodyBytes();
        var all = new ArrayList<Endpoint>();
        all.addAll(new JobRoutes(jobs).endpoints());
        all.addAll(new ProcessRoutes(processes).endpoints());
        all.addAll(new EventRoutes(hub).endpoints());
        all.addAll(new StatusRoutes(settings, jobs, processes, processJobs, metrics).endpoints());
        all.addAll(new SessionRoutes(access).endpoints());
        all.addAll(new FileRoutes(root).endpoints());
        all.addAll(new RasterRoutes(rasters, metrics.rasterStreams()).endpoints());
        byte[] echarts = Echarts.source().getBytes(StandardCharsets.UTF_8);
        all.add(Endpoint.get("/", "the web console").tag("console").success(302).handle(ctx -> ctx.redirect("/console/index.html")));
        all.add(Endpoint.get("/assets/echarts.min.js", "Apache ECharts, served from the jar").tag("console")
                .handle(ctx -> ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "max-age=86400").result(echarts)));
        String version = settings.version();
        all.add(Endpoint.get("/openapi.json", "this description of the API").tag("server")
                .handle(ctx -> Json.answer(ctx, 200, OpenApi.describe(endpoints(), version))));
        this.endpoints = List.copyOf(all);
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /**
     * The {@code Host} values this server answers to once it listens on {@code port}: the bound
     * address and, on loopback, the loopback names; anything else is refused (DNS rebinding).
     */
    public void listening(String bind, int port) {
        var names = new java.util.HashSet<String>();
        names.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
        if (isLoopback(bind)) {
            names.addAll(java.util.List.of("localhost", "127.0.0.1", "[::1]"));
        }
        var withPorts = new java.util.HashSet<String>();
        for (String name : names) {
            withPorts.add(name.toLowerCase(java.util.Locale.ROOT) + ":" + port);
            if (port == 80) {
                withPorts.add(name.toLowerCase(java.util.Locale.ROOT));
            }
        }
        hosts = java.util.Set.copyOf(withPorts);
    }

    private static boolean isLoopback(String bind) {
        try {
            return java.net.InetAddress.getByName(bind).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** "GET /api/jobs" for every handler Javalin registered, before and after handlers included: what the description must cover. */
    public java.util.Set<String> registered() {
        return java.util.Set.copyOf(registered);
    }

    /** Registers the console's files, the routes, the access check, the latency measure and the error answers. */
    public void configure(JavalinConfig config) {
        config.events.handlerAdded(added -> registered.add(added.getHttpMethod() + " " + added.getPath()));
        config.http.maxRequestSize = maxBodyBytes;
        config.startup.showJavalinBanner = false;
        config.concurrency.useVirtualThreads = true; // an event stream holds its request's thread for its whole life
        config.staticFiles.add(files -> {
            files.hostedPath = "/console";
            files.directory = "/io/tilework/server/console";
            files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
        });
        config.routes.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            access.checkSameSite(ctx, hosts);
            if (isProtected(ctx.path())) {
                access.check(ctx);
            }
            ctx.header("X-Frame-Options", "SAMEORIGIN");
        });
        config.routes.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            if (started != null && !ctx.path().equals("/api/events")) { // a stream's life is not a latency
                metrics.request(ctx.method() + " " + route(ctx), System.nanoTime() - started);
            }
        });
        for (Endpoint endpoint : endpoints) {
            switch (endpoint.method()) {
                case "GET", "SSE" -> config.routes.get(endpoint.path(), endpoint.handler());
                case "POST" -> config.routes.post(endpoint.path(), endpoint.handler());
                default -> throw new IllegalStateException("no such method " + endpoint.method());
            }
        }
        config.routes.exception(ApiFailure.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), switch (e.getStatus()) {
            case 404 -> "no such route: " + ctx.method() + " " + ctx.path() + " (GET /openapi.json lists them)";
            case 413 -> "the request body is over the server's limit of " + limitText();
            default -> e.getMessage();
        }));
        config.routes.exception(NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        config.routes.exception(EngineBusy.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        config.routes.exception(StoreUnavailable.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        config.routes.exception(UserFailure.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + firstLine(e) + " (details in the server's log; please report it)");
        });
        config.routes.error(404, ctx -> {
            if (ctx.attribute(ANSWERED) == null) { // not one of ours: no route matched
                error(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path() + " (GET /openapi.json lists them)");
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
                error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    private String limitText() {
        return maxBodyBytes + " bytes (--max-body)";
    }

    /** The API, the metrics, the health and the description need the token when there is one; the console's files and the login do not. */
    static boolean isProtected(String path) {
        return path.startsWith("/api/") || path.equals("/metrics") || path.equals("/health") || path.equals("/openapi.json");
    }

    private static String route(Context ctx) {
        try {
            var matched = ctx.endpoints().lastHttpEndpoint();
            return matched == null ? "(unmatched)" : matched.path;
        } catch (RuntimeException e) {
            return "(unmatched)";
        }
    }

    static void error(Context ctx, int status, String message) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        Json.answer(ctx, status, Map.of("error", message == null ? "failed" : message, "status", status));
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
