package io.tilework.cluster;

import java.io.Serializable;

/** What workers tell a job's coordinator about one of its chunks, through the job's message queue. */
sealed interface JobMessage extends Serializable permits ChunkStarted, ChunkResult {

    String jobId();

    /** The coordinator's number of the submission the message is about. */
    long serial();
}
