package io.tilework.cluster;

import java.io.Serializable;

/**
 * What a worker sends back for one chunk: the encoded result (in the message, or in a chunk store
 * on the shared disk when large), or the failure.
 *
 * @param storedAt the chunk store directory the result was put in, or null when it is {@code inline}
 * @param failure  what the chunk threw (itself if serialisable, otherwise a {@link RemoteChunkFailure}), or null
 */
record ChunkResult(String jobId, long serial, String member, byte[] inline, String storedAt, Throwable failure, long millis)
        implements Serializable {
}
