package io.tilework.charts.failure;

import io.tilework.charts.catalog.CellProblem;
import java.util.List;

/**
 * Cells that could not be catalogued or produced, after the others were: the message is the one
 * line a person reads (how many failed, and the first failure, which names its file); the
 * failures are all listed by {@link #failures()}. Thrown by a production that has no tile to
 * write, since a product without a tile is no product ("nothing produced"), and by the commands
 * once they have listed what they could read.
 */
public final class CellsFailed extends ChartFailure {

    private final transient List<CellProblem> failures;

    /**
     * @param what     what happened, e.g. "nothing produced, no tile to write to PRODUCT: every cell failed" or
     *                 "14 cells catalogued, 2 problems"; the first failure follows it
     * @param failures the failures, first the one the message shows; may be empty when {@code what} says it all
     */
    public CellsFailed(String what, List<CellProblem> failures) {
        super(CellProblem.oneLine(what + switch (failures.size()) {
            case 0 -> "";
            case 1 -> ": " + failures.getFirst();
            default -> " (listed above); the first: " + failures.getFirst();
        }));
        this.failures = List.copyOf(failures);
    }

    public List<CellProblem> failures() {
        return failures;
    }
}
