package io.tilework.process.failure;

/**
 * An event that cannot be processed: it does not fit the specification (unknown event, wrong
 * object, bad payload), an expression failed, or internal events did not quiesce. Nothing of
 * the transaction is kept; the instance's log records it as rejected, with this message.
 */
public final class EventRejected extends ProcessFailure {

    public EventRejected(String message) {
        super(message);
    }

    public EventRejected(String message, Throwable cause) {
        super(message, cause);
    }
}
