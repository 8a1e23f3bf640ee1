package io.tilework.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * What a worker publishes every second: who it is and what it runs. Its leases (the chunks it said it
 * took, {@link ChunkStarted}) hold as long as {@code beats} goes on increasing; a coordinator that sees
 * it stand still for the lease time, or the member leave, runs those chunks elsewhere.
 *
 * @param kinds  the chunk kinds it takes; empty for all
 * @param leases the chunks it runs, as {@link ChunkOffer#leaseId()}
 */
record WorkerState(String uuid, String name, String address, String version, int threads, List<String> kinds,
                   List<String> leases, long done, long failed, long beats, long heartbeatMillis, boolean draining)
        implements Serializable {

    WorkerState {
        kinds = List.copyOf(kinds);
        leases = List.copyOf(leases);
    }

    boolean takes(String kind) {
        return !draining && (kinds.isEmpty() || kinds.contains(kind));
    }
}
