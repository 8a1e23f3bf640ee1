package io.tilework.server;

import io.javalin.Javalin;
import io.tilework.engine.Engine;
import io.tilework.engine.job.Jobs;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.StoreLocation;
import io.tilework.server.api.Api;
import io.tilework.server.events.EventHub;
import io.tilework.server.events.ServerEvent;
import io.tilework.server.jobs.JobManager;
import io.tilework.server.jobs.JobRun;
import io.tilework.server.jobs.JobState;
import io.tilework.server.metrics.ServerMetrics;
import io.tilework.server.rasters.OpenRasters;
import io.tilework.server.report.RunRecorder;
import io.tilework.server.security.Access;
import io.tilework.server.security.DataRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * {@code tilework serve}: the job manager, the process engine and the event hub behind the
 * HTTP API and the web console. Jobs and process instances outlive the server: their records
 * and the process store are on disk.
 *
 * {@snippet :
 * try (Server server = Server.start(ServerSettings.embedded(Path.of("data"), 8080))) {
 *     server.awaitStop();
 * }
 * }
 */
public final class Server implements AutoCloseable {

    private final ServerSettings settings;
    private final JobManager jobs;
    private final ProcessService processes;
    private final EventHub hub;
    private final OpenRasters rasters;
    private final Api api;
    private final Javalin javalin;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Server(ServerSettings settings) {
        this.settings = settings;
        requireTokenBeyondLoopback(settings);
        DataRoot root = reservingState(DataRoot.at(settings.dataRoot()), settings);
        this.hub = new EventHub();
        var jobCounts = new JobCounts();
        var metrics = new ServerMetrics(hub, jobCounts);
        Supplier<Engine.Builder> engines = () -> settings.engines().get().listener(metrics.engines());
        this.jobs = new JobManager(Jobs.discover(), root, settings.stateFolder(), engines, settings.concurrentJobs(), hub);
        jobCounts.jobs = jobs;
        var processJobs = new RunRecorder("jobs of process instances");
        if (settings.processStore() instanceof StoreLocation.SqliteFile(Path file)) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder of the process store " + file, e);
            }
        }
        // a process's jobs have their paths confined to the data root like the server's own
        this.processes = ProcessService.open(settings.processStore(), settings.concurrentJobs(),
                () -> engines.get().listener(processJobs), jobs::confine);
        this.rasters = new OpenRasters(root, engines); // its session (and GDAL) only on the first raster opened
        try {
            processes.engine().subscribe(record -> {
                metrics.transition();
                if (hub.hasSubscribers()) {
                    var data = new LinkedHashMap<String, Object>();
                    data.put("instance", record.instance());
                    data.put("seq", record.transaction());
                    data.put("event", record.event());
                    data.put("object", record.object());
                    data.put("status", record.status());
                    hub.publish(new ServerEvent("process", null, record.instance(), data));
                }
            });
            this.api = new Api(settings, root, jobs, processes, processJobs, hub, rasters, new Access(settings.token()), metrics);
            this.javalin = Javalin.create(api::configure).start(settings.bind(), settings.port());
            api.listening(settings.bind(), javalin.port());
        } catch (RuntimeException e) {
            processes.close();
            jobs.close();
            rasters.close();
            throw e;
        }
    }

    /** Starts a server; it listens when this returns. */
    public static Server start(ServerSettings settings) {
        return new Server(settings);
    }

    public int port() {
        return javalin.port();
    }

    /** The console's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    public JobManager jobs() {
        return jobs;
    }

    public ProcessService processes() {
        return processes;
    }

    public Api api() {
        return api;
    }

    /** Blocks until {@link #close()} (from a shutdown hook, say). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops listening, interrupts running jobs (resumable on the next start), closes the process engine and the rasters' session. */
    @Override
    public void close() {
        hub.closeAll(); // event streams end first: their threads must not write to a stopped server
        try {
            javalin.stop();
        } finally {
            try {
                jobs.close();
            } finally {
                try {
                    processes.close();
                } finally {
                    rasters.close(); // after Javalin: no read stream takes tiles from its engine any more
                    stopped.countDown();
                }
            }
        }
    }

    /** The root with the server's state kept from jobs: the folder of the job records (and reports), the process store. */
    private static DataRoot reservingState(DataRoot root, ServerSettings settings) {
        Path given = settings.dataRoot().toAbsolutePath().normalize();
        var reserved = new java.util.ArrayList<Path>();
        Path records = settings.stateFolder().toAbsolutePath().normalize();
        Path stateFolder = records.getParent().equals(given) ? records : records.getParent(); // .tilework, holding jobs/ and reports/
        var states = new java.util.ArrayList<>(List.of(stateFolder));
        if (settings.processStore() instanceof StoreLocation.SqliteFile(Path file)) { // a database is nowhere under the root
            states.add(file.toAbsolutePath().normalize());
        }
        for (Path state : states) {
            // the root's real path may differ from the one given (a link on the way): the same place under it
            reserved.add(state.startsWith(given) ? root.path().resolve(given.relativize(state)) : state);
        }
        return root.reserving(reserved);
    }

    private static void requireTokenBeyondLoopback(ServerSettings settings) {
        if (settings.token() != null) {
            return;
        }
        try {
            if (!InetAddress.getByName(settings.bind()).isLoopbackAddress()) {
                throw new IllegalArgumentException("listening on " + settings.bind() + " needs --token or --token-file: "
                        + "without one, anybody who reaches the address could run jobs on this machine");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + settings.bind() + ": unknown address", e);
        }
    }

    /** Jobs by state, for the metrics; the manager is made after the metrics that count them. */
    private static final class JobCounts implements Supplier<Map<String, Long>> {
        volatile JobManager jobs;

        @Override
        public Map<String, Long> get() {
            var counts = new LinkedHashMap<String, Long>();
            for (JobState state : JobState.values()) {
                counts.put(state.label(), jobs == null ? 0 : jobs.list().stream().map(JobRun::record).filter(r -> r.state() == state).count());
            }
            return counts;
        }
    }
}
