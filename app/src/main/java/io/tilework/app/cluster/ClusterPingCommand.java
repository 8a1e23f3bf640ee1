package io.tilework.app.cluster;

import io.tilework.cluster.ClusterPing;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tilework cluster ping}: the cost of one remote chunk, measured with empty ones. */
@Command(name = "ping", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Joins a cluster as a coordinator and sends it empty chunks (kind cluster.echo): one at a time, for the "
                + "round trip of a chunk (queue, lease, result), then all at once, for how many chunks per second it passes. "
                + "Prints the times and which workers answered."})
public final class ClusterPingCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--count", paramLabel = "N", defaultValue = "200", description = "empty chunks each way (default ${DEFAULT-VALUE})")
    int count;

    @Override
    public Integer call() throws Exception {
        cluster.require("tilework cluster ping");
        ClusterPing.Result result = ClusterPing.run(cluster.settings("ping-" + ProcessHandle.current().pid()), count);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d empty chunks one at a time: mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", result.count(),
                result.meanMillis(), result.p50Millis(), result.p99Millis(), result.maxMillis());
        out.printf(Locale.ROOT, "%d at once: %.0f chunks/s; answered by %s%n", result.count(), result.chunksPerSecond(), result.byMember());
        return 0;
    }
}
