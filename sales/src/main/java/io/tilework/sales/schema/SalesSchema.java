package io.tilework.sales.schema;

import java.util.List;
import java.util.Map;

/**
 * How to read one kind of sales file: its dialect, how numbers and dates are written, and where
 * each concept the KPIs need comes from. Written by {@code tilework sales inspect} as a commented
 * YAML file a person can edit (see sales/README.md, "Schema files"), read by
 * {@code tilework sales report --schema}. The built-in layout (our seven French columns) is one
 * schema among others.
 *
 * @param name       shown in the report
 * @param source     where it was read from (a file, or {@code built-in})
 * @param dialect    how lines and fields are written
 * @param numbers    how amounts are written
 * @param dates      date patterns (java.time {@code DateTimeFormatter} patterns), tried in order;
 *                   for the month concept, patterns such as {@code yyyy-MM} or {@code MM/yyyy}
 * @param concepts   where each concept comes from; a concept absent here is absent from the data
 * @param dimensions extra breakdowns, by the name shown in the report, in file order
 */
public record SalesSchema(String name, String source, Dialect dialect, Numbers numbers, List<String> dates,
                          Map<Concept, Mapping> concepts, Map<String, Mapping> dimensions) {

    /**
     * @param encoding  {@code utf-8} (a byte-order mark is skipped), {@code windows-1252} or {@code iso-8859-1}
     * @param delimiter the field delimiter
     * @param quote     the quote character (0: none)
     * @param escape    how a quote is written inside a quoted field: the quote itself (doubled) or another character such as {@code \}
     * @param header    whether a header line names the columns
     * @param skip      lines before the header (or the first row) to skip: titles, notes
     * @param nulls     values that mean "missing" (e.g. {@code ""}, {@code NA}, {@code -})
     */
    public record Dialect(String encoding, char delimiter, char quote, char escape, boolean header, int skip, List<String> nulls) {
    }

    /**
     * @param decimal   the decimal separator ({@code .} or {@code ,})
     * @param thousands the thousands separator, 0 if none ({@code ,}, {@code .}, a space, {@code '})
     * @param currency  symbols or codes stripped from amounts ({@code €}, {@code $}, {@code EUR})
     */
    public record Numbers(char decimal, char thousands, List<String> currency) {
    }

    /**
     * Where a concept's values come from: exactly one of {@code column} (a header name, matched
     * trimmed and without regard to case), {@code position} (from 1, for files without a header),
     * {@code constant} or {@code expression} (column names in brackets, numbers, + - * / and
     * parentheses: {@code [Unit Price] * [Qty]}).
     *
     * @param normalise for the grouping dimensions (city and extra dimensions): {@code trim},
     *                  {@code case}, {@code accents} (all three: today's city folding); empty: as written
     * @param sale      for the type concept: the values that mean a sale (case-insensitive)
     * @param rental    for the type concept: the values that mean a rental
     * @param line      the line of the schema file that gave it (0 if none), for messages
     */
    public record Mapping(String column, int position, String constant, String expression, List<String> normalise,
                          List<String> sale, List<String> rental, int line) {
    }

    /** Whether the data has {@code concept}. */
    public boolean has(Concept concept) {
        return concepts.containsKey(concept);
    }
}
