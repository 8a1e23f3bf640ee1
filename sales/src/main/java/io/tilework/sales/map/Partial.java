package io.tilework.sales.map;

import io.tilework.sales.failure.RejectReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the map step makes of some splits and the reduce tree merges: row counts, sums per city,
 * month and model, the spellings of city names seen, and where each split wrote its rejected rows
 * and its sorted ids. Merging is associative, so the tree's shape does not matter.
 */
public final class Partial {

    /**
     * One split's bookkeeping: how many lines it owns and where its rejected rows are; where its first and last lines
     * start (-1 for none): a record whose quoted field holds line breaks may run past the split's end, into lines the
     * next split read as its own, which then reads again from after it.
     */
    public record SplitSummary(int index, int file, long lines, long rejects, Path rejectsFile, long firstLine, long lastLine) {

        public SplitSummary(int index, int file, long lines, long rejects, Path rejectsFile) {
            this(index, file, lines, rejects, rejectsFile, -1, -1);
        }
    }

    public long lines;
    public long headerLines;
    public long blankLines;
    public long accepted;
    public long rejected;
    public final Map<RejectReason, Long> rejectsByReason = new EnumMap<>(RejectReason.class);
    public final Map<String, CityTotals> cities = new TreeMap<>();
    /** Each spelling of a city as found in accepted rows, with how many rows used it. */
    public final Map<String, Long> spellings = new TreeMap<>();
    public final List<IdRun> idRuns = new ArrayList<>();
    /** Extra dimensions of the schema: dimension name -> value (normalised as the schema says) -> sums. */
    public final Map<String, Map<String, DimensionTotals>> dimensions = new TreeMap<>();
    public final List<SplitSummary> splits = new ArrayList<>();

    public CityTotals city(String name) {
        return cities.computeIfAbsent(name, n -> new CityTotals());
    }

    public DimensionTotals dimension(String dimension, String value) {
        return dimensions.computeIfAbsent(dimension, d -> new TreeMap<>()).computeIfAbsent(value, v -> new DimensionTotals());
    }

    public void reject(RejectReason reason) {
        rejected++;
        rejectsByReason.merge(reason, 1L, Long::sum);
    }

    public static Partial merge(List<Partial> parts) {
        var merged = new Partial();
        for (Partial part : parts) {
            merged.lines += part.lines;
            merged.headerLines += part.headerLines;
            merged.blankLines += part.blankLines;
            merged.accepted += part.accepted;
            merged.rejected += part.rejected;
            part.rejectsByReason.forEach((reason, count) -> merged.rejectsByReason.merge(reason, count, Long::sum));
            part.cities.forEach((name, totals) -> merged.city(name).merge(totals));
            part.spellings.forEach((spelling, count) -> merged.spellings.merge(spelling, count, Long::sum));
            merged.splits.addAll(part.splits);
            merged.idRuns.addAll(part.idRuns);
            part.dimensions.forEach((dimension, values) -> values.forEach((value, totals) ->
                    merged.dimension(dimension, value).merge(totals)));
        }
        merged.splits.sort(java.util.Comparator.comparingInt(SplitSummary::index));
        return merged;
    }
}
