package io.tilework.cluster;

/**
 * A worker took a chunk: from now on the coordinator knows who holds it, and runs it elsewhere if
 * that member leaves or its heartbeat stops before the result arrives.
 */
record ChunkStarted(String jobId, long serial, String memberUuid, String member) implements JobMessage {
}
