package io.tilework.sales.inspect;

import io.tilework.sales.schema.Concept;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which column is which concept. Each (concept, column) pair gets a score from two kinds of
 * evidence: the header (a synonym in one of five languages, {@link Synonyms}) and the values
 * (dates for date, numbers for price, a small integer for duration, all-distinct values for id,
 * few distinct texts for city, sale/rental words for type). Header and values together make a
 * sure proposal; the values alone propose only what they show unmistakably (a date, a month,
 * sale/rental words). Pairs are then taken best first, a column and a concept once each, date and
 * month excluding each other. The text columns left with few distinct values become proposed
 * extra dimensions.
 */
final class ConceptMatcher {

    /** The most distinct values of a text column proposed as an extra dimension (which also needs each value twice on average). */
    static final int DIMENSION_VALUES = 50;

    private record Candidate(Concept concept, ColumnProfile column, double sure, String why) {
    }

    private ConceptMatcher() {
    }

    static List<Proposal> propose(List<ColumnProfile> columns, boolean header) {
        List<Candidate> candidates = new ArrayList<>();
        ColumnProfile countUnit = header ? countUnit(columns) : null;
        for (Concept concept : Concept.values()) {
            for (ColumnProfile column : columns) {
                Candidate c = candidate(concept, column, header, countUnit);
                if (c != null) {
                    candidates.add(c);
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::sure).reversed()
                .thenComparingLong(c -> c.column().distinct.count()).thenComparingInt(c -> c.column().index));
        Map<Concept, Candidate> chosen = new EnumMap<>(Concept.class);
        Set<ColumnProfile> used = new HashSet<>();
        for (Candidate c : candidates) {
            boolean dateTaken = (c.concept() == Concept.DATE || c.concept() == Concept.MONTH)
                    && (chosen.containsKey(Concept.DATE) || chosen.containsKey(Concept.MONTH));
            if (!chosen.containsKey(c.concept()) && !used.contains(c.column()) && !dateTaken) {
                chosen.put(c.concept(), c);
                used.add(c.column());
            }
        }
        List<Proposal> proposals = new ArrayList<>();
        for (Candidate c : chosen.values()) {
            proposals.add(toProposal(c, chosen, header));
        }
        for (ColumnProfile column : columns) {
            long distinct = column.distinct.count();
            if (!used.contains(column) && column.type() == ColumnProfile.Type.TEXT && column.distinct.exact()
                    && distinct >= 2 && distinct <= DIMENSION_VALUES && 2 * distinct <= column.nonNull()) {
                String name = header ? Synonyms.normalise(column.name) : "column " + (column.index + 1);
                double sure = distinct <= 12 ? 0.6 : 0.5;
                proposals.add(new Proposal(null, name.isEmpty() ? "column " + (column.index + 1) : name,
                        Proposal.column(column, header, List.of("trim", "case"), List.of(), List.of()), sure,
                        String.format(Locale.ROOT, "text with %d distinct values in %,d rows: a breakdown (drop it if not wanted)",
                                distinct, column.nonNull())));
            }
        }
        return proposals;
    }

    private static Proposal toProposal(Candidate c, Map<Concept, Candidate> chosen, boolean header) {
        ColumnProfile column = c.column();
        List<String> normalise = c.concept() == Concept.CITY ? List.of("trim", "case", "accents") : List.of();
        List<String> sale = List.of();
        List<String> rental = List.of();
        String why = c.why();
        if (c.concept() == Concept.TYPE) {
            sale = new ArrayList<>();
            rental = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String value : column.distinct.values().keySet()) {
                String v = Synonyms.normalise(value);
                if (seen.add(v)) { // one spelling each: the schema's values are compared trimmed, without regard to case
                    (Synonyms.SALE.contains(v) ? sale : Synonyms.RENTAL.contains(v) ? rental : unknown).add(value.strip());
                }
            }
            if (!unknown.isEmpty()) {
                why += "; values neither sale nor rental: " + String.join(", ", unknown) + " (add them to sale or rental)";
            }
        }
        Candidate quantity = chosen.get(Concept.QUANTITY);
        if (c.concept() == Concept.PRICE && column.named && quantity != null && quantity.column().named && Synonyms.PER_UNIT.contains(Synonyms.normalise(column.name))) {
            String expression = "[" + column.name + "] * [" + quantity.column().name + "]";
            return new Proposal(Concept.PRICE, null, new io.tilework.sales.schema.SalesSchema.Mapping(null, 0, null, expression,
                    List.of(), List.of(), List.of(), 0), c.sure(), why + "; a price per unit, times the quantity, is the row's amount");
        }
        return new Proposal(c.concept(), null, Proposal.column(column, header, normalise, sale, rental), c.sure(), why);
    }

    /**
     * A unit column ({@code UNIT}) whose every value is a count ({@code Number}): statistics offices publish so, the
     * figure in a {@code VALUE} column beside it. Null when there is none.
     */
    private static ColumnProfile countUnit(List<ColumnProfile> columns) {
        for (ColumnProfile column : columns) {
            var values = column.distinct.values().keySet();
            if (Synonyms.UNIT_HEADERS.contains(Synonyms.normalise(column.name)) && !values.isEmpty() && values.size() <= 3
                    && values.stream().map(Synonyms::normalise).allMatch(Synonyms.COUNT_UNITS::contains)) {
                return column;
            }
        }
        return null;
    }

    private static Candidate candidate(Concept concept, ColumnProfile column, boolean header, ColumnProfile countUnit) {
        Synonyms.Match match = header ? Synonyms.match(concept, column.name) : new Synonyms.Match(0, null);
        boolean generic = header && Synonyms.GENERIC_VALUE.contains(Synonyms.normalise(column.name));
        String unitWhy = "";
        if (generic && countUnit != null) { // VALUE beside UNIT = Number: a count, not an amount
            if (concept == Concept.PRICE) {
                return null;
            }
            if (concept == Concept.QUANTITY) {
                match = new Synonyms.Match(1, Synonyms.normalise(column.name));
                unitWhy = " beside '" + countUnit.name + "' = " + String.join(", ", countUnit.distinct.values().keySet()) + ": a count";
            }
        }
        String shapeWhy = shape(concept, column);
        double shape = shapeWhy == null ? 0 : 1;
        if (shape == 0) {
            return null; // the values say no, whatever the header says
        }
        boolean valuesSuffice = concept == Concept.DATE || concept == Concept.MONTH || concept == Concept.TYPE && typeWords(column) == 1;
        if (match.score() == 0 && !valuesSuffice) {
            return null;
        }
        double sure = match.score() > 0 ? Math.min(0.99, 0.5 + 0.3 * match.score() + 0.19 * shape) : 0.6;
        boolean exact = match.synonym() != null && Synonyms.normalise(column.name).equals(match.synonym());
        String headerWhy = match.score() == 0 ? "no header names it" : (exact ? "header '" : "header contains '") + match.synonym()
                + "'" + (exact ? "" : " ('" + column.name + "')") + unitWhy;
        return new Candidate(concept, column, Math.round(sure * 100) / 100.0, headerWhy + "; " + shapeWhy);
    }

    /** Why the values fit {@code concept}, or null when they do not. */
    private static String shape(Concept concept, ColumnProfile column) {
        ColumnProfile.Type type = column.type();
        long n = column.nonNull();
        long distinct = column.distinct.count();
        NumberStats numbers = column.numbers;
        return switch (concept) {
            case ID -> n >= 2 && column.distinct.exact() && distinct == n && column.nulls.isEmpty()
                    ? String.format(Locale.ROOT, "all %,d sampled values distinct", n) : null;
            case DATE -> type == ColumnProfile.Type.DATE ? "every sampled value is a " + column.datePatterns().getFirst() + " date" : null;
            case MONTH -> type == ColumnProfile.Type.MONTH ? "every sampled value is a month (" + column.dates.monthPattern() + ")" : null;
            case CITY -> type == ColumnProfile.Type.TEXT && distinct >= 1 && distinct <= Math.max(200, n / 5)
                    ? String.format(Locale.ROOT, "text, %,d distinct values", distinct) : null;
            case TYPE -> typeWords(column) > 0 ? "values are sale/rental words: " + String.join(", ", column.distinct.values().keySet()) : null;
            case MODEL -> type == ColumnProfile.Type.TEXT ? String.format(Locale.ROOT, "text, %,d distinct values", distinct) : null;
            case MAKE -> type == ColumnProfile.Type.TEXT && distinct <= 500 ? String.format(Locale.ROOT, "text, %,d distinct values", distinct) : null;
            case PRICE, COST -> column.numeric() && numbers.negatives * 10 < n ? "numbers: " + numbers.describe() : null;
            case QUANTITY -> type == ColumnProfile.Type.INTEGER && numbers.min >= 0 ? "whole numbers " + numbers.describe() : null;
            case DURATION -> type == ColumnProfile.Type.INTEGER && numbers.min >= 0 && numbers.max <= 120
                    ? "whole numbers " + numbers.describe() : null;
        };
    }

    /** The share of a column's distinct values (counted exactly, at most 20) that are sale or rental words. */
    private static double typeWords(ColumnProfile column) {
        Map<String, Long> values = column.distinct.values();
        if (values.isEmpty() || values.size() > 20 || column.type() != ColumnProfile.Type.TEXT && values.size() > 2) {
            return 0;
        }
        long words = values.keySet().stream().map(Synonyms::normalise).filter(v -> Synonyms.SALE.contains(v) || Synonyms.RENTAL.contains(v)).count();
        return (double) words / values.size();
    }
}
