package io.tilework.cluster;

import io.tilework.engine.failure.UserFailure;

/** A cluster option or situation the user can fix: a missing name, a bad address, another version, no worker. */
public final class ClusterRequestInvalid extends UserFailure {

    public ClusterRequestInvalid(String message) {
        super(message);
    }

    public ClusterRequestInvalid(String message, Throwable cause) {
        super(message, cause);
    }
}
