package io.tilework.process.failure;

/**
 * A name the user gave that is not there: an instance, a deployed model or specification, a
 * store file. The message lists what there is and how to make the missing one.
 */
public final class NotFound extends ProcessFailure {

    public NotFound(String message) {
        super(message);
    }
}
