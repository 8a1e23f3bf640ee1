package io.tilework.app.failure;

import io.tilework.engine.failure.UserFailure;

/**
 * A request the command line itself finds wrong once it is parsed, such as an input file that is
 * not there; its message says what, where and what to do (exit 1).
 */
public final class RequestFailure extends UserFailure {

    public RequestFailure(String message) {
        super(message);
    }
}
