package io.tilework.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What a cluster is doing, read by a Hazelcast client (not a member: asking changes nothing): its
 * members with what they run, and its running jobs with their progress.
 */
public final class ClusterStatus {

    /** One member: a worker with its counters, or a coordinator. */
    public record MemberRow(String name, String address, String role, String version, int threads, List<String> kinds,
                            int running, long done, long failed, long heartbeatAgeMillis, boolean draining) {
    }

    /** One running job. */
    public record JobRow(String id, String name, String coordinator, long submitted, long done, long failed, long rerun,
                         Map<String, Long> doneByMember, List<String> waitingKinds, long elapsedMillis) {
    }

    public record Status(String cluster, List<MemberRow> members, List<JobRow> jobs) {
    }

    private ClusterStatus() {
    }

    /** Connects to the members of {@code settings.join()} and reads the status; fails in about 10 s if none answers. */
    public static Status read(ClusterSettings settings) {
        ClusterMember.class.getName(); // its logging set-up first
        var config = new ClientConfig();
        config.setClusterName(settings.clusterName());
        config.setInstanceName("tilework-status-" + ProcessHandle.current().pid());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().setAddresses(settings.join()).setSmartRouting(false);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(10_000);
        HazelcastInstance client;
        try {
            client = HazelcastClient.newHazelcastClient(config);
        } catch (IllegalStateException e) {
            throw new ClusterRequestInvalid("no member of cluster '" + settings.clusterName() + "' answers at "
                    + String.join(", ", settings.join()) + "; check --cluster and --join (is a worker running?)", e);
        }
        try {
            return read(client, settings.clusterName());
        } finally {
            client.shutdown();
        }
    }

    private static Status read(HazelcastInstance client, String cluster) {
        long now = System.currentTimeMillis();
        Map<String, WorkerState> workers = new HashMap<>(Structures.workers(client));
        var members = new ArrayList<MemberRow>();
        for (Member member : client.getCluster().getMembers()) {
            String address = member.getAddress().getHost() + ":" + member.getAddress().getPort();
            WorkerState worker = workers.get(member.getUuid().toString());
            String name = member.getAttribute(ClusterMember.NAME);
            String role = member.getAttribute(ClusterMember.ROLE);
            String version = member.getAttribute(ClusterMember.VERSION);
            if (worker == null) {
                members.add(new MemberRow(name, address, role, version, 0, List.of(), 0, 0, 0, -1, false));
            } else {
                members.add(new MemberRow(name, address, role, version, worker.threads(), worker.kinds(), worker.leases().size(),
                        worker.done(), worker.failed(), now - worker.heartbeatMillis(), worker.draining()));
            }
        }
        members.sort(Comparator.comparing(MemberRow::role).thenComparing(MemberRow::name));
        var jobs = new ArrayList<JobRow>();
        var live = new HashSet<String>();
        client.getCluster().getMembers().forEach(m -> live.add(m.getUuid().toString()));
        for (JobState job : Structures.jobs(client).values()) {
            if (!live.contains(job.coordinatorUuid())) {
                continue; // its coordinator died; the entry expires
            }
            jobs.add(new JobRow(job.jobId(), job.name(), job.coordinator(), job.submitted(), job.done(), job.failed(), job.rerun(),
                    job.doneByMember(), job.waitingKinds(), now - job.startedMillis()));
        }
        jobs.sort(Comparator.comparing(JobRow::elapsedMillis).reversed());
        return new Status(cluster, List.copyOf(members), List.copyOf(jobs));
    }
}
