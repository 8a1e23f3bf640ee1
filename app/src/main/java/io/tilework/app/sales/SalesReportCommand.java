package io.tilework.app.sales;

import io.tilework.app.ProgressBar;
import io.tilework.app.RunReportOption;
import io.tilework.engine.Engine;
import io.tilework.engine.pool.Pools;
import io.tilework.sales.SalesReportJob;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.input.InputFiles;
import io.tilework.sales.input.LineScanner;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.report.Recognition;
import io.tilework.sales.schema.SalesSchema;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import io.tilework.app.cluster.ClusterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tilework sales report FILE... --out DIR}: the report, its tables and the rejected rows. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads transaction CSVs (plain or .gz, several files or a glob) and writes report.json, report.html, "
                + "CSV tables and rejects.csv to DIR. Files are read through a schema (--schema FILE, as tilework sales inspect "
                + "writes one); by default our own layout: transaction_id,date,ville,type,modele,prix,duree_location_mois.",
                "Damaged input: a bad row, or a line over --max-line-size, is listed in rejects.csv (the run fails over "
                + "--max-rejected); a file that is not UTF-8 CSV text (binary, another format, another encoding) or a truncated "
                + "or damaged gzip stops the run with one line naming the file and the byte, and no report is written."})
public final class SalesReportCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "input files or glob patterns (quote a pattern so the shell leaves it)")
    private List<String> files;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the report goes (created if needed)")
    private Path out;

    @Option(names = "--costs", paramLabel = "FILE", description = "costs per model for margins: CSV model,purchase cost,monthly rental cost")
    private Path costs;

    @Option(names = "--recognition", paramLabel = "booked|monthly", defaultValue = "booked",
            description = "booked (default): a rental counts price x months in its signing month; monthly: price in each month of its contract")
    private String recognition;

    @Option(names = "--strict", description = "stop at the first bad row instead of writing it to rejects.csv")
    private boolean strict;

    @Option(names = "--max-rejected", paramLabel = "PERCENT", defaultValue = "5",
            description = "fail when more than this share of rows is rejected (default ${DEFAULT-VALUE} %%)")
    private double maxRejected;

    @Option(names = "--schema", paramLabel = "FILE|builtin",
            description = "how to read the files: a schema file (YAML: dialect, numbers, dates, which column is which concept), "
                    + "as tilework sales inspect writes one; default builtin, our own layout")
    private String schema;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "field delimiter, over the schema's (',' for the built-in one; \\t for tab)")
    private String delimiter;

    @Option(names = "--column", paramLabel = "CONCEPT=HEADER",
            description = "read a concept from another header name, over the schema, e.g. --column price=Amount or --column "
                    + "prix=price (concepts: id, date, month, city, type, model, make, price, quantity, duration, cost; repeatable)")
    private Map<String, String> columns = Map.of();

    @Option(names = "--max-line-size", paramLabel = "BYTES", defaultValue = "" + LineScanner.DEFAULT_MAX_LINE_BYTES,
            description = "the longest line read, in bytes (default ${DEFAULT-VALUE}, 2 MiB); a longer line is a rejected row "
                    + "LINE_TOO_LONG (its first bytes in rejects.csv), never held in memory; each thread may hold a line this long")
    private long maxLineSize;

    @Option(names = "--threads", paramLabel = "N", description = "map and reduce threads (default: one per core)")
    private Integer threads;

    @Option(names = "--split-mb", paramLabel = "MB", defaultValue = "8", description = "bytes per map task, in MiB (default ${DEFAULT-VALUE})")
    private int splitMegabytes;

    @Option(names = "--quiet", description = "no progress bar")
    private boolean quiet;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private RunReportOption report;

    @Override
    public Integer call() throws Exception {
        cluster.check();
        Recognition recognised;
        SalesScan.Options options;
        SalesSchema read;
        try { // what the options say, checked: a wrong one is a wrong command line
            SalesReportJob.delimiter(delimiter == null ? "," : delimiter);
            SalesReportJob.schema(null, delimiter, columns); // the overrides, against the built-in schema
            recognised = SalesReportJob.recognition(recognition);
        } catch (SalesInputInvalid e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // a schema file with a mistake is the input's fault (exit 1, FILE:LINE: ...), not the command line's
        read = SalesReportJob.schema(schema, delimiter, columns);
        try {
            options = new SalesScan.Options(read, (long) splitMegabytes << 20, strict, maxRejected, maxLineSize);
        } catch (SalesInputInvalid e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
        }
        var request = new SalesReportJob.Request(InputFiles.expand(files), out, costs, recognised, options);
        PrintWriter err = spec.commandLine().getErr();
        var progress = new ProgressBar(err, quiet, "MB", 1_000_000);
        Engine.Builder engine = report.record("sales report " + out, Engine.builder());
        if (threads != null) {
            engine.pool(Pools.cpu(threads));
        }
        if (cluster.given()) {
            engine.pool(cluster.coordinator("sales report " + out.getFileName(), null, progress));
        }
        PrintWriter o = spec.commandLine().getOut();
        return report.around(spec.commandLine(), () -> {
            SalesReportJob.Summary summary;
            try (Engine running = engine.build()) {
                summary = SalesReportJob.run(running, request, (done, total, message) -> progress.update(done, total));
            } finally {
                progress.done();
            }
            printSummary(o, summary, recognised);
            return 0;
        });
    }

    private void printSummary(PrintWriter o, SalesReportJob.Summary summary, Recognition recognised) {
        var input = summary.input();
        o.printf(Locale.ROOT, "%d rows read from %d file(s): %d accepted, %d rejected%s%n", input.rowsRead(), input.files().size(),
                input.accepted(), input.rejected(), input.rejected() == 0 ? "" : " (" + reasons(input.rejectedByReason()) + ")");
        o.printf(Locale.ROOT, "%d cities, %s, revenue %s; %.2f s%n", summary.cities(),
                summary.months().isEmpty() ? "no month" : summary.months().get(0) + " to " + summary.months().get(summary.months().size() - 1),
                recognised == Recognition.BOOKED ? "booked" : "recognised monthly", summary.millis() / 1000.0);
        o.println("wrote " + String.join(", ", summary.written().stream().map(p -> p.getFileName().toString()).toList()) + " to " + out);
    }

    private static String reasons(Map<RejectReason, Long> byReason) {
        var parts = new ArrayList<String>();
        byReason.forEach((reason, count) -> parts.add(count + " " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        return String.join(", ", parts);
    }
}
