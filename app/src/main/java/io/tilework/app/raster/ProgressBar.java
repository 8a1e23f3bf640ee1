package io.tilework.app.raster;

import java.io.PrintWriter;

/** Tiles done out of all, on one line redrawn in place (a line per 10 % when not on a terminal). */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private int lastDecile = -1;

    ProgressBar(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void update(int done, int total) {
        if (quiet) {
            return;
        }
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String line = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " tiles";
        if (terminal) {
            err.print("\r" + line);
            err.flush();
        } else {
            int decile = total == 0 ? 10 : done * 10 / total;
            if (decile != lastDecile) {
                lastDecile = decile;
                err.println(line);
                err.flush();
            }
        }
    }

    void done() {
        if (!quiet && terminal) {
            err.println();
        }
    }
}
