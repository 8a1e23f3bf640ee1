package io.tilework.sales.failure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** More rows were rejected than the run tolerates; the rejects file is written, the report is not. */
public final class TooManyRejectsException extends SalesFailure {

    /** {@code rejected} of the {@code rows} rows of {@code files} were rejected, {@code byReason} says why. */
    public TooManyRejectsException(List<Path> files, long rejected, Map<RejectReason, Long> byReason, long rows, double maxPercent,
            Path rejectsFile) {
        super(String.format(java.util.Locale.ROOT,
                "%s: %d of %d rows (%.2f%%) were rejected, more than the %s%% tolerated (%s); they are listed in %s. "
                        + "Fix the input or its column mapping, or raise --max-rejected.",
                files.size() == 1 ? files.get(0) : files.size() + " files (" + files.get(0) + ", ...)",
                rejected, rows, rejected * 100.0 / rows, trim(maxPercent),
                byReason.entrySet().stream().sorted(Map.Entry.<RejectReason, Long>comparingByValue().reversed())
                        .map(e -> e.getValue() + " " + e.getKey().message()).collect(Collectors.joining(", ")),
                rejectsFile));
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }
}
