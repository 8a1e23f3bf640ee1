package io.tilework.process.runtime;

/**
 * An event that cannot be processed: it does not fit the specification (unknown event, wrong
 * object, bad payload), an expression failed, or internal events did not quiesce. Nothing of
 * the transaction is kept.
 */
public final class ProcessingException extends IllegalArgumentException {

    public ProcessingException(String message) {
        super(message);
    }

    public ProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
