package io.tilework.sales.schema;

import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.schema.SalesSchema.Dialect;
import io.tilework.sales.schema.SalesSchema.Mapping;
import io.tilework.sales.schema.SalesSchema.Numbers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Schema files: the YAML {@code tilework sales inspect} writes and {@code tilework sales report --schema} reads
 * (sales/README.md, "Schema files"), read into a {@link SalesSchema}. Every mistake is a {@link SalesInputInvalid}
 * starting {@code FILE:LINE:}, saying what is expected.
 */
public final class SchemaFile {

    /** The shipped schema of our own seven French columns, what {@code --schema} defaults to. */
    public static final String BUILT_IN = "builtin";
    private static final String RESOURCE = "/io/tilework/sales/schemas/tilework.yaml";

    static final List<String> ENCODINGS = List.of("utf-8", "windows-1252", "iso-8859-1");
    private static final List<String> TOP = List.of("schema", "dialect", "numbers", "dates", "concepts", "dimensions");
    private static final List<String> DIALECT = List.of("encoding", "delimiter", "quote", "escape", "header", "skip", "nulls");
    private static final List<String> NUMBERS = List.of("decimal", "thousands", "currency");
    private static final List<String> SOURCES = List.of("column", "position", "constant", "expression");
    private static final List<String> NORMALISE = List.of("trim", "case", "accents");

    private SchemaFile() {
    }

    /** The schema in {@code file}; the file's name starts every message. */
    public static SalesSchema read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SalesInputInvalid(file + ": no such schema file; write one with tilework sales inspect FILE --out "
                    + file.getFileName() + ", or give --schema builtin");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the schema file", e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SalesInputInvalid(file + ": a schema file is UTF-8 text; this one is not (save it as UTF-8)");
        }
        return parse(file.toString(), text);
    }

    /** The built-in schema (our columns {@code transaction_id,date,ville,type,modele,prix,duree_location_mois}). */
    public static SalesSchema builtIn() {
        try (InputStream in = SchemaFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in schema " + RESOURCE + " is missing from the jar");
            }
            SalesSchema schema = parse("built-in", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code builtin} (or null) for the built-in schema, else the file it names. A server makes every path absolute
     * under its data root: a {@code builtin} there that is no file is the built-in schema too.
     */
    public static SalesSchema named(String nameOrFile) {
        if (nameOrFile == null || nameOrFile.equalsIgnoreCase(BUILT_IN)) {
            return builtIn();
        }
        Path file = Path.of(nameOrFile);
        if (file.getFileName() != null && file.getFileName().toString().equals(BUILT_IN) && !Files.exists(file)) {
            return builtIn();
        }
        return read(file);
    }

    /** The schema {@code text} holds; {@code fileName} starts messages and is the schema's source. */
    public static SalesSchema parse(String fileName, String text) {
        var yaml = Yaml.parse(fileName, text);
        var reader = new Reader(fileName, Yaml.of(fileName));
        return reader.schema(yaml);
    }

    /**
     * {@code schema} as a schema file without comments, every string double-quoted: what a cluster worker is sent
     * ({@link #parse} gives the same schema back, but for the mappings' line numbers).
     */
    public static String format(SalesSchema schema) {
        var y = new StringBuilder();
        y.append("schema: ").append(quote(schema.name())).append('\n');
        SalesSchema.Dialect d = schema.dialect();
        y.append("dialect:\n  encoding: ").append(quote(d.encoding())).append("\n  delimiter: ").append(quote(d.delimiter()))
                .append("\n  quote: ").append(quote(d.quote())).append("\n  escape: ").append(quote(d.escape()))
                .append("\n  header: ").append(d.header()).append("\n  skip: ").append(d.skip())
                .append("\n  nulls: ").append(list(d.nulls())).append('\n');
        SalesSchema.Numbers n = schema.numbers();
        y.append("numbers:\n  decimal: ").append(quote(n.decimal())).append("\n  thousands: ").append(quote(n.thousands()))
                .append("\n  currency: ").append(list(n.currency())).append('\n');
        y.append("dates: ").append(list(schema.dates())).append('\n');
        y.append("concepts:\n");
        schema.concepts().forEach((concept, mapping) -> y.append("  ").append(concept.key()).append(": ").append(mapping(mapping)).append('\n'));
        if (!schema.dimensions().isEmpty()) {
            y.append("dimensions:\n");
            schema.dimensions().forEach((name, mapping) -> y.append("  ").append(quote(name)).append(": ").append(mapping(mapping)).append('\n'));
        }
        return y.toString();
    }

    private static String mapping(Mapping m) {
        var parts = new ArrayList<String>();
        if (m.column() != null) {
            parts.add("column: " + quote(m.column()));
        } else if (m.position() > 0) {
            parts.add("position: " + m.position());
        } else if (m.constant() != null) {
            parts.add("constant: " + quote(m.constant()));
        } else {
            parts.add("expression: " + quote(m.expression()));
        }
        if (!m.normalise().isEmpty()) {
            parts.add("normalise: " + list(m.normalise()));
        }
        if (!m.sale().isEmpty() || !m.rental().isEmpty()) {
            parts.add("sale: " + list(m.sale()));
            parts.add("rental: " + list(m.rental()));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(SchemaFile::quote).toList()) + "]";
    }

    private static String quote(char c) {
        return c == 0 ? "\"\"" : quote(Character.toString(c));
    }

    /** A double-quoted YAML string. */
    static String quote(String s) {
        var q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\t' -> q.append("\\t");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static final class Reader {
        private final String fileName;
        private final Yaml y;

        Reader(String fileName, Yaml y) {
            this.fileName = fileName;
            this.y = y;
        }

        SalesSchema schema(Yaml.Node root) {
            Map<String, Yaml.Node> top = y.map(root, "a schema file");
            known(top, TOP, "at the top level");
            String name = top.containsKey("schema") ? y.scalar(top.get("schema"), "schema").strip() : defaultName();
            if (name.isEmpty()) {
                throw y.error(top.get("schema").line(), "the schema's name is empty");
            }
            Dialect dialect = dialect(top.get("dialect"));
            Numbers numbers = numbers(top.get("numbers"));
            if (!top.containsKey("concepts")) {
                throw y.error(1, "no 'concepts': map at least date (or month) to a column, e.g. concepts: {date: {column: Date}}");
            }
            Map<Concept, Mapping> concepts = concepts(top.get("concepts"));
            Map<String, Mapping> dimensions = dimensions(top.get("dimensions"));
            List<String> dates = dates(top.get("dates"), concepts);
            return new SalesSchema(name, fileName, dialect, numbers, dates, concepts, dimensions);
        }

        private String defaultName() {
            String base = Path.of(fileName).getFileName().toString();
            int dot = base.lastIndexOf('.');
            return dot > 0 ? base.substring(0, dot) : base;
        }

        private void known(Map<String, Yaml.Node> map, List<String> keys, String where) {
            for (var entry : map.entrySet()) {
                if (!keys.contains(entry.getKey())) {
                    throw y.error(entry.getValue().line(), "unknown key '" + entry.getKey() + "' " + where + "; expected "
                            + String.join(", ", keys));
                }
            }
        }

        private Dialect dialect(Yaml.Node node) {
            Map<String, Yaml.Node> d = node == null ? Map.of() : y.map(node, "dialect");
            known(d, DIALECT, "under dialect");
            String encoding = "utf-8";
            if (d.containsKey("encoding")) {
                encoding = encoding(d.get("encoding"));
            }
            char delimiter = d.containsKey("delimiter") ? character(d.get("delimiter"), "delimiter", false) : ',';
            if (delimiter == '\n' || delimiter == '\r') {
                throw y.error(d.get("delimiter").line(), "the delimiter cannot be a line break");
            }
            char quote = d.containsKey("quote") ? character(d.get("quote"), "quote", true) : '"';
            char escape = d.containsKey("escape") ? character(d.get("escape"), "escape", true) : quote;
            if (quote != 0 && quote == delimiter) {
                throw y.error(d.get("quote").line(), "the quote and the delimiter are both '" + quote + "'");
            }
            boolean header = !d.containsKey("header") || bool(d.get("header"), "header");
            int skip = d.containsKey("skip") ? integer(d.get("skip"), "skip", 0, 1_000_000) : 0;
            List<String> nulls = d.containsKey("nulls") ? strings(d.get("nulls"), "nulls") : List.of("");
            return new Dialect(encoding, delimiter, quote, escape, header, skip, nulls);
        }

        private String encoding(Yaml.Node node) {
            String value = y.scalar(node, "encoding").strip().toLowerCase(Locale.ROOT);
            String canonical = switch (value) {
                case "utf-8", "utf8" -> "utf-8";
                case "windows-1252", "cp1252", "cp-1252", "windows1252" -> "windows-1252";
                case "iso-8859-1", "iso8859-1", "latin-1", "latin1", "iso_8859_1" -> "iso-8859-1";
                default -> null;
            };
            if (canonical == null) {
                throw y.error(node.line(), "unknown encoding '" + value + "'; expected " + String.join(", ", ENCODINGS)
                        + " (convert other encodings to UTF-8 first, e.g. with iconv)");
            }
            return canonical;
        }

        private Numbers numbers(Yaml.Node node) {
            Map<String, Yaml.Node> n = node == null ? Map.of() : y.map(node, "numbers");
            known(n, NUMBERS, "under numbers");
            char decimal = n.containsKey("decimal") ? character(n.get("decimal"), "decimal", false) : '.';
            if (decimal != '.' && decimal != ',') {
                throw y.error(n.get("decimal").line(), "the decimal separator is '.' or ',', not '" + decimal + "'");
            }
            char thousands = n.containsKey("thousands") ? character(n.get("thousands"), "thousands", true) : 0;
            if (thousands == decimal) {
                throw y.error(n.get("thousands").line(), "the thousands separator is the decimal separator '" + decimal + "'");
            }
            if (thousands != 0 && (Character.isDigit(thousands) || thousands == '-')) {
                throw y.error(n.get("thousands").line(), "the thousands separator cannot be '" + thousands + "'");
            }
            List<String> currency = n.containsKey("currency") ? strings(n.get("currency"), "currency") : List.of();
            for (String symbol : currency) {
                if (symbol.isBlank() || symbol.chars().anyMatch(Character::isDigit)) {
                    throw y.error(n.get("currency").line(), "a currency symbol is text without digits, not '" + symbol + "'");
                }
            }
            return new Numbers(decimal, thousands, currency);
        }

        private Map<Concept, Mapping> concepts(Yaml.Node node) {
            Map<String, Yaml.Node> c = y.map(node, "concepts");
            var concepts = new EnumMap<Concept, Mapping>(Concept.class);
            List<String> keys = Stream.of(Concept.values()).map(Concept::key).toList();
            for (var entry : c.entrySet()) {
                Concept concept = Concept.of(entry.getKey());
                if (concept == null) {
                    throw y.error(entry.getValue().line(), "unknown key '" + entry.getKey() + "' under concepts; expected "
                            + String.join(", ", keys));
                }
                concepts.put(concept, mapping(entry.getValue(), "concept " + concept.key(), concept));
            }
            if (concepts.containsKey(Concept.DATE) == concepts.containsKey(Concept.MONTH)) {
                throw y.error(node.line(), concepts.containsKey(Concept.DATE)
                        ? "both date and month are mapped; map one: date for a day per row, month for data aggregated by month"
                        : "no date or month under concepts: map one, e.g. date: {column: Date} (month: for data aggregated by month)");
            }
            return concepts;
        }

        private Map<String, Mapping> dimensions(Yaml.Node node) {
            var dimensions = new LinkedHashMap<String, Mapping>();
            if (node == null) {
                return dimensions;
            }
            for (var entry : y.map(node, "dimensions").entrySet()) {
                dimensions.put(entry.getKey(), mapping(entry.getValue(), "dimension " + entry.getKey(), null));
            }
            return dimensions;
        }

        /** One concept's (or dimension's, {@code concept} null) mapping. */
        private Mapping mapping(Yaml.Node node, String what, Concept concept) {
            if (node.value() instanceof String s) { // a bare name: the column
                if (s.isBlank()) {
                    throw y.error(node.line(), what + " has no column; write {column: NAME}");
                }
                return new Mapping(s.strip(), 0, null, null, List.of(), List.of(), List.of(), node.line());
            }
            Map<String, Yaml.Node> m = y.map(node, what);
            var allowed = new ArrayList<>(SOURCES);
            boolean grouping = concept == null || concept == Concept.CITY || concept == Concept.MODEL || concept == Concept.MAKE;
            if (grouping) {
                allowed.add("normalise");
            }
            if (concept == Concept.TYPE) {
                allowed.add("sale");
                allowed.add("rental");
            }
            known(m, allowed, "under " + what);
            List<String> given = SOURCES.stream().filter(m::containsKey).toList();
            if (given.size() != 1) {
                throw y.error(node.line(), what + (given.isEmpty() ? " has none" : " has " + String.join(" and ", given))
                        + " of column, position, constant, expression; give exactly one");
            }
            String column = null;
            int position = 0;
            String constant = null;
            String expression = null;
            switch (given.get(0)) {
                case "column" -> {
                    column = y.scalar(m.get("column"), "column").strip();
                    if (column.isEmpty()) {
                        throw y.error(m.get("column").line(), what + ": the column name is empty");
                    }
                }
                case "position" -> position = integer(m.get("position"), "position", 1, 100_000);
                case "constant" -> constant = y.scalar(m.get("constant"), "constant");
                default -> {
                    expression = y.scalar(m.get("expression"), "expression");
                    try {
                        Expression.parse(expression);
                    } catch (IllegalArgumentException e) {
                        throw y.error(m.get("expression").line(), what + ": " + e.getMessage());
                    }
                }
            }
            List<String> normalise = List.of();
            if (m.containsKey("normalise")) {
                normalise = strings(m.get("normalise"), "normalise").stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
                for (String step : normalise) {
                    if (!NORMALISE.contains(step)) {
                        throw y.error(m.get("normalise").line(), "unknown normalisation '" + step + "'; expected "
                                + String.join(", ", NORMALISE));
                    }
                }
            }
            List<String> sale = List.of();
            List<String> rental = List.of();
            if (concept == Concept.TYPE) {
                sale = m.containsKey("sale") ? strings(m.get("sale"), "sale") : List.of("sale");
                rental = m.containsKey("rental") ? strings(m.get("rental"), "rental") : List.of("rental");
                for (String value : sale) {
                    if (rental.stream().anyMatch(value::equalsIgnoreCase)) {
                        throw y.error(node.line(), "type: '" + value + "' is both a sale and a rental");
                    }
                }
            }
            return new Mapping(column, position, constant, expression, normalise, sale, rental, node.line());
        }

        private List<String> dates(Yaml.Node node, Map<Concept, Mapping> concepts) {
            boolean month = concepts.containsKey(Concept.MONTH);
            List<String> dates = node == null ? List.of(month ? "yyyy-MM" : "yyyy-MM-dd") : strings(node, "dates");
            if (dates.isEmpty()) {
                throw y.error(node.line(), "no date pattern; give one at least, e.g. dates: [\"dd/MM/yyyy\"]");
            }
            for (String pattern : dates) {
                String problem = DatePatterns.problem(pattern, month);
                if (problem != null) {
                    throw y.error(node == null ? 1 : node.line(), "bad date pattern '" + pattern + "': " + problem);
                }
            }
            return dates;
        }

        private char character(Yaml.Node node, String what, boolean noneAllowed) {
            String value = y.scalar(node, what);
            if (value.isEmpty() && noneAllowed) {
                return 0;
            }
            if (value.length() != 1) {
                throw y.error(node.line(), what + " must be one character" + (noneAllowed ? " (or \"\" for none)" : "")
                        + ", not '" + value + "' (" + value.length() + " characters; write a tab as \"\\t\")");
            }
            return value.charAt(0);
        }

        private boolean bool(Yaml.Node node, String what) {
            String value = y.scalar(node, what).strip().toLowerCase(Locale.ROOT);
            if (Set.of("true", "yes").contains(value)) {
                return true;
            }
            if (Set.of("false", "no").contains(value)) {
                return false;
            }
            throw y.error(node.line(), what + " is true or false, not '" + value + "'");
        }

        private int integer(Yaml.Node node, String what, int min, int max) {
            String value = y.scalar(node, what).strip();
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw y.error(node.line(), what + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }

        private List<String> strings(Yaml.Node node, String what) {
            var out = new ArrayList<String>();
            for (Yaml.Node item : y.list(node, what)) {
                out.add(y.scalar(item, "an item of " + what));
            }
            return List.copyOf(out);
        }
    }

    /** Checks date patterns; shared with the reader, which builds the formatters. */
    static final class DatePatterns {
        private DatePatterns() {
        }

        /** What is wrong with {@code pattern} (null: nothing): not a java.time pattern, or no year, month (or day for a date). */
        static String problem(String pattern, boolean month) {
            try {
                DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                return e.getMessage() + " (java.time patterns: dd/MM/yyyy, M/d/yyyy, yyyy-MM-dd, MMM yyyy)";
            }
            String letters = pattern.replaceAll("'[^']*'", "");
            if (!letters.contains("y") && !letters.contains("u")) {
                return "no year (y)";
            }
            if (!letters.contains("M") && !letters.contains("L")) {
                return "no month (M)";
            }
            if (!month && !letters.contains("d")) {
                return "no day (d); for data by month map the month concept instead of date";
            }
            return null;
        }
    }
}
