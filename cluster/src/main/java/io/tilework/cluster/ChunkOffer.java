package io.tilework.cluster;

import io.tilework.engine.TaskKey;
import io.tilework.engine.pool.TaskDescriptor;
import java.io.Serializable;

/**
 * One chunk put in its kind's queue for any worker to take: which job it belongs to, the
 * coordinator's number for this submission (a result is matched to it, a late duplicate is dropped
 * by it), the chunk's key and the work itself.
 *
 * @param storePath the coordinator's chunk store on the shared disk, where a large result goes; null
 *                  when the coordinator has none (the worker's own {@code --cache}, or the message)
 * @param replyTo   the job's message queue, on a partition its coordinator owns
 */
record ChunkOffer(String jobId, long serial, TaskKey key, TaskDescriptor descriptor, String storePath, String replyTo) implements Serializable {

    /** The kind of chunk, which workers may be restricted to: the descriptor's function name. */
    String kind() {
        return descriptor.function();
    }

    /** Names this submission in leases. */
    String leaseId() {
        return jobId + "/" + serial;
    }
}
