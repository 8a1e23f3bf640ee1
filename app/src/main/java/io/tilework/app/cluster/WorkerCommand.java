package io.tilework.app.cluster;

import io.tilework.app.BuildVersion;
import io.tilework.app.failure.BadCommandLine;
import io.tilework.cluster.ClusterSettings;
import io.tilework.cluster.Worker;
import io.tilework.engine.pool.FunctionRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code tilework worker}: a cluster member that runs chunks of any job until it is stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Joins a cluster and runs chunks of every job its coordinators submit (raster tiles, sales splits, "
                + "chart stages), pulling them from the cluster's queues. Members must see the same paths (a shared disk "
                + "mounted at the same place) and run the same Tilework version.",
                "SIGTERM (or Ctrl-C) drains: no new chunk is taken, the running ones finish, then the worker leaves; a second "
                + "SIGTERM, or --drain-timeout, hands back what still runs and leaves at once.",
                "Hazelcast community edition has no TLS and no authentication: bind to a private network only.",
                "",
                "Example:",
                "  tilework worker --cluster charts --join 10.0.0.1:5701,10.0.0.2:5701 --bind 10.0.0.2 --threads 8"})
public final class WorkerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--threads", paramLabel = "N", description = "chunks run at once (default: one per core)")
    Integer threads;

    @Option(names = "--name", paramLabel = "NAME", description = "this worker's name in logs and status (default: host-pid)")
    String name;

    @Option(names = "--cache", paramLabel = "DIR", description = "a chunk store on the shared disk for large results of jobs "
            + "whose coordinator has none")
    Path cache;

    @Option(names = "--roles", paramLabel = "KIND", split = ",", description = "take only these kinds of chunk "
            + "(e.g. charts.produce,sales.map); default: every kind. 'tilework worker --list-kinds' lists them")
    List<String> roles = List.of();

    @Option(names = "--list-kinds", description = "print the kinds of chunk this worker can run, and exit")
    boolean listKinds;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "on SIGTERM, wait at most this long for running chunks before handing them back (default ${DEFAULT-VALUE})")
    int drainTimeout;

    @Override
    public Integer call() throws Exception {
        FunctionRegistry registry = FunctionRegistry.discover();
        if (listKinds) {
            registry.names().forEach(System.out::println);
            return 0;
        }
        if (threads != null && threads < 1) {
            throw new BadCommandLine("--threads must be at least 1, not " + threads);
        }
        if (drainTimeout < 0) {
            throw new BadCommandLine("--drain-timeout must not be negative, not " + drainTimeout);
        }
        cluster.require("tilework worker");
        ClusterSettings settings = cluster.settings(name != null ? name : defaultName());
        Worker worker = Worker.start(settings, new Worker.Options(threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                roles, cache), registry);
        var terms = new AtomicInteger();
        SignalHandler stop = signal -> {
            if (terms.incrementAndGet() == 1) {
                Thread.ofPlatform().name("tilework-drain").start(() -> worker.drain(Duration.ofSeconds(drainTimeout)));
            } else {
                LOG.info("second {}: handing back what still runs and leaving now", signal.getName());
                Thread.ofPlatform().name("tilework-leave").start(worker::close);
            }
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        worker.awaitLeft();
        return 0;
    }

    /** The version members compare: a worker of another build is refused. */
    public static String clusterVersion() {
        return BuildVersion.tilework();
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
