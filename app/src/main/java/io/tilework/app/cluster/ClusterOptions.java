package io.tilework.app.cluster;

import io.tilework.app.ProgressBar;
import io.tilework.cluster.ClusterPool;
import io.tilework.cluster.ClusterSettings;
import io.tilework.engine.TaskKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Option;

/**
 * {@code --cluster NAME --join HOST:PORT,...}: a job command becomes the coordinator of a cluster,
 * its chunks go to the workers. Without them nothing changes: one JVM, no Hazelcast started.
 */
public final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "NAME", description = "the cluster's name (every cluster its own); a job command "
            + "with it becomes the coordinator and its chunks run on the workers ('tilework worker')")
    String cluster;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",", description = "members of the cluster to contact, "
            + "e.g. 10.0.0.1:5701,10.0.0.2:5701 (with --cluster)")
    List<String> join = List.of();

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "the address this member listens on and is reached at "
            + "(default 127.0.0.1; Hazelcast community edition has no TLS or authentication: private networks only)")
    String bind;

    @Option(names = "--port", paramLabel = "N", description = "this member's port (default: the first free one from 5701)")
    int port;

    /** Whether {@code --cluster} was given. */
    public boolean given() {
        return cluster != null;
    }

    /** The settings of a member named {@code member}; {@code --join} without {@code --cluster} is a mistake. */
    public ClusterSettings settings(String member) {
        return new ClusterSettings(cluster, join, bind, port, member, WorkerCommand.clusterVersion());
    }

    /** Checks that {@code --cluster} and {@code --join} are given, for commands that need them. */
    public void require(String command) {
        if (cluster == null || join.isEmpty()) {
            throw new io.tilework.app.failure.BadCommandLine(command + " needs --cluster NAME and --join HOST:PORT[,HOST:PORT...]");
        }
    }

    /** Checks that {@code --join} and the others come with {@code --cluster}. */
    public void check() {
        if (cluster == null && (!join.isEmpty() || bind != null || port != 0)) {
            throw new io.tilework.app.failure.BadCommandLine("--join, --bind and --port go with --cluster NAME");
        }
    }

    /**
     * Joins the cluster as the coordinator of {@code jobName}; the pool replaces the local "cpu" pool.
     * Every chunk finished names its member on {@code progress}; chunks run again are logged by the pool.
     *
     * @param sharedStore the job's chunk store (large results go there), or null
     */
    public ClusterPool coordinator(String jobName, Path sharedStore, ProgressBar progress) {
        String member = "coordinator-" + ProcessHandle.current().pid();
        var byMember = new ConcurrentHashMap<String, LongAdder>();
        return ClusterPool.join(settings(member), jobName, Runtime.getRuntime().availableProcessors(), sharedStore,
                new ClusterPool.Listener() {
                    @Override
                    public void ran(TaskKey key, String worker, long millis) {
                        byMember.computeIfAbsent(worker, w -> new LongAdder()).increment();
                        if (progress != null) {
                            progress.note(chunksByMember(byMember));
                        }
                    }
                });
    }

    /** "chunks: w1 12, w2 9". */
    static String chunksByMember(Map<String, LongAdder> byMember) {
        var sorted = new TreeMap<String, Long>();
        byMember.forEach((m, n) -> sorted.put(m, n.sum()));
        var text = new StringBuilder("chunks:");
        sorted.forEach((m, n) -> text.append(text.length() > 7 ? ", " : " ").append(m).append(' ').append(n));
        return text.toString();
    }
}
