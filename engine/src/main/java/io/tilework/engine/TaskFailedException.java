package io.tilework.engine;

/**
 * A requested result could not be computed. Names the chunk that failed (which may be an input
 * of the one requested) and carries the original exception as its cause.
 */
public final class TaskFailedException extends RuntimeException {

    private final TaskKey failedKey;
    private final TaskKey requestedKey;

    public TaskFailedException(TaskKey requestedKey, TaskKey failedKey, Throwable cause) {
        super(describe(requestedKey, failedKey, cause), cause);
        this.failedKey = failedKey;
        this.requestedKey = requestedKey;
    }

    /** The chunk whose computation threw. */
    public TaskKey failedKey() {
        return failedKey;
    }

    /** The chunk that was requested and could not be delivered because of it. */
    public TaskKey requestedKey() {
        return requestedKey;
    }

    private static String describe(TaskKey requested, TaskKey failed, Throwable cause) {
        String what = requested.equals(failed) ? "chunk " + failed : "chunk " + requested + " (its input " + failed + ")";
        return what + " failed: " + cause;
    }
}
