package io.tilework.charts.failure;

/** A work file of an earlier run that does not read back (damaged or changed outside Tilework); deleting it fixes it. */
public final class WorkFileDamaged extends ChartFailure {

    public WorkFileDamaged(String message, Throwable cause) {
        super(message, cause);
    }
}
