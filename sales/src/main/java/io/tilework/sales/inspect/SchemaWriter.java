package io.tilework.sales.inspect;

import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link SalesSchema} as the YAML file a person reads and edits (sales/README.md, "Schema
 * files"): one key a line, flow maps and lists, comments saying how sure each concept is and why.
 * It writes only the forms the schema file reader takes: plain scalars where YAML reads them back
 * as the same text, else double quotes (with {@code \\}, {@code \"}, {@code \t} escapes), or
 * single quotes for a text holding a double quote.
 */
public final class SchemaWriter {

    /**
     * The comments: lines at the top, one after each concept and dimension, and lines for the
     * concepts absent (written commented out under {@code concepts:}).
     */
    public record Notes(List<String> header, Map<Concept, String> concepts, Map<String, String> dimensions, List<String> absent) {

        public static final Notes NONE = new Notes(List.of(), Map.of(), Map.of(), List.of());
    }

    private static final Pattern PLAIN = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_ .()/%$€£+-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");
    private static final int COMMENT_COLUMN = 48;

    private SchemaWriter() {
    }

    public static String write(SalesSchema schema, Notes notes) {
        var lines = new ArrayList<String>();
        notes.header().forEach(h -> lines.add("# " + h));
        lines.add(pad("schema: " + scalar(schema.name()), "the name the report shows"));
        SalesSchema.Dialect d = schema.dialect();
        lines.add("dialect:");
        lines.add(pad("  encoding: " + d.encoding(), "utf-8 | windows-1252 | iso-8859-1"));
        lines.add(pad("  delimiter: " + quoted(String.valueOf(d.delimiter())), d.delimiter() == '\t' ? "a tab" : null));
        lines.add(pad("  quote: " + quoted(d.quote() == 0 ? "" : String.valueOf(d.quote())), "\"\" for none"));
        lines.add(pad("  escape: " + quoted(String.valueOf(d.escape())),
                d.escape() == d.quote() ? "a quote is doubled inside quotes" : "the character before a quote inside quotes"));
        lines.add("  header: " + d.header());
        lines.add(pad("  skip: " + d.skip(), "lines before the header"));
        lines.add("  nulls: " + list(d.nulls(), true));
        SalesSchema.Numbers n = schema.numbers();
        lines.add("numbers:");
        lines.add("  decimal: " + quoted(String.valueOf(n.decimal())));
        lines.add(pad("  thousands: " + quoted(n.thousands() == 0 ? "" : String.valueOf(n.thousands())), "\"\" for none"));
        lines.add("  currency: " + list(n.currency(), true));
        lines.add(pad("dates: " + list(schema.dates(), true), schema.dates().isEmpty()
                ? "REQUIRED with the date or month: its java.time patterns, e.g. [\"dd/MM/yyyy\"] or [\"yyyy-MM\"]"
                : "java.time patterns, tried in order"));
        lines.add(pad("concepts:", "each: column: NAME | position: N (from 1) | constant: VALUE | expression: \"[A] * [B]\""));
        for (var e : schema.concepts().entrySet()) {
            lines.add(pad("  " + e.getKey().key() + ": " + mapping(e.getValue()), notes.concepts().get(e.getKey())));
        }
        notes.absent().forEach(a -> lines.add("  # " + a));
        if (schema.dimensions().isEmpty()) {
            lines.add("# dimensions: none (extra breakdowns: NAME: {column: COLUMN, normalise: [trim, case]})");
            return String.join("\n", lines) + "\n";
        }
        lines.add(pad("dimensions:", "extra breakdowns: name shown -> where from"));
        for (var e : schema.dimensions().entrySet()) {
            lines.add(pad("  " + scalar(e.getKey()) + ": " + mapping(e.getValue()), notes.dimensions().get(e.getKey())));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String mapping(SalesSchema.Mapping m) {
        var parts = new ArrayList<String>();
        if (m.column() != null) {
            parts.add("column: " + scalar(m.column()));
        } else if (m.position() > 0) {
            parts.add("position: " + m.position());
        } else if (m.constant() != null) {
            parts.add("constant: " + scalar(m.constant()));
        } else {
            parts.add("expression: " + quoted(m.expression()));
        }
        if (!m.normalise().isEmpty()) {
            parts.add("normalise: " + list(m.normalise(), false));
        }
        if (!m.sale().isEmpty() || !m.rental().isEmpty()) {
            parts.add("sale: " + list(m.sale(), false));
            parts.add("rental: " + list(m.rental(), false));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private static String list(List<String> values, boolean quote) {
        return "[" + String.join(", ", values.stream().map(v -> quote ? quoted(v) : scalar(v)).toList()) + "]";
    }

    /** Plain when YAML reads it back as the same text, quoted otherwise. */
    static String scalar(String s) {
        boolean plain = PLAIN.matcher(s).matches() && !s.endsWith(" ") && !RESERVED.contains(s.toLowerCase()) && !s.contains(" #");
        return plain ? s : quoted(s);
    }

    /** Double-quoted with escapes, or single-quoted when it holds a double quote and no single one. */
    static String quoted(String s) {
        if (s.contains("\"") && !s.contains("'") && s.chars().noneMatch(c -> c < 0x20)) {
            return "'" + s + "'";
        }
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** {@code line}, then its comment from a fixed column on. */
    private static String pad(String line, String comment) {
        if (comment == null || comment.isEmpty()) {
            return line;
        }
        return line + " ".repeat(Math.max(1, COMMENT_COLUMN - line.length())) + "# " + comment.replace('\n', ' ').replace('\r', ' ');
    }
}
