package io.tilework.app.server;

import io.tilework.app.BuildVersion;
import io.tilework.app.cluster.WorkerCommand;
import io.tilework.app.failure.BadCommandLine;
import io.tilework.cluster.ClusterPool;
import io.tilework.cluster.ClusterSettings;
import io.tilework.cluster.ClusterStatus;
import io.tilework.engine.Engine;
import io.tilework.gdal.Gdal;
import io.tilework.process.store.StoreLocation;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tilework serve}: the HTTP API and the web console, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the HTTP API and the web console: start, watch, cancel and resume jobs, run process models, "
                + "answer work items, and a live dashboard of the engine. Runs until Ctrl-C (running jobs are then "
                + "recorded as interrupted and can be resumed on the next start).",
                "Paths in job parameters are relative to --data-root and confined to it.",
                "",
                "Examples:",
                "  tilework serve --data-root data",
                "  tilework serve --data-root data --bind 0.0.0.0 --token-file ~/.tilework-token",
                "  tilework serve --data-root /shared --cluster prod --join 10.0.0.1:5701"})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (default ${DEFAULT-VALUE}; another one needs --token)")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_PORT,
            description = "the HTTP port (default ${DEFAULT-VALUE}; 0 for any free one)")
    int port;

    @Option(names = "--data-root", paramLabel = "DIR", defaultValue = ".",
            description = "the folder job paths are relative to and confined to (default: the current folder)")
    Path dataRoot;

    @Option(names = "--store", paramLabel = "FILE|URL", description = "the process store: a SQLite file (default DIR/.tilework/process.db) or a "
            + "PostgreSQL database postgresql://HOST[:PORT]/DB[?user=NAME] (password from PGPASSWORD or ~/.pgpass)")
    String store;

    @Option(names = "--token", paramLabel = "TOKEN", description = "the token callers must show (bearer header, or the page's login); "
            + "required when --bind is not a loopback address. Prefer --token-file: a command line is visible to other users")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "read the token from the first line of FILE")
    Path tokenFile;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "jobs run at once; others wait (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + ServerSettings.DEFAULT_MAX_BODY_BYTES,
            description = "the largest request body accepted (default ${DEFAULT-VALUE})")
    long maxBody;

    @Option(names = "--cluster", paramLabel = "NAME", description = "coordinate the cluster NAME: job chunks run on its workers")
    String cluster;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",", description = "members of the cluster to contact (with --cluster)")
    List<String> join = List.of();

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new BadCommandLine("--jobs must be at least 1, not " + jobs);
        }
        if (!join.isEmpty() && cluster == null) {
            throw new BadCommandLine("--join goes with --cluster NAME");
        }
        if (!Files.isDirectory(dataRoot)) {
            throw new BadCommandLine("--data-root " + dataRoot + ": no such folder");
        }
        Path root = dataRoot.toRealPath();
        ServerSettings settings = ServerSettings.embedded(root, port)
                .withBind(bind)
                .withToken(token())
                .withMaxBodyBytes(maxBody)
                .withConcurrentJobs(jobs)
                .withVersions(BuildVersion.tilework(), ServeCommand::gdalVersion);
        if (store != null) {
            StoreLocation location;
            try {
                location = StoreLocation.parse(store);
            } catch (IllegalArgumentException e) { // its message never repeats a password
                throw new BadCommandLine("--store: " + e.getMessage());
            }
            settings = settings.withProcessStore(location instanceof StoreLocation.SqliteFile(Path file)
                    ? new StoreLocation.SqliteFile(file.toAbsolutePath()) : location);
        }
        if (cluster != null) {
            if (join.isEmpty()) {
                throw new BadCommandLine("--cluster needs --join HOST:PORT[,HOST:PORT...]");
            }
            settings = settings.withEngines(coordinator(), members());
        }
        PrintWriter out = spec.commandLine().getOut();
        Server server;
        try {
            server = Server.start(settings);
        } catch (IllegalArgumentException e) {
            throw new BadCommandLine(e.getMessage());
        } catch (RuntimeException e) {
            if (causedBy(e, java.net.BindException.class)) {
                throw new io.tilework.app.failure.RequestFailure("cannot listen on " + bind + ":" + port
                        + ": the port is in use (another server?); give another one with --port, or --port 0 for any free one");
            }
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tilework-serve-stop"));
        out.println("Tilework console: " + server.uri() + "  (data root " + root + "; Ctrl-C stops)");
        out.flush();
        server.awaitStop();
        return 0;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String token() throws IOException {
        if (token != null && tokenFile != null) {
            throw new BadCommandLine("give --token or --token-file, not both");
        }
        if (tokenFile == null) {
            return token;
        }
        String line = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            throw new BadCommandLine("--token-file " + tokenFile + " is empty");
        }
        return line;
    }

    private ClusterSettings member(String name) {
        return new ClusterSettings(cluster, join, null, 0, name, WorkerCommand.clusterVersion());
    }

    /** Each job run coordinates the cluster through a pool of its own, as the job commands do with --cluster. */
    private Supplier<Engine.Builder> coordinator() {
        var runs = new AtomicLong();
        return () -> Engine.builder().pool(ClusterPool.join(member("server-" + ProcessHandle.current().pid() + "-" + runs.incrementAndGet()),
                "served job", Runtime.getRuntime().availableProcessors(), null, new ClusterPool.Listener() { }));
    }

    /** The cluster's members, read at most every 2 s (a status read connects a client). */
    private Supplier<List<Map<String, Object>>> members() {
        var cache = new Object() {
            long readAt;
            List<Map<String, Object>> members = List.of();
        };
        return () -> {
            synchronized (cache) {
                if (System.currentTimeMillis() - cache.readAt > 2_000) {
                    try {
                        cache.members = ClusterStatus.read(member("server-status")).members().stream().map(m -> {
                            var row = new LinkedHashMap<String, Object>();
                            row.put("name", m.name());
                            row.put("address", m.address());
                            row.put("role", m.role());
                            row.put("threads", m.threads());
                            row.put("running", m.running());
                            row.put("done", m.done());
                            row.put("failed", m.failed());
                            return (Map<String, Object>) row;
                        }).toList();
                    } catch (RuntimeException e) {
                        cache.members = List.of(Map.of("name", "(cluster " + cluster + " unreachable)", "error", String.valueOf(e.getMessage())));
                    }
                    cache.readAt = System.currentTimeMillis();
                }
                return cache.members;
            }
        };
    }

    private static String gdalVersion() {
        return Gdal.initialize().toString();
    }
}
