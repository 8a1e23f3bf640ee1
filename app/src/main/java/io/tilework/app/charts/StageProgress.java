package io.tilework.app.charts;

import io.tilework.charts.ChartProduction.Stage;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The chain's progress on one line, a count per stage, since stages 1 to 3 advance together:
 * {@code reproject 12/16 | produce 11/16 | per chart 10/16 | per tile 0/0 | copy 0/1}. Redrawn in
 * place on a terminal; elsewhere a line whenever a stage passes a tenth of its work.
 */
final class StageProgress {

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private final Map<Stage, long[]> counts = new EnumMap<>(Stage.class);
    private final Map<Stage, Integer> deciles = new EnumMap<>(Stage.class);

    StageProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    synchronized void update(Stage stage, long done, long total) {
        if (quiet) {
            return;
        }
        long[] count = counts.computeIfAbsent(stage, s -> new long[2]);
        if (done < count[0] && total == count[1]) {
            return; // updates from several threads may arrive out of order
        }
        count[0] = done;
        count[1] = total;
        String line = counts.entrySet().stream()
                .map(e -> e.getKey().label() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(" | "));
        if (terminal) {
            err.print("\r" + line);
            err.flush();
            return;
        }
        int decile = total == 0 ? 10 : (int) (done * 10 / total);
        Integer previous = deciles.put(stage, decile);
        if (previous == null || previous != decile) {
            err.println(line);
            err.flush();
        }
    }

    synchronized void done() {
        if (!quiet && terminal) {
            err.println();
        }
    }
}
