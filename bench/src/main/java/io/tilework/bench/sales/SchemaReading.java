package io.tilework.bench.sales;

import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.sales.SalesReportJob;
import io.tilework.sales.input.Splits;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.report.Recognition;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What reading through a schema file costs, once the JIT compiler is done: in one JVM, the whole
 * report of the same rows alternately from our layout through the built-in schema (the reader's
 * byte fast paths) and from {@link ForeignDialect}'s file through its schema file (decoded fields,
 * dd/MM/yyyy, 12.345,67, S/R), several rounds; prints each run's wall time. The first round warms up.
 * Arguments: BUILTIN_CSV FOREIGN_CSV FOREIGN_SCHEMA OUT ROUNDS.
 */
public final class SchemaReading {

    private SchemaReading() {
    }

    public static void main(String[] args) throws Exception {
        Path builtinCsv = Path.of(args[0]);
        Path foreignCsv = Path.of(args[1]);
        SalesSchema foreign = SchemaFile.read(Path.of(args[2]));
        Path out = Path.of(args[3]);
        int rounds = Integer.parseInt(args[4]);
        try (Engine engine = Engine.builder().build()) {
            for (int round = 1; round <= rounds; round++) {
                run(engine, round, "builtin", builtinCsv, SchemaFile.builtIn(), out.resolve("builtin"));
                run(engine, round, "schema", foreignCsv, foreign, out.resolve("schema"));
            }
        }
    }

    private static void run(Engine engine, int round, String kind, Path csv, SalesSchema schema, Path out) throws Exception {
        long start = System.nanoTime();
        var summary = SalesReportJob.run(engine, new SalesReportJob.Request(List.of(csv), out, null, Recognition.BOOKED,
                new SalesScan.Options(schema, Splits.DEFAULT_BYTES, false, 5)), JobContext.Progress.NONE);
        System.out.printf(Locale.ROOT, "round %d %s %.3f s %d accepted%n", round, kind, (System.nanoTime() - start) / 1e9,
                summary.input().accepted());
    }
}
