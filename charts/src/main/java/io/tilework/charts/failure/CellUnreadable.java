package io.tilework.charts.failure;

/**
 * A cell, its updates or the exchange set's catalogue cannot be read as S-57: another format, no
 * DSID record, a name without a usage band, updates that do not apply. The message names the file.
 */
public final class CellUnreadable extends ChartFailure {

    public CellUnreadable(String message) {
        super(message);
    }

    public CellUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
