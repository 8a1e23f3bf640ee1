package io.tilework.engine.pool;

import io.tilework.engine.TaskKey;
import java.util.concurrent.CompletableFuture;

/**
 * A pool whose workers may live in other JVMs. The engine hands it {@link TaskDescriptor}s rather
 * than Java closures; the cluster module implements it over Hazelcast members.
 */
public interface RemotePool extends Pool {

    /**
     * Runs the descriptor somewhere and completes with the encoded result or the failure. {@code key}
     * names the chunk in events and errors, and lets a worker put a large result in a chunk store
     * shared with this JVM rather than send it back.
     */
    CompletableFuture<byte[]> submit(TaskKey key, TaskDescriptor descriptor);
}
