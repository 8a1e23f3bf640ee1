package io.tilework.sales;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tilework.engine.Engine;
import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameter;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.input.CsvLayout;
import io.tilework.sales.input.InputFiles;
import io.tilework.sales.input.Splits;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import io.tilework.sales.report.Costs;
import io.tilework.sales.report.Kpis;
import io.tilework.sales.report.Recognition;
import io.tilework.sales.report.Report;
import io.tilework.sales.report.ReportPage;
import io.tilework.sales.report.ReportTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sales report, end to end: the scan on the engine, the KPIs, and the output directory —
 * {@code report.json}, {@code report.html}, one CSV per table and {@code rejects.csv}. The files
 * are written under temporary names ({@link AtomicFile}) and renamed at the end, so a failed run
 * leaves the previous report whole (only {@code rejects.csv} is replaced, to show what was wrong);
 * a full disk is {@link io.tilework.engine.failure.DiskFull}. What killed runs left in the output
 * folder (their work folder, temporary files) is removed first ({@link Leftovers}).
 */
public final class SalesReportJob implements Job<SalesReportJob.Parameters> {

    public static final String NAME = "sales.report";

    /** The job's parameters as workflows give them (strings, as in JSON or YAML). */
    public record Parameters(
            @JobParameter(description = "input files or glob patterns (CSV, plain or .gz)", kind = JobParameter.Kind.INPUT_PATH,
                    required = true)
            List<String> files,
            @JobParameter(description = "where the report goes (created if needed)", kind = JobParameter.Kind.OUTPUT_PATH,
                    required = true)
            String out,
            @JobParameter(description = "costs per model for margins: CSV model,purchase cost,monthly rental cost",
                    kind = JobParameter.Kind.INPUT_PATH)
            String costs,
            @JobParameter(description = "booked: a rental counts price x months in its signing month; monthly: price in each"
                    + " month of its contract", defaultValue = "booked")
            String recognition,
            @JobParameter(description = "stop at the first bad row instead of writing it to rejects.csv", defaultValue = "false")
            Boolean strict,
            @JobParameter(description = "fail when more than this share of rows (in %) is rejected", defaultValue = "5")
            Double maxRejectedPercent,
            @JobParameter(description = "field delimiter (\\t for tab); default: the schema's (',' for the built-in one)")
            String delimiter,
            @JobParameter(description = "read a concept from another header name, overriding the schema, e.g. price: Amount")
            Map<String, String> columns,
            @JobParameter(description = "the longest line read, in bytes; a longer line is a rejected row",
                    defaultValue = "" + io.tilework.sales.input.LineScanner.DEFAULT_MAX_LINE_BYTES)
            Long maxLineSize,
            @JobParameter(description = "how to read the files: a schema file (YAML, as tilework sales inspect writes); absent or "
                    + "builtin: our own layout", kind = JobParameter.Kind.INPUT_PATH)
            String schema) {

        /** The parameters before schema files: the built-in schema. */
        public Parameters(List<String> files, String out, String costs, String recognition, Boolean strict, Double maxRejectedPercent,
                String delimiter, Map<String, String> columns, Long maxLineSize) {
            this(files, out, costs, recognition, strict, maxRejectedPercent, delimiter, columns, maxLineSize, null);
        }
    }

    /** A report to make. */
    public record Request(List<Path> files, Path out, Path costs, Recognition recognition, SalesScan.Options options) {
    }

    /** What was made. */
    public record Summary(Report.Input input, int cities, List<String> months, long duplicates, List<Path> written, long millis) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "monthly KPIs per city over transaction CSVs: report.json, report.html, CSV tables and rejects.csv";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters p) throws Exception {
        SalesSchema schema = schema(p.schema(), p.delimiter(), p.columns() == null ? Map.of() : p.columns());
        var options = new SalesScan.Options(schema, Splits.DEFAULT_BYTES, Boolean.TRUE.equals(p.strict()),
                p.maxRejectedPercent() == null ? SalesScan.Options.defaults().maxRejectedPercent() : p.maxRejectedPercent(),
                p.maxLineSize() == null ? SalesScan.Options.defaults().maxLineBytes() : p.maxLineSize());
        var request = new Request(InputFiles.expand(p.files() == null ? List.of() : p.files()), Path.of(p.out()),
                p.costs() == null ? null : Path.of(p.costs()), recognition(p.recognition() == null ? "booked" : p.recognition()), options);
        return run(context.engine(), request, context.progress());
    }

    /** One delimiter character; the two characters {@code \t} stand for a tab. */
    public static char delimiter(String text) {
        String value = text.equals("\\t") ? "\t" : text;
        if (value.length() != 1) {
            throw new SalesInputInvalid("--delimiter must be one character, not '" + text + "'");
        }
        return value.charAt(0);
    }

    /**
     * The schema to read the files through: {@code schemaOption} (a file, or {@code builtin} or null for the built-in
     * one), its delimiter replaced by {@code delimiter} when given, and each concept named in {@code columns} (by
     * {@link #concept}) read from the header given.
     */
    public static SalesSchema schema(String schemaOption, String delimiter, Map<String, String> columns) {
        SalesSchema schema = SchemaFile.named(schemaOption);
        if (delimiter != null) {
            char c = delimiter(delimiter);
            if (c == '"' || c == '\n' || c == '\r' || c > 127) {
                throw new SalesInputInvalid("the delimiter must be one ASCII character other than a quote or a line break, not '" + c + "'");
            }
            var d = schema.dialect();
            schema = new SalesSchema(schema.name(), schema.source(), new SalesSchema.Dialect(d.encoding(), c, d.quote(), d.escape(),
                    d.header(), d.skip(), d.nulls()), schema.numbers(), schema.dates(), schema.concepts(), schema.dimensions());
        }
        if (!columns.isEmpty()) {
            var concepts = new EnumMap<Concept, SalesSchema.Mapping>(Concept.class);
            concepts.putAll(schema.concepts());
            for (var column : columns.entrySet()) {
                Concept concept = concept(column.getKey());
                if (concept == Concept.DATE || concept == Concept.MONTH) {
                    concepts.remove(Concept.DATE);
                    concepts.remove(Concept.MONTH);
                    if (concept == Concept.MONTH && schema.has(Concept.DATE) && schema.dates().equals(List.of("yyyy-MM-dd"))) {
                        schema = withDates(schema, List.of("yyyy-MM"));
                    }
                }
                SalesSchema.Mapping old = schema.concepts().get(concept);
                concepts.put(concept, new SalesSchema.Mapping(column.getValue().strip(), 0, null, null,
                        old == null ? (concept == Concept.CITY ? List.of("trim", "case", "accents") : List.of()) : old.normalise(),
                        old == null ? (concept == Concept.TYPE ? List.of("sale") : List.of()) : old.sale(),
                        old == null ? (concept == Concept.TYPE ? List.of("rental") : List.of()) : old.rental(), 0));
            }
            schema = new SalesSchema(schema.name(), schema.source(), schema.dialect(), schema.numbers(), schema.dates(), concepts,
                    schema.dimensions());
        }
        return schema;
    }

    private static SalesSchema withDates(SalesSchema s, List<String> dates) {
        return new SalesSchema(s.name(), s.source(), s.dialect(), s.numbers(), dates, s.concepts(), s.dimensions());
    }

    /**
     * A concept by its name in schema files ({@code id}, {@code city}, ...) or by our own header's name
     * ({@code transaction_id}, {@code ville}, {@code modele}, {@code prix}, {@code duree_location_mois}), any case.
     */
    public static Concept concept(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        Concept concept = Concept.of(key);
        if (concept != null) {
            return concept;
        }
        for (CsvLayout.Column column : CsvLayout.Column.values()) {
            if (column.defaultHeader().equals(key) || column.name().equalsIgnoreCase(key)) {
                return switch (column) {
                    case TRANSACTION_ID -> Concept.ID;
                    case DATE -> Concept.DATE;
                    case CITY -> Concept.CITY;
                    case TYPE -> Concept.TYPE;
                    case MODEL -> Concept.MODEL;
                    case PRICE -> Concept.PRICE;
                    case RENTAL_MONTHS -> Concept.DURATION;
                };
            }
        }
        throw new SalesInputInvalid("unknown column '" + name + "' for --column CONCEPT=HEADER; the concepts are "
                + Stream.of(Concept.values()).map(Concept::key).toList() + " (our own headers transaction_id, ville, modele, prix, "
                + "duree_location_mois are accepted too)");
    }

    /** The default layout with {@code delimiter}, and each KPI column (by {@link #column}) read from the header given. */
    public static CsvLayout layout(char delimiter, Map<String, String> headers) {
        CsvLayout layout = CsvLayout.defaults().withDelimiter(delimiter);
        for (var column : headers.entrySet()) {
            layout = layout.withColumn(column(column.getKey()), column.getValue());
        }
        return layout;
    }

    /** A KPI column by its name ({@code transaction_id}, {@code date}, {@code ville}, ... or the enum's name). */
    public static CsvLayout.Column column(String name) {
        for (CsvLayout.Column column : CsvLayout.Column.values()) {
            if (column.defaultHeader().equalsIgnoreCase(name) || column.name().equalsIgnoreCase(name)) {
                return column;
            }
        }
        throw new SalesInputInvalid("unknown column '" + name + "'; the columns are "
                + Stream.of(CsvLayout.Column.values()).map(CsvLayout.Column::defaultHeader).toList());
    }

    public static Recognition recognition(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "booked" -> Recognition.BOOKED;
            case "monthly" -> Recognition.MONTHLY;
            default -> throw new SalesInputInvalid("--recognition is booked or monthly, not '" + name + "'");
        };
    }

    public static Summary run(Engine engine, Request request, JobContext.Progress progress) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(request.out());
        Leftovers.sweep(request.out()); // work folders and temporary files of killed runs
        Costs costs = request.costs() == null ? null : Costs.read(request.costs(), ',');
        Path rejects = request.out().resolve("rejects.csv");
        // the report is computed and staged while rejects.csv is written, and put in place once both are whole
        try (StagedReport staged = SalesScan.run(engine, request.files(), request.options(), rejects, progress, scan -> {
            Report report = Kpis.compute(scan, request.recognition(), costs,
                    "no cost file was given (--costs FILE with model, purchase cost, monthly rental cost)");
            progress.update(1, 1, "writing the report");
            return StagedReport.write(report, scan.duplicates(), request.out());
        })) {
            List<Path> written = staged.commit();
            written.add(rejects);
            Report report = staged.report;
            return new Summary(report.input(), report.cities().size(), report.months(), staged.duplicates, written,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /** The report's files under temporary names, to be put in place together: a failure leaves the previous report whole. */
    private static final class StagedReport implements AutoCloseable {

        final Report report;
        final long duplicates;
        private final Path out;
        private final List<AtomicFile> pending = new ArrayList<>();

        private StagedReport(Report report, long duplicates, Path out) {
            this.report = report;
            this.duplicates = duplicates;
            this.out = out;
        }

        static StagedReport write(Report report, long duplicates, Path out) throws IOException {
            var staged = new StagedReport(report, duplicates, out);
            ReportTables.Staging staging = name -> {
                AtomicFile file = AtomicFile.begin(out.resolve(name));
                staged.pending.add(file);
                return file.path();
            };
            try {
                ObjectMapper json = json();
                json.writeValue(staging.stage("report.json").toFile(), report);
                ReportPage.write(report, json, staging.stage("report.html"));
                ReportTables.write(report, staging);
                return staged;
            } catch (IOException | RuntimeException e) {
                try {
                    staged.failed(e);
                } finally {
                    staged.close();
                }
                throw e;
            }
        }

        List<Path> commit() throws IOException {
            var written = new ArrayList<Path>();
            try {
                for (AtomicFile file : pending) {
                    file.commit();
                    written.add(out.resolve(file.target().getFileName()));
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
                throw e;
            }
            return written;
        }

        private void failed(Exception e) {
            if (!pending.isEmpty()) {
                pending.getLast().failIfDiskFull(e); // the file being written when it failed
            }
        }

        @Override
        public void close() {
            pending.forEach(AtomicFile::close);
        }
    }
}
