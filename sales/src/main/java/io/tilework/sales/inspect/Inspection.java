package io.tilework.sales.inspect;

import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Inspector} found: per file its encoding, dialect and sample; per column its type,
 * nulls, examples and distinct count; the proposed concepts and dimensions. {@link #text()} is
 * what {@code tilework sales inspect} prints, {@link #schema} the schema it proposes and
 * {@link #schemaFile} that schema as the commented YAML file.
 */
public final class Inspection {

    /**
     * @param size     the file's size in bytes
     * @param sampled  the bytes looked at (decompressed, for a gzip file)
     * @param rows     the data rows profiled
     * @param whole    whether every byte was read
     * @param skipped  the lines skipped before the header, as read
     */
    record FileReport(Path file, long size, long sampled, long rows, boolean whole, EncodingGuess encoding, DialectGuess dialect,
                             boolean header, List<String> names, List<String> skipped, List<String> warnings) {
    }

    private final List<FileReport> files;
    private final EncodingGuess encoding;
    private final DialectGuess dialect;
    private final boolean header;
    private final List<ColumnProfile> columns;
    private final List<Proposal> proposals;

    Inspection(List<FileReport> files, EncodingGuess encoding, DialectGuess dialect, boolean header, List<ColumnProfile> columns,
               List<Proposal> proposals) {
        this.files = files;
        this.encoding = encoding;
        this.dialect = dialect;
        this.header = header;
        this.columns = columns;
        this.proposals = proposals;
    }

    List<FileReport> files() {
        return files;
    }

    List<ColumnProfile> columns() {
        return columns;
    }

    public List<Proposal> proposals() {
        return proposals;
    }

    /** The proposal for {@code concept}, or null. */
    public Proposal proposal(Concept concept) {
        return proposals.stream().filter(p -> p.concept() == concept).findFirst().orElse(null);
    }

    /** Whether a date or a month was found: without one there is no report. */
    public boolean hasDateOrMonth() {
        return proposal(Concept.DATE) != null || proposal(Concept.MONTH) != null;
    }

    public long rows() {
        return files.stream().mapToLong(FileReport::rows).sum();
    }

    /** The schema proposed, named {@code name}, read from {@code source}; without date or month it has neither (and is not valid). */
    public SalesSchema schema(String name, String source) {
        var nulls = new ArrayList<String>();
        for (ColumnProfile column : columns) {
            column.nulls.keySet().forEach(marker -> {
                if (!nulls.contains(marker.strip())) {
                    nulls.add(marker.strip());
                }
            });
        }
        nulls.sort((a, b) -> a.isEmpty() ? -1 : b.isEmpty() ? 1 : 0);
        var d = new SalesSchema.Dialect(encoding.name(), dialect.delimiter(), dialect.quote(), dialect.escape(), header, dialect.skip(),
                List.copyOf(nulls));
        NumberStats amounts = amountNumbers();
        var numbers = new SalesSchema.Numbers(amounts == null ? '.' : amounts.decimal(), amounts == null ? 0 : amounts.thousands(),
                amounts == null ? List.of() : List.copyOf(amounts.currencies));
        List<String> dates = List.of();
        Proposal date = proposal(Concept.DATE);
        Proposal month = proposal(Concept.MONTH);
        if (date != null) {
            dates = column(date).datePatterns();
        } else if (month != null) {
            dates = List.of(column(month).dates.monthPattern());
        }
        Map<Concept, SalesSchema.Mapping> concepts = new EnumMap<>(Concept.class);
        Map<String, SalesSchema.Mapping> dimensions = new LinkedHashMap<>();
        for (Proposal p : proposals) {
            if (p.concept() != null) {
                concepts.put(p.concept(), p.mapping());
            } else {
                dimensions.put(p.dimension(), p.mapping());
            }
        }
        return new SalesSchema(name, source, d, numbers, dates, concepts, dimensions);
    }

    /** The schema as its commented YAML file: the header lines, how sure each concept is and why, with examples, and what is absent. */
    public String schemaFile(String name, String source, String schemaPath) {
        SalesSchema schema = schema(name, source);
        var comments = new EnumMap<Concept, String>(Concept.class);
        var dimensionComments = new LinkedHashMap<String, String>();
        for (Proposal p : proposals) {
            ColumnProfile c = column(p);
            String examples = c == null ? "" : "; e.g. " + String.join(", ", c.examples.stream().map(io.tilework.sales.failure.Excerpt::of).toList());
            String comment = String.format(Locale.ROOT, "sure %.2f: %s%s", p.sure(), p.why(), examples);
            if (p.concept() != null) {
                comments.put(p.concept(), comment);
            } else {
                dimensionComments.put(p.dimension(), comment);
            }
        }
        List<String> absent = new ArrayList<>();
        if (!hasDateOrMonth()) {
            absent.add("date: {column: ...}    # REQUIRED, not found: no column holds dates or months; name it here (or month: {column: ...})");
        }
        for (Concept concept : Concept.values()) {
            if (concept != Concept.DATE && concept != Concept.MONTH && proposal(concept) == null) {
                absent.add(concept.key() + ": absent: " + absentMeans(concept));
            }
        }
        String files = String.join(" ", this.files.stream().map(f -> f.file().getFileName().toString()).toList());
        List<String> top = List.of(
                "Sales schema for " + files + ", proposed by tilework sales inspect on " + LocalDate.now() + " from "
                        + String.format(Locale.ROOT, "%,d", rows()) + (this.files.stream().allMatch(FileReport::whole) ? " rows (all of them)."
                        : " sampled rows."),
                "Edit it, then: tilework sales report " + files + " --schema " + schemaPath + " --out report");
        return SchemaWriter.write(schema, new SchemaWriter.Notes(top, comments, dimensionComments, absent));
    }

    /** What the report does without {@code concept}. */
    static String absentMeans(Concept concept) {
        return switch (concept) {
            case ID -> "no duplicate check";
            case DATE, MONTH -> "no report (one of date or month is required)";
            case CITY -> "one group, all";
            case TYPE -> "every row is a sale";
            case MODEL -> "no model breakdown";
            case MAKE -> "no make breakdown";
            case PRICE -> "no revenue KPIs, units only";
            case QUANTITY -> "each row is 1 unit";
            case DURATION -> "no rental duration (rentals count 1 month)";
            case COST -> "no margins (unless --costs)";
        };
    }

    /** The column a proposal reads, or null for an expression. */
    private ColumnProfile column(Proposal p) {
        SalesSchema.Mapping m = p.mapping();
        for (ColumnProfile c : columns) {
            if (m.column() != null ? c.name.equals(m.column()) : m.position() == c.index + 1) {
                return c;
            }
        }
        if (m.expression() != null) {
            for (ColumnProfile c : columns) {
                if (m.expression().startsWith("[" + c.name + "]")) {
                    return c;
                }
            }
        }
        return null;
    }

    /** How the amounts are written: the price column's numbers, else the cost's, else any decimal column's. */
    private NumberStats amountNumbers() {
        for (Concept concept : List.of(Concept.PRICE, Concept.COST)) {
            Proposal p = proposal(concept);
            if (p != null && column(p) != null) {
                return column(p).numbers;
            }
        }
        return columns.stream().filter(c -> c.type() == ColumnProfile.Type.DECIMAL).map(c -> c.numbers).findFirst().orElse(null);
    }

    /** What {@code tilework sales inspect} prints. */
    public String text() {
        var out = new StringBuilder();
        for (FileReport f : files) {
            out.append(String.format(Locale.ROOT, "%s: %,d bytes; %s%n", f.file(), f.size(),
                    f.whole() ? String.format(Locale.ROOT, "read whole, %,d rows", f.rows())
                            : String.format(Locale.ROOT, "sampled %,d rows in its first %,d bytes%s (--full reads every byte)", f.rows(),
                            f.sampled(), f.file().toString().endsWith(".gz") ? " decompressed" : "")));
            out.append("  encoding   ").append(f.encoding().label()).append(" (").append(f.encoding().why()).append(")\n");
            DialectGuess d = f.dialect();
            out.append(String.format(Locale.ROOT, "  dialect    delimiter %s, quote %s%s, escape %s; %d fields in %.0f%% of the first records%n",
                    show(d.delimiter()), show(d.quote()), d.quotesSeen() ? "" : " (no quoted field seen)",
                    d.escape() == d.quote() ? "a doubled quote" : show(d.escape()), d.fields(), 100 * d.consistent()));
            out.append("  header     ").append(f.header() ? "yes, line " + (d.skip() + 1) : "none: columns by position").append('\n');
            if (!f.skipped().isEmpty()) {
                out.append("  skip       ").append(f.skipped().size()).append(" line(s) before it: ")
                        .append(String.join(" | ", f.skipped().stream().map(s -> "'" + io.tilework.sales.failure.Excerpt.of(s) + "'").toList()))
                        .append('\n');
            }
            for (String warning : f.warnings()) {
                out.append("  warning    ").append(warning).append('\n');
            }
        }
        out.append(String.format(Locale.ROOT, "columns (%d):%n", columns.size()));
        for (ColumnProfile c : columns) {
            out.append(String.format(Locale.ROOT, "  %2d %-22s %s; distinct %s", c.index + 1, c.name, c.describeType(), c.describeDistinct()));
            if (!c.nulls.isEmpty()) {
                var nulls = new ArrayList<String>();
                c.nulls.forEach((k, v) -> nulls.add("'" + k + "' x" + v));
                out.append("; nulls ").append(String.join(", ", nulls));
            }
            out.append("; e.g. ").append(String.join(", ", c.examples.stream().map(io.tilework.sales.failure.Excerpt::of).toList())).append('\n');
        }
        out.append("proposed mapping (sure 0..1: why):\n");
        for (Proposal p : proposals) {
            if (p.concept() != null) {
                out.append(String.format(Locale.ROOT, "  %-9s %-22s %.2f: %s%n", p.key(), p.source(), p.sure(), p.why()));
            }
        }
        for (Concept concept : Concept.values()) {
            if (proposal(concept) == null && !(concept == Concept.MONTH && hasDateOrMonth() || concept == Concept.DATE && proposal(Concept.MONTH) != null)) {
                out.append(String.format(Locale.ROOT, "  %-9s %-22s %s%n", concept.key(), "-", "absent: " + absentMeans(concept)));
            }
        }
        var dimensions = proposals.stream().filter(p -> p.concept() == null).toList();
        if (!dimensions.isEmpty()) {
            out.append("proposed extra dimensions:\n");
            for (Proposal p : dimensions) {
                out.append(String.format(Locale.ROOT, "  %-20s %-22s %.2f: %s%n", p.key(), p.source(), p.sure(), p.why()));
            }
        }
        if (!hasDateOrMonth()) {
            out.append("missing: date or month (required): no column holds dates (e.g. 2024-03-05, 05/03/2024) or months (2024-03, "
                    + "03/2024, Mar 2024); the schema leaves it for you to name\n");
        }
        return out.toString();
    }

    private static String show(char c) {
        return switch (c) {
            case '\t' -> "tab";
            case 0 -> "none";
            case '\'' -> "\"'\"";
            default -> "'" + c + "'";
        };
    }
}
