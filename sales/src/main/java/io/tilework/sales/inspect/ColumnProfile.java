package io.tilework.sales.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one column holds, built value by value: null markers, numbers, dates, distinct values,
 * examples; then its inferred type. A type holds when at least {@value #SHARE} of the non-null
 * values have it (a few stray values are what rejects are for).
 */
final class ColumnProfile {

    /** Values that mean "missing", compared trimmed, as the ones found most often in exports. */
    static final Set<String> NULL_MARKERS = Set.of("", "NA", "N/A", "n/a", "na", "NULL", "null", "Null", "None", "none", "-", "--", "?",
            "#N/A", "nan", "NaN", "NAN", "(null)", "nil");
    static final double SHARE = 0.95;

    enum Type { EMPTY, INTEGER, DECIMAL, DATE, MONTH, TEXT }

    final int index;
    final String name;
    /** Whether the header names it, once: the schema can say its name; else its position. */
    boolean named;
    long values;
    final Map<String, Long> nulls = new LinkedHashMap<>();
    final List<String> examples = new ArrayList<>();
    final NumberStats numbers = new NumberStats();
    final DateStats dates = new DateStats();
    final DistinctCount distinct = new DistinctCount();
    private List<String> datePatterns;
    private Type type;
    private long typedAt = -1;

    ColumnProfile(int index, String name) {
        this.index = index;
        this.name = name;
    }

    void add(String raw) {
        values++;
        String v = raw.strip();
        if (NULL_MARKERS.contains(v)) {
            nulls.merge(raw.equals(v) ? v : raw, 1L, Long::sum);
            return;
        }
        distinct.add(raw); // as written: " Lyon " and "Lyon" are two spellings
        if (examples.size() < 3) {
            String shown = v.length() > 40 ? v.substring(0, 39) + "…" : v; // an example, not the whole of a long text
            if (!examples.contains(shown)) {
                examples.add(shown);
            }
        }
        if (!numbers.add(v)) {
            dates.add(v);
        }
    }

    long nonNull() {
        long n = values;
        for (long c : nulls.values()) {
            n -= c;
        }
        return n;
    }

    Type type() {
        if (typedAt != values) { // parsing every date again is not free: once per state
            type = inferType();
            typedAt = values;
        }
        return type;
    }

    private Type inferType() {
        datePatterns = null;
        long n = nonNull();
        if (n == 0) {
            return Type.EMPTY;
        }
        if (dates.dayShaped >= SHARE * n && realDays() >= SHARE * dates.dayShaped) {
            return Type.DATE;
        }
        if (dates.monthShaped >= SHARE * n) {
            return Type.MONTH;
        }
        if (numbers.numbers >= SHARE * n) {
            return numbers.decimalNumbers() ? Type.DECIMAL : Type.INTEGER;
        }
        return Type.TEXT;
    }

    boolean numeric() {
        Type t = type();
        return t == Type.INTEGER || t == Type.DECIMAL;
    }

    List<String> datePatterns() {
        if (datePatterns == null) {
            datePatterns = dates.dayPatterns();
        }
        return datePatterns;
    }

    private long realDays() {
        return dates.realDays(datePatterns());
    }

    /** The type as the report prints it, with its pattern or separators. */
    String describeType() {
        return switch (type()) {
            case EMPTY -> "empty";
            case INTEGER, DECIMAL -> numbers.describe();
            case MONTH -> "month " + dates.monthPattern();
            case TEXT -> "text";
            case DATE -> {
                String order = dates.ambiguous() ? " (day/month or month/day: no value over 12 tells; taken as day/month, check it)"
                        : dates.monthFirst() ? " (month/day: a second part over 12)" : "";
                if (!dates.ambiguous() && !dates.monthFirst() && !dates.namedMonth() && !datePatterns().getFirst().startsWith("y")) {
                    order = " (day/month: a first part over 12)";
                }
                yield "date " + String.join(" | ", datePatterns()) + order;
            }
        };
    }

    /** The distinct count as printed: {@code 12 (exact)} or {@code ~1,234,000 (estimate)}. */
    String describeDistinct() {
        return distinct.exact() ? String.format("%,d (exact)", distinct.count()) : String.format("~%,d (estimate, ±3%%)", distinct.count());
    }
}
