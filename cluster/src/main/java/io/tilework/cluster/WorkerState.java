package io.tilework.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * What a worker publishes every second: who it is, what it runs, and its leases. A lease is held as
 * long as {@code beats} goes on increasing; a coordinator that sees it stand still for the lease time,
 * or the member leave, runs the chunks elsewhere.
 *
 * @param kinds  the chunk kinds it takes; empty for all
 * @param leases the chunks it holds, as {@link ChunkOffer#leaseId()}
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
