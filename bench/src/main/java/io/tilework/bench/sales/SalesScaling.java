package io.tilework.bench.sales;

import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.pool.Pools;
import io.tilework.sales.SalesReportJob;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.report.Recognition;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the sales report scales with threads once the JIT compiler is done: in one JVM, the whole
 * report (scan, duplicates, rejects, KPIs, files) with 1 thread and with 2, alternately, several
 * rounds; prints each round's wall time. On a 2-core machine a cold process cannot show this: the
 * compiler needs seconds of CPU at start, which a 1-thread run takes from the idle core for free.
 * Arguments: CSV OUT ROUNDS.
 */
public final class SalesScaling {

    private SalesScaling() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        for (int round = 1; round <= rounds; round++) {
            for (int threads : new int[] {1, 2}) {
                try (Engine engine = Engine.builder().pool(Pools.cpu(threads)).build()) {
                    long start = System.nanoTime();
                    SalesReportJob.run(engine, new SalesReportJob.Request(List.of(csv), out, null, Recognition.BOOKED,
                            SalesScan.Options.defaults()), JobContext.Progress.NONE);
                    System.out.printf(Locale.ROOT, "round %d threads %d %.3f s%n", round, threads, (System.nanoTime() - start) / 1e9);
                }
            }
        }
    }
}
