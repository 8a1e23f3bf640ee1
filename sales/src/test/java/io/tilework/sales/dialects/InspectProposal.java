package io.tilework.sales.dialects;

import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the schema {@code inspect} proposed for a file differs from the one its dialect calls for: the
 * encoding, delimiter, lines to skip and separators; date patterns that must read every date of the
 * file as the dialect's pattern does; every concept the dialect has, from its column (or from one of
 * the columns that say the same thing), and no concept the dialect does not have (a wrong one would
 * change the figures: an income read as a cost, a count read as a price).
 */
final class InspectProposal {

    private InspectProposal() {
    }

    /**
     * The differences, one line each, in a fixed order; empty when the proposal is the dialect's schema.
     *
     * @param alternatives concept key -> other columns that hold the same kind of values (a month as {@code 202401}
     *                     or as {@code 2024 January}); a mapping from one of them is right too
     * @param dateValues   the date (or month) values of the file, as written
     */
    static List<String> differences(Dialect dialect, SalesSchema proposed, Map<String, Set<String>> alternatives, List<String> dateValues) {
        SalesSchema expected = SchemaFile.parse(dialect.name() + ".yaml", dialect.schemaYaml());
        var differences = new ArrayList<String>();
        differ(differences, "encoding", expected.dialect().encoding(), proposed.dialect().encoding());
        differ(differences, "delimiter", expected.dialect().delimiter(), proposed.dialect().delimiter());
        differ(differences, "header", true, proposed.dialect().header());
        differ(differences, "lines to skip", expected.dialect().skip(), proposed.dialect().skip());
        if (dialect.has(Field.PRICE) || dialect.has(Field.UNIT_PRICE) || dialect.has(Field.COST)) {
            differ(differences, "decimal separator", expected.numbers().decimal(), proposed.numbers().decimal());
            differ(differences, "thousands separator", expected.numbers().thousands(), proposed.numbers().thousands());
        }
        String dates = dates(dialect, proposed.dates(), dateValues);
        if (dates != null) {
            differences.add(dates);
        }
        var missing = new TreeSet<String>();
        var wrong = new TreeSet<String>();
        for (var concept : expected.concepts().entrySet()) {
            SalesSchema.Mapping found = proposed.concepts().get(concept.getKey());
            String key = concept.getKey().key();
            if (found == null) {
                missing.add(key);
            } else if (!same(concept.getValue(), found, alternatives.getOrDefault(key, Set.of()))) {
                wrong.add(key + ": expected " + describe(concept.getValue()) + ", proposed " + describe(found));
            }
        }
        var extra = new TreeSet<String>();
        for (var concept : proposed.concepts().entrySet()) {
            if (!expected.concepts().containsKey(concept.getKey())) {
                extra.add(concept.getKey().key() + " from " + describe(concept.getValue()));
            }
        }
        if (!missing.isEmpty()) {
            differences.add("concepts not proposed: " + missing);
        }
        if (!wrong.isEmpty()) {
            differences.add("concepts from another column: " + wrong);
        }
        if (!extra.isEmpty()) {
            differences.add("concepts the data does not have: " + extra);
        }
        SalesSchema.Mapping type = proposed.concepts().get(Concept.TYPE);
        if (type != null && !(lower(type.sale()).contains(dialect.sale().toLowerCase(Locale.ROOT))
                && lower(type.rental()).contains(dialect.rental().toLowerCase(Locale.ROOT)))) {
            differences.add("type values: sale " + type.sale() + ", rental " + type.rental() + "; expected " + dialect.sale() + ", " + dialect.rental());
        }
        return differences;
    }

    private static void differ(List<String> differences, String what, Object expected, Object found) {
        if (!Objects.equals(expected, found)) {
            differences.add(what + ": expected " + printable(expected) + ", proposed " + printable(found));
        }
    }

    private static String printable(Object value) {
        return value instanceof Character c ? (c == 0 ? "none" : c == '\t' ? "tab" : "'" + c + "'") : String.valueOf(value);
    }

    private static boolean same(SalesSchema.Mapping expected, SalesSchema.Mapping found, Set<String> alternatives) {
        if (expected.expression() != null) {
            return found.expression() != null && found.expression().replace(" ", "").equalsIgnoreCase(expected.expression().replace(" ", ""));
        }
        if (found.column() == null) {
            return false;
        }
        String column = found.column().strip();
        return column.equalsIgnoreCase(expected.column().strip()) || alternatives.stream().anyMatch(column::equalsIgnoreCase);
    }

    static String describe(SalesSchema.Mapping mapping) {
        return mapping.column() != null ? "column '" + mapping.column() + "'" : mapping.expression() != null ? "expression " + mapping.expression()
                : mapping.constant() != null ? "constant " + mapping.constant() : "position " + mapping.position();
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    /** Null when every value read by the proposed patterns (the first that parses) is the day (or month) the dialect's pattern reads. */
    private static String dates(Dialect dialect, List<String> patterns, List<String> values) {
        if (patterns == null || patterns.isEmpty()) {
            return "no date patterns";
        }
        var written = DateTimeFormatter.ofPattern(dialect.datePattern(), Locale.ENGLISH);
        var tried = patterns.stream().map(p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH)).toList();
        for (String value : values) {
            Object expected = day(written.parse(value), dialect.monthly());
            Object found = null;
            for (DateTimeFormatter pattern : tried) {
                try {
                    found = day(pattern.parse(value), dialect.monthly());
                    break;
                } catch (DateTimeParseException notThis) {
                    // the next pattern
                }
            }
            if (!expected.equals(found)) {
                return "dates: '" + value + "' read with " + patterns + " is " + found + ", not " + expected;
            }
        }
        return null;
    }

    private static Object day(TemporalAccessor parsed, boolean monthly) {
        return monthly ? YearMonth.from(parsed) : LocalDate.from(parsed);
    }
}
