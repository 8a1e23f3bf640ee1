package io.tilework.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/** The Hazelcast structures members share, by name: everything that travels goes through these. */
final class Structures {

    /** How long a worker's or a job's published state lives without being published again (a dead member's goes away). */
    static final int STATE_TTL_SECONDS = 30;

    private Structures() {
    }

    /** The chunks of one kind waiting for a worker, from every job. */
    static IQueue<ChunkOffer> chunks(HazelcastInstance hz, String kind) {
        return hz.getQueue("tilework.chunks." + kind);
    }

    /**
     * A queue for messages about one job's chunks (taken, finished) kept on a partition this member
     * owns: its coordinator reads them locally, and no other member's death can lose one it is reading.
     */
    static String localMessageQueue(HazelcastInstance hz, String jobId) {
        var local = hz.getCluster().getLocalMember();
        long end = System.nanoTime() + 5_000_000_000L; // a member just promoted gets its partitions in a moment
        do {
            for (int i = 0; i < 2_000; i++) {
                String key = jobId + "-" + i;
                if (local.equals(hz.getPartitionService().getPartition(key).getOwner())) {
                    return "tilework.messages." + jobId + "@" + key;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < end);
        return "tilework.messages." + jobId; // owns no partition: anywhere will do
    }

    static IQueue<JobMessage> messages(HazelcastInstance hz, String queue) {
        return hz.getQueue(queue);
    }

    /** Every worker's state and leases, by member id. */
    static IMap<String, WorkerState> workers(HazelcastInstance hz) {
        return hz.getMap("tilework.workers");
    }

    /** Every running job, by job id. */
    static IMap<String, JobState> jobs(HazelcastInstance hz) {
        return hz.getMap("tilework.jobs");
    }
}
