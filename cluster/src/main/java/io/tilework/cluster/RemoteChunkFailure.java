package io.tilework.cluster;

/** A chunk's failure on another member whose exception could not travel as it was: its class and message. */
public final class RemoteChunkFailure extends RuntimeException {

    public RemoteChunkFailure(String message) {
        super(message);
    }
}
