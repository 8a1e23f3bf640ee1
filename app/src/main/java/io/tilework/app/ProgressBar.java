package io.tilework.app;

import java.io.PrintWriter;

/**
 * Work done out of all, on one line redrawn in place (a line per 10 % when not on a terminal).
 * Safe to update from the engine's threads.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean quiet;
    private final String unit;
    private final long unitSize;
    private final boolean terminal = System.console() != null;
    private int lastDecile = -1;
    private long shown = -1;
    private String note = "";

    /**
     * @param unit     what is counted, e.g. "tiles" or "MB"
     * @param unitSize how many of the counted things make one unit (1 for tiles, 1,000,000 for MB of bytes)
     */
    public ProgressBar(PrintWriter err, boolean quiet, String unit, long unitSize) {
        this.err = err;
        this.quiet = quiet;
        this.unit = unit;
        this.unitSize = unitSize;
    }

    /** A few words shown after the count from the next update on, e.g. which cluster members ran the chunks. */
    public synchronized void note(String text) {
        note = text == null || text.isEmpty() ? "" : " (" + text + ")";
    }

    public synchronized void update(long done, long total) {
        if (quiet || done < shown) {
            return; // updates from several threads may arrive out of order
        }
        shown = done;
        int filled = total <= 0 ? WIDTH : (int) (done * WIDTH / total);
        String line = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done / unitSize + "/" + total / unitSize + " " + unit + note;
        if (terminal) {
            err.print("\r" + line);
            err.flush();
        } else {
            int decile = total <= 0 ? 10 : (int) (done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                err.println(line);
                err.flush();
            }
        }
    }

    public synchronized void done() {
        if (!quiet && terminal) {
            err.println();
        }
    }
}
