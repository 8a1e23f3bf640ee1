package io.tilework.sales.map;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The month of a row (months since January 1970) from its date or month field, by the schema's patterns tried in
 * order. {@code yyyy-MM-dd} alone is read straight from the bytes ({@link RowParser#month}); other patterns through
 * java.time, strictly (no 31 February), with English month names in any case, each distinct text parsed once.
 */
final class Months {

    private static final int CACHE = 1 << 16;

    private final List<String> patterns;
    private final List<DateTimeFormatter> formatters;
    private final Charset charset;
    final boolean fast;
    /** One per pattern when every pattern is numeric (read from the bytes, exactly as java.time would), else null. */
    private final DateTemplate[] templates;
    private final Map<String, Integer> seen = new HashMap<>();

    Months(List<String> patterns, boolean month, Charset charset) {
        this.patterns = patterns;
        this.charset = charset;
        this.fast = !month && patterns.equals(List.of("yyyy-MM-dd"));
        this.formatters = patterns.stream().map(Months::formatter).toList();
        DateTemplate[] all = patterns.stream().map(DateTemplate::of).toArray(DateTemplate[]::new);
        boolean every = java.util.Arrays.stream(all).allMatch(t -> t != null && t.hasDay() == !month);
        this.templates = every ? all : null;
    }

    /** Strict, so {@code yyyy} becomes {@code uuuu} (a year-of-era needs an era to resolve strictly). */
    static DateTimeFormatter formatter(String pattern) {
        var strict = new StringBuilder();
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            strict.append(!quoted && c == 'y' ? 'u' : c);
        }
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(strict.toString())
                .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    /** The month index, or -1 when the field is no date (month) of the patterns between 1970 and 2099. */
    int month(byte[] b, int from, int to) {
        if (fast) {
            return RowParser.month(b, from, to);
        }
        if (templates != null) {
            while (from < to && (b[from] == ' ' || b[from] == '\t')) {
                from++;
            }
            while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
                to--;
            }
            for (DateTemplate template : templates) {
                int month = template.month(b, from, to);
                if (month >= 0) {
                    return month;
                }
            }
            return -1;
        }
        return month(new String(b, from, to - from, charset).strip());
    }

    int month(String text) {
        Integer known = seen.get(text);
        if (known != null) {
            return known;
        }
        int month = parse(text);
        if (seen.size() < CACHE) {
            seen.put(text, month);
        }
        return month;
    }

    private int parse(String text) {
        for (DateTimeFormatter formatter : formatters) {
            try {
                TemporalAccessor parsed = formatter.parse(text);
                int year = parsed.get(ChronoField.YEAR);
                int month = parsed.get(ChronoField.MONTH_OF_YEAR);
                if (year < RowParser.FIRST_YEAR || year > RowParser.LAST_YEAR) {
                    return -1;
                }
                return (year - RowParser.FIRST_YEAR) * 12 + month - 1;
            } catch (DateTimeException e) {
                // the next pattern
            }
        }
        return -1;
    }

    /** For a reject's description. */
    String patterns() {
        return String.join(", ", patterns);
    }
}
