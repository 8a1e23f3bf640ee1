package io.tilework.engine.pool;

import java.util.concurrent.CompletableFuture;

/**
 * A pool whose workers may live in other JVMs. The engine hands it {@link TaskDescriptor}s rather
 * than Java closures; the cluster module implements it over Hazelcast members.
 */
public interface RemotePool extends Pool {

    /** Runs the descriptor somewhere and completes with the encoded result or the failure. */
    CompletableFuture<byte[]> submit(TaskDescriptor descriptor);
}
