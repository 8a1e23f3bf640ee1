package io.tilework.sales.input;

import io.tilework.sales.failure.Excerpt;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.Expression;
import io.tilework.sales.schema.SalesSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;


/**
 * Where a schema's columns are in one file: per concept the field it is read from ({@link #ABSENT} when the schema
 * does not map it, {@link #COMPUTED} for a constant or an expression), per expression the field of each column it
 * names, per extra dimension its field, and how many fields a row has.
 *
 * @param count       the fields a row has (the header's, or the first row's without a header)
 * @param concepts    by {@link Concept#ordinal()}
 * @param expressions by {@link Concept#ordinal()}: the fields of the expression's columns, in {@link Expression#columns()} order; else null
 * @param dimensions  in the schema's order: the field, or {@link #COMPUTED} for a constant or an expression
 */
public record FileColumns(int count, int[] concepts, int[][] expressions, int[] dimensions) {

    public static final int ABSENT = -1;
    public static final int COMPUTED = -2;

    /**
     * The fields of {@code schema}'s columns in a file whose header holds {@code names} (matched trimmed and without
     * regard to case). Positions are checked against the count of fields.
     *
     * @throws SalesInputInvalid naming each column not found, the header found and the schema's line
     */
    public static FileColumns find(SalesSchema schema, List<String> names, String file) {
        int[] concepts = new int[Concept.values().length];
        Arrays.fill(concepts, ABSENT);
        int[][] expressions = new int[Concept.values().length][];
        var missing = new ArrayList<String>();
        for (var entry : schema.concepts().entrySet()) {
            Concept concept = entry.getKey();
            SalesSchema.Mapping mapping = entry.getValue();
            String what = concept.key();
            concepts[concept.ordinal()] = field(schema, mapping, names, what, missing);
            if (mapping.expression() != null) {
                expressions[concept.ordinal()] = expressionFields(schema, mapping, names, what, missing);
            }
        }
        int[] dimensions = new int[schema.dimensions().size()];
        int d = 0;
        for (var entry : schema.dimensions().entrySet()) {
            dimensions[d++] = field(schema, entry.getValue(), names, "dimension " + entry.getKey(), missing);
        }
        if (!missing.isEmpty()) {
            boolean builtIn = schema.source().equals("built-in");
            throw new SalesInputInvalid(file + ": the header " + Excerpt.of(names.toString()) + " has no column " + String.join(", ", missing)
                    + "; map them with --column CONCEPT=HEADER or " + (builtIn ? "--schema" : "in the schema") + ", or check the delimiter (now '"
                    + (schema.dialect().delimiter() == '\t' ? "\\t" : Character.toString(schema.dialect().delimiter())) + "')");
        }
        return new FileColumns(names.size(), concepts, expressions, dimensions);
    }

    private static int field(SalesSchema schema, SalesSchema.Mapping mapping, List<String> names, String what, List<String> missing) {
        if (mapping.column() != null) {
            int at = indexOf(names, mapping.column());
            if (at < 0) {
                missing.add(mapping.column() + " (" + what + where(schema, mapping) + ")");
            }
            return at;
        }
        if (mapping.position() > 0) {
            if (mapping.position() > names.size()) {
                missing.add("at position " + mapping.position() + " (" + what + where(schema, mapping) + "; the file has " + names.size()
                        + " columns)");
                return ABSENT;
            }
            return mapping.position() - 1;
        }
        return COMPUTED;
    }

    private static int[] expressionFields(SalesSchema schema, SalesSchema.Mapping mapping, List<String> names, String what,
            List<String> missing) {
        List<String> columns = Expression.parse(mapping.expression()).columns();
        int[] fields = new int[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = indexOf(names, columns.get(i));
            if (fields[i] < 0 && schema.dialect().header()) {
                missing.add(columns.get(i) + " (in the expression of " + what + where(schema, mapping) + ")");
            } else if (fields[i] < 0) { // without a header, [3] is the third field
                try {
                    int position = Integer.parseInt(columns.get(i).strip());
                    if (position >= 1 && position <= names.size()) {
                        fields[i] = position - 1;
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // below
                }
                missing.add(columns.get(i) + " (in the expression of " + what + where(schema, mapping)
                        + "; without a header, name columns by position: [3])");
            }
        }
        return fields;
    }

    private static String where(SalesSchema schema, SalesSchema.Mapping mapping) {
        return mapping.line() > 0 && !schema.source().equals("built-in") ? ", " + schema.source() + " line " + mapping.line() : "";
    }

    private static int indexOf(List<String> names, String wanted) {
        String key = wanted.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).strip().toLowerCase(Locale.ROOT).equals(key)) {
                return i;
            }
        }
        return ABSENT;
    }

    /** As text, for a remote descriptor's parameters: {@code count;c,c,...;e e|e e|...;d,d}. */
    public String encode() {
        var e = new StringBuilder().append(count).append(';');
        e.append(String.join(",", Arrays.stream(concepts).mapToObj(Integer::toString).toList())).append(';');
        var parts = new ArrayList<String>();
        for (int[] fields : expressions) {
            parts.add(fields == null ? "-" : String.join(" ", Arrays.stream(fields).mapToObj(Integer::toString).toList()));
        }
        e.append(String.join("|", parts)).append(';');
        e.append(String.join(",", Arrays.stream(dimensions).mapToObj(Integer::toString).toList()));
        return e.toString();
    }

    public static FileColumns decode(String text) {
        String[] p = text.split(";", -1);
        int[][] expressions = Arrays.stream(p[2].split("\\|", -1)).map(s -> s.equals("-") ? null
                : s.isEmpty() ? new int[0] : Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray()).toArray(int[][]::new);
        return new FileColumns(Integer.parseInt(p[0]), ints(p[1]), expressions, ints(p[3]));
    }

    private static int[] ints(String list) {
        return list.isEmpty() ? new int[0] : Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

}
