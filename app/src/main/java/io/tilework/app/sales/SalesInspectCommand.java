package io.tilework.app.sales;

import io.tilework.app.ProgressBar;
import io.tilework.engine.io.AtomicFile;
import io.tilework.sales.input.InputFiles;
import io.tilework.sales.inspect.Inspection;
import io.tilework.sales.inspect.Inspector;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tilework sales inspect FILE... [--out SCHEMA.yaml]}: what a sales CSV holds, and the schema proposed to read it. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Inspects sales CSVs (plain or .gz, several files or a glob) from a sample: the first --sample-rows rows "
                + "(default 10,000), at most the first 8 MiB of each file (decompressed), never more without --full. Prints the "
                + "encoding, delimiter, quote and escape, header, lines to skip, each column's type (integer, decimal with its "
                + "separators and currency, date with its pattern, month, text), null markers, examples and distinct count "
                + "(exact up to 4,096 values, then an estimate), and the proposed mapping of columns to concepts (id, date or month, "
                + "city, type, model, make, price, quantity, duration, cost, extra dimensions), each with how sure (0..1) and why.",
                "--out writes that as a commented schema file for 'sales report --schema'. Exit 1 when no column holds dates or "
                        + "months (the schema is still written with --out, the date left for you to name)."})
public final class SalesInspectCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "input files or glob patterns (quote a pattern so the shell leaves it)")
    private List<String> files;

    @Option(names = "--out", paramLabel = "SCHEMA.yaml", description = "write the proposed schema there")
    private Path out;

    @Option(names = "--sample-rows", paramLabel = "N", defaultValue = "" + Inspector.Options.DEFAULT_ROWS,
            description = "rows sampled from each file (default ${DEFAULT-VALUE}; at most the first 8 MiB are read)")
    private long sampleRows;

    @Option(names = "--full", description = "read every byte of every file (slower; shows progress) instead of a sample")
    private boolean full;

    @Option(names = "--quiet", description = "no progress bar with --full")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (sampleRows < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sample-rows must be at least 1, not " + sampleRows);
        }
        List<Path> inputs = InputFiles.expand(files);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var progress = new ProgressBar(err, quiet || !full, "MB", 1_000_000);
        Inspection inspection;
        try {
            inspection = Inspector.inspect(inputs, new Inspector.Options(sampleRows, Inspector.Options.DEFAULT_BYTES, full), progress::update);
        } finally {
            progress.done();
        }
        o.print(inspection.text());
        o.flush(); // print() does not flush, and nothing after it may
        if (out != null) {
            String name = baseName(inputs.getFirst());
            String yaml = inspection.schemaFile(name, out.toString(), out.toString());
            AtomicFile.write(out, yaml.getBytes(StandardCharsets.UTF_8));
            o.println("wrote " + out + (inspection.hasDateOrMonth() ? "" : " (with the date left for you to name)"));
        }
        if (!inspection.hasDateOrMonth()) {
            err.println(inputs.getFirst() + ": no column holds dates or months, and the report needs one (date or month): "
                    + "name it in the schema (concepts: date: {column: NAME} or month: {column: NAME})");
            return 1;
        }
        return 0;
    }

    /** {@code dealer} for {@code exports/dealer.csv.gz}. */
    static String baseName(Path file) {
        String name = file.getFileName().toString();
        for (String ext : List.of(".gz", ".csv", ".tsv", ".txt")) {
            if (name.toLowerCase().endsWith(ext)) {
                name = name.substring(0, name.length() - ext.length());
            }
        }
        return name.isEmpty() ? "sales" : name;
    }
}
