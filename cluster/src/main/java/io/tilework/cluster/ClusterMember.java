package io.tilework.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts this JVM's Hazelcast member with safe defaults (TCP/IP join only, phone-home off, bound to
 * loopback unless told otherwise, failures detected in seconds) and refuses a cluster whose members
 * run another Tilework version: chunks resolved by name must mean the same code everywhere.
 */
public final class ClusterMember {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

    static final String VERSION = "tilework.version";
    static final String NAME = "tilework.name";
    static final String ROLE = "tilework.role";
    /** The roles a member joins as. */
    static final String WORKER = "worker";
    static final String COORDINATOR = "coordinator";

    /** What the security note says, once, when a member listens beyond loopback. */
    private static final String SECURITY_NOTE = "Hazelcast community edition has no TLS and no authentication: "
            + "anyone who reaches this port can join and run chunks; keep members on a private network";

    static {
        // before Hazelcast's first class logs: through SLF4J like the rest of Tilework, not java.util.logging
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j");
        }
    }

    private ClusterMember() {
    }

    /** Joins (or forms) the cluster as {@code role} ({@link #WORKER}, {@link #COORDINATOR}); refuses another version. */
    public static HazelcastInstance start(ClusterSettings settings, String role) {
        if (settings.exposed()) {
            LOG.warn("{} bound to {}: {}", settings.member(), settings.bind(), SECURITY_NOTE);
        }
        HazelcastInstance instance;
        try {
            instance = Hazelcast.newHazelcastInstance(config(settings, role));
        } catch (IllegalStateException e) { // Hazelcast's way to say the port or the join failed
            throw new ClusterRequestInvalid("cannot start a member of cluster '" + settings.clusterName() + "' on "
                    + settings.bind() + (settings.port() == 0 ? "" : ":" + settings.port()) + ": " + e.getMessage()
                    + "; check --bind and --port (is another process on that port?)", e);
        }
        try {
            refuseOtherVersions(instance, settings);
            // joined as a lite member, so that a refused one never held data; now it takes its share
            instance.getCluster().promoteLocalLiteMember();
        } catch (RuntimeException e) {
            instance.getLifecycleService().shutdown();
            throw e;
        }
        return instance;
    }

    static void refuseOtherVersions(HazelcastInstance instance, ClusterSettings settings) {
        for (Member member : instance.getCluster().getMembers()) {
            String theirs = member.getAttribute(VERSION);
            if (!settings.version().equals(theirs)) {
                throw new ClusterRequestInvalid("refused to join cluster '" + settings.clusterName() + "': this is Tilework "
                        + settings.version() + ", member " + describe(member) + " runs Tilework "
                        + (theirs == null ? "unknown (not a Tilework member)" : theirs)
                        + "; run the same version on every member");
            }
        }
    }

    /** "w1 (127.0.0.1:5801)", or the address alone for a member without a name. */
    static String describe(Member member) {
        String name = member.getAttribute(NAME);
        String address = member.getAddress().getHost() + ":" + member.getAddress().getPort();
        return name == null ? address : name + " (" + address + ")";
    }

    static Config config(ClusterSettings settings, String role) {
        var config = new Config();
        config.setClusterName(settings.clusterName());
        config.setLiteMember(true);
        config.setInstanceName("tilework-" + settings.member() + "-" + ProcessHandle.current().pid());
        config.setClassLoader(ClusterMember.class.getClassLoader());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false"); // a worker drains on SIGTERM itself
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "5");
        // two members started at once may each form a cluster: merge them in seconds, not Hazelcast's 5 minutes
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        config.setProperty("hazelcast.local.localAddress", settings.bind());
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getMemberAttributeConfig().setAttribute(VERSION, settings.version());
        config.getMemberAttributeConfig().setAttribute(NAME, settings.member());
        config.getMemberAttributeConfig().setAttribute(ROLE, role);
        // A job's messages live on its coordinator's partition and die with it anyway: no backup to wait for.
        // Chunk queues keep their synchronous backup: a chunk taken stays taken when the queue's owner dies
        // (an asynchronous one could bring it back, and it would run again unannounced).
        config.addQueueConfig(new QueueConfig("tilework.messages.*").setBackupCount(0).setAsyncBackupCount(0));
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port() == 0 ? 5701 : settings.port()).setPortAutoIncrement(settings.port() == 0);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(settings.join());
        return config;
    }
}
