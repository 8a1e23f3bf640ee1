package io.tilework.bench.engine;

import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * The benchmark DAG, one shape and one amount of work for both implementations: {@code requests}
 * requests, each the sum of {@code leaves} leaf tasks; a leaf fills a fresh {@code long[longs]}
 * with a pseudo-random sequence (SplitMix64), a request adds its leaves' arrays element-wise into a
 * fresh array. The consumer takes the requests in order, at most {@code lookahead} requests ahead
 * of it being worked on, and folds each result into a checksum that both implementations must
 * agree on.
 *
 * <p>With the defaults (1,000 x 1,000 leaves of 1,024 longs) that is 1,001,000 tasks, every leaf
 * result 8 KiB (8,208 bytes with the array header, which is what the tasks declare as
 * {@code estimatedBytes}), 8 MiB of leaf results per request and 8 GiB over the run.
 */
record Dag(int requests, int leaves, int longs, int lookahead) {

    static final Dag DEFAULT = new Dag(1_000, 1_000, 1_024, 4);

    Dag {
        if (requests < 1 || leaves < 1 || longs < 1 || lookahead < 1) {
            throw new IllegalArgumentException("every dimension of the DAG must be positive: " + requests + " requests x "
                    + leaves + " leaves x " + longs + " longs, lookahead " + lookahead);
        }
    }

    long tasks() {
        return (long) requests * (leaves + 1);
    }

    /** What a leaf's or a request's result takes on the heap: a long[] with its 16-byte header. */
    long resultBytes() {
        return 16L + 8L * longs;
    }

    // ---- the work, shared by both implementations ----------------------------------------------

    static long[] leaf(long seed, int longs) {
        long[] values = new long[longs];
        long x = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < longs; i++) {
            x += 0x9E3779B97F4A7C15L;
            long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            values[i] = z ^ (z >>> 31);
        }
        return values;
    }

    static void addInto(long[] sum, long[] values) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    static long fold(long checksum, long[] sum) {
        long h = checksum;
        for (long value : sum) {
            h = h * 31 + value;
        }
        return h;
    }

    long seed(int request, int leaf) {
        return (long) request * leaves + leaf;
    }

    // ---- Tilework ------------------------------------------------------------------------------

    /** The requests as tasks on {@code pool}; each describes its leaves only when the engine asks. */
    List<Task<long[]>> tasks(String pool) {
        long bytes = resultBytes();
        return IntStream.range(0, requests).mapToObj(r -> Task.<long[]>builder(TaskKey.of("bench.dag.request", 1, "r" + r))
                .inputs(() -> leafTasks(r, pool, bytes))
                .pool(pool)
                .estimatedBytes(bytes)
                .compute((inputs, cancel) -> {
                    long[] sum = new long[longs];
                    for (int i = 0; i < inputs.size(); i++) {
                        addInto(sum, inputs.get(i));
                    }
                    return sum;
                })).toList();
    }

    private List<Task<?>> leafTasks(int request, String pool, long bytes) {
        var tasks = new ArrayList<Task<?>>(leaves);
        for (int j = 0; j < leaves; j++) {
            long seed = seed(request, j);
            tasks.add(Task.<long[]>builder(TaskKey.of("bench.dag.leaf", 1, "r" + request + "/l" + j))
                    .pool(pool)
                    .estimatedBytes(bytes)
                    .compute((inputs, cancel) -> leaf(seed, longs)));
        }
        return tasks;
    }

    /** Consumes a stream of {@link #tasks} in order; returns the checksum. */
    static long consume(ResultStream<long[]> stream) {
        long checksum = 0;
        while (stream.hasNext()) {
            checksum = fold(checksum, stream.next());
        }
        return checksum;
    }

    // ---- plain CompletableFutures --------------------------------------------------------------

    /**
     * The same DAG on CompletableFutures: a request's leaves are {@code supplyAsync} on
     * {@code executor}, its sum an {@code allOf(...).thenApplyAsync} on the same executor; at most
     * {@code lookahead} requests are launched ahead of the one the consumer waits for.
     */
    long runOnFutures(Executor executor) {
        var window = new ArrayDeque<CompletableFuture<long[]>>(lookahead);
        int launched = 0;
        long checksum = 0;
        for (int r = 0; r < requests; r++) {
            while (launched < requests && launched < r + lookahead) {
                window.add(launch(launched++, executor));
            }
            checksum = fold(checksum, window.poll().join());
        }
        return checksum;
    }

    private CompletableFuture<long[]> launch(int request, Executor executor) {
        @SuppressWarnings("unchecked")
        CompletableFuture<long[]>[] parts = (CompletableFuture<long[]>[]) new CompletableFuture<?>[leaves];
        for (int j = 0; j < leaves; j++) {
            long seed = seed(request, j);
            parts[j] = CompletableFuture.supplyAsync(() -> leaf(seed, longs), executor);
        }
        return CompletableFuture.allOf(parts).thenApplyAsync(done -> {
            long[] sum = new long[longs];
            for (CompletableFuture<long[]> part : parts) {
                addInto(sum, part.join());
            }
            return sum;
        }, executor);
    }

    /** The checksum computed directly on one thread, for checking both implementations. */
    long expectedChecksum() {
        long checksum = 0;
        for (int r = 0; r < requests; r++) {
            long[] sum = new long[longs];
            for (int j = 0; j < leaves; j++) {
                addInto(sum, leaf(seed(r, j), longs));
            }
            checksum = fold(checksum, sum);
        }
        return checksum;
    }
}
