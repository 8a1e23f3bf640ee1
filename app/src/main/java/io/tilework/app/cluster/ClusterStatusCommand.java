package io.tilework.app.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tilework.cluster.ClusterStatus;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tilework cluster status}: members (name, address, version, threads, chunks) and running jobs. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the members of a cluster (name, address, role, version, threads, kinds, chunks running and done, "
                + "last heartbeat) and its running jobs with their progress. Connects as a client: it changes nothing.")
public final class ClusterStatusCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--json", description = "print JSON for scripts")
    boolean json;

    @Override
    public Integer call() throws Exception {
        cluster.require("tilework cluster status");
        ClusterStatus.Status status = ClusterStatus.read(cluster.settings("status"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status));
            return 0;
        }
        out.printf(Locale.ROOT, "cluster %s: %d member(s), %d running job(s)%n", status.cluster(), status.members().size(), status.jobs().size());
        out.printf(Locale.ROOT, "%-24s %-21s %-11s %7s %7s %7s %7s  %-10s %s%n", "MEMBER", "ADDRESS", "ROLE", "THREADS", "RUNNING",
                "DONE", "FAILED", "HEARTBEAT", "VERSION / KINDS");
        for (ClusterStatus.MemberRow m : status.members()) {
            String beat = m.heartbeatAgeMillis() < 0 ? "-" : String.format(Locale.ROOT, "%.1f s ago", m.heartbeatAgeMillis() / 1000.0);
            out.printf(Locale.ROOT, "%-24s %-21s %-11s %7d %7d %7d %7d  %-10s %s%s%s%n", m.name(), m.address(),
                    m.role() + (m.draining() ? "*" : ""), m.threads(), m.running(), m.done(), m.failed(), beat, m.version(),
                    m.role().equals("worker") ? "; kinds: " + (m.kinds().isEmpty() ? "all" : String.join(",", m.kinds())) : "",
                    m.draining() ? " (draining)" : "");
        }
        for (ClusterStatus.JobRow j : status.jobs()) {
            out.printf(Locale.ROOT, "job %s (%s) from %s: %d of %d chunks done, %d failed, %d run again; %.0f s; by member %s%n",
                    j.id(), j.name(), j.coordinator(), j.done(), j.submitted(), j.failed(), j.rerun(), j.elapsedMillis() / 1000.0,
                    j.doneByMember());
            for (String kind : j.waitingKinds()) {
                out.printf(Locale.ROOT, "  chunks of kind %s wait: no live worker takes this kind%n", kind);
            }
        }
        return 0;
    }
}
