package io.tilework.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/** The Hazelcast structures members share, by name: everything that travels goes through these. */
final class Structures {

    /** How long a worker's published state lives without a new heartbeat (a dead worker's entry goes away). */
    static final int WORKER_STATE_TTL_SECONDS = 30;

    private Structures() {
    }

    /** The chunks of one kind waiting for a worker, from every job. */
    static IQueue<ChunkOffer> chunks(HazelcastInstance hz, String kind) {
        return hz.getQueue("tilework.chunks." + kind);
    }

    /** Results of one job's chunks, for its coordinator. */
    static IQueue<ChunkResult> results(HazelcastInstance hz, String jobId) {
        return hz.getQueue("tilework.results." + jobId);
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
