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
                reasons(byReason), rejectsFile));
    }

    /** The most frequent reasons, at most {@value #REASONS_SHOWN} by their short names: the line stays one a person reads. */
    private static String reasons(Map<RejectReason, Long> byReason) {
        List<Map.Entry<RejectReason, Long>> sorted = byReason.entrySet().stream()
                .sorted(Map.Entry.<RejectReason, Long>comparingByValue().reversed()).toList();
        String shown = sorted.stream().limit(REASONS_SHOWN).map(e -> e.getValue() + " " + e.getKey().shortMessage())
                .collect(Collectors.joining(", "));
        if (sorted.size() <= REASONS_SHOWN) {
            return shown;
        }
        long others = sorted.stream().skip(REASONS_SHOWN).mapToLong(Map.Entry::getValue).sum();
        return shown + " and " + others + " for " + (sorted.size() - REASONS_SHOWN) + " other reason" + (sorted.size() - REASONS_SHOWN > 1 ? "s" : "");
    }

    private static final int REASONS_SHOWN = 3;

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }
}
