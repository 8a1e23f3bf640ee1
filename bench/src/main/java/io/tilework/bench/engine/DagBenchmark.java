package io.tilework.bench.engine;

import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.pool.Pools;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole {@link Dag} (1,000 requests x 1,000 leaves: 1,001,000 tasks), once per operation, on
 * Tilework and on plain CompletableFutures, with the same parallelism (two threads: the engine's
 * "cpu" pool of two, a {@code ForkJoinPool(2)}), the same work per task, the same lookahead
 * (4 requests, the engine's default on two cores, and 16) and the same heap. Tilework runs with a
 * 64 MiB budget; this DAG never needs that much (see {@link DagMemoryProbe}), so the budget does
 * not slow it down.
 *
 * {@snippet lang="shell" :
 * java -cp bench/target/tilework-bench.jar org.openjdk.jmh.Main DagBenchmark
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DagBenchmark {

    static final int THREADS = 2;
    static final long BUDGET_BYTES = 64L << 20;

    @Param({"tilework", "futures"})
    public String impl;

    /** Requests worked on ahead of the consumer, for both: 4 is the engine's default on two cores. */
    @Param({"4", "16"})
    public int lookahead;

    private Dag dag;
    private Engine engine;
    private List<Task<long[]>> requests;
    private ForkJoinPool forkJoin;

    @Setup
    public void setUp() {
        dag = new Dag(Dag.DEFAULT.requests(), Dag.DEFAULT.leaves(), Dag.DEFAULT.longs(), lookahead);
        switch (impl) {
            case "tilework" -> {
                engine = Engine.builder().pool(Pools.cpu(THREADS)).budgetBytes(BUDGET_BYTES).build();
                requests = dag.tasks("cpu");
            }
            case "futures" -> forkJoin = new ForkJoinPool(THREADS);
            default -> throw new IllegalArgumentException("unknown impl '" + impl + "': tilework or futures");
        }
    }

    @TearDown
    public void tearDown() {
        if (engine != null) {
            engine.close();
        }
        if (forkJoin != null) {
            forkJoin.close();
        }
    }

    @Benchmark
    public long run() {
        if (engine != null) {
            try (ResultStream<long[]> stream = engine.stream(requests, dag.lookahead())) {
                return Dag.consume(stream);
            }
        }
        return dag.runOnFutures(forkJoin);
    }
}
