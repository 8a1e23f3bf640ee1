package io.tilework.app.sales;

import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.generate.SalesGenerator;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tilework sales generate --rows N --seed S --out FILE}: realistic transactions, some of them bad on purpose. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes realistic transactions of a dealer in five cities (Paris, Lyon, Marseille, Toulouse and Bordeaux "
                + "opening later), 2023-2024, with seasonality, 22 models and a share of bad rows. The same seed gives the same file.")
public final class SalesGenerateCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "data rows to write")
    private long rows;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the CSV to write (gzip if it ends with .gz)")
    private Path out;

    @Option(names = "--bad-fraction", defaultValue = "0.01", paramLabel = "F",
            description = "share of bad rows, 0 to 0.5 (default ${DEFAULT-VALUE}), each with one defect")
    private double badFraction;

    @Override
    public Integer call() throws Exception {
        SalesGenerator.Options options;
        try {
            options = new SalesGenerator.Options(rows, seed, badFraction);
        } catch (SalesInputInvalid e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long start = System.nanoTime();
        Map<RejectReason, Long> bad = new EnumMap<>(RejectReason.class);
        SalesGenerator.Summary summary = SalesGenerator.write(out, options, (line, reason) -> bad.merge(reason, 1L, Long::sum));
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d rows (%d bad: %s), %.1f MB, %.2f s%n", out, summary.rows(),
                summary.badRows(), bad, summary.bytes() / 1e6, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
