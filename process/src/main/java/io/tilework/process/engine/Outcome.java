package io.tilework.process.engine;

/**
 * What became of a command once its transaction committed.
 *
 * @param instance the instance it concerned (for a start: the new one)
 * @param state    the instance's state after it
 */
public record Outcome(String instance, Status status, String message, String state) {

    public enum Status {
        /** The event was processed and its effects committed. */
        APPLIED,
        /** The event waits for its defer condition to clear (e.g. the instance is suspended). */
        DEFERRED,
        /** Nothing happened: the instance has ended. */
        IGNORED,
        /** The event does not fit the specification or failed; nothing of it was kept, the log says why. */
        REJECTED
    }

    public boolean rejected() {
        return status == Status.REJECTED;
    }
}
