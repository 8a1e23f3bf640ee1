package io.tilework.bench.engine;

import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.engine.pool.Pools;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's cost per task when the task itself costs nothing: {@value #TASKS} independent
 * tasks that return a constant, taken in order from one stream with a lookahead of
 * {@value #LOOKAHEAD} (or submitted as futures, at most {@value #LOOKAHEAD} outstanding). The
 * score is microseconds per task; its inverse is the throughput in tasks per second.
 *
 * <p>Pools: {@code inline} runs each task on the thread that made it ready (here the consumer),
 * so everything happens on one thread; {@code cpu-1} and {@code cpu-2} replace the engine's "cpu"
 * pool with one of one or two platform threads, the consumer thread taking results as they come.
 * The budget (1 GiB) is far above what trivial results declare (0 bytes), so it never holds
 * anything back.
 *
 * {@snippet lang="shell" :
 * java -cp bench/target/tilework-bench.jar org.openjdk.jmh.Main SchedulingBenchmark
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SchedulingBenchmark {

    static final int TASKS = 100_000;
    static final int LOOKAHEAD = 1_024;

    @Param({"inline", "cpu-1", "cpu-2"})
    public String pool;

    private Engine engine;
    private List<Task<Long>> tasks;

    @Setup
    public void setUp() {
        var builder = Engine.builder().budgetBytes(1L << 30);
        String poolName = switch (pool) {
            case "inline" -> "inline";
            case "cpu-1" -> {
                builder.pool(Pools.cpu(1));
                yield "cpu";
            }
            case "cpu-2" -> {
                builder.pool(Pools.cpu(2));
                yield "cpu";
            }
            default -> throw new IllegalArgumentException("unknown pool parameter '" + pool + "': inline, cpu-1 or cpu-2");
        };
        engine = builder.build();
        tasks = IntStream.range(0, TASKS)
                .mapToObj(i -> Task.<Long>builder(TaskKey.of("bench.trivial", 1, Integer.toString(i)))
                        .pool(poolName)
                        .compute((inputs, cancel) -> 1L))
                .toList();
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    /** An ordered stream over every task. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long stream() {
        long sum = 0;
        try (ResultStream<Long> results = engine.stream(tasks, LOOKAHEAD)) {
            while (results.hasNext()) {
                sum += results.next();
            }
        }
        return check(sum);
    }

    /** Every task as its own {@code submit()}, at most LOOKAHEAD futures outstanding, joined in order. */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long submit() {
        var window = new ArrayDeque<CompletableFuture<Long>>(LOOKAHEAD);
        long sum = 0;
        for (Task<Long> task : tasks) {
            if (window.size() == LOOKAHEAD) {
                sum += window.poll().join();
            }
            window.add(engine.submit(task));
        }
        while (!window.isEmpty()) {
            sum += window.poll().join();
        }
        return check(sum);
    }

    private static long check(long sum) {
        if (sum != TASKS) {
            throw new IllegalStateException("expected " + TASKS + " results of 1, got a sum of " + sum);
        }
        return sum;
    }
}
