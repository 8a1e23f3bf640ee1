package io.tilework.cluster;

import io.tilework.engine.Codec;
import io.tilework.engine.Engine;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Empty chunks ({@link ClusterFunctions#ECHO}) sent through a cluster as a job's would be: the cost of
 * a remote chunk itself, one at a time (latency) and many at once (throughput), and who answered.
 */
public final class ClusterPing {

    /** Round trips of {@code count} empty chunks, one at a time, then {@code count} more all at once. */
    public record Result(int count, double meanMillis, double p50Millis, double p99Millis, double maxMillis, double chunksPerSecond,
                         Map<String, Long> byMember) {
    }

    private static final Codec<String> TEXT = Codec.of(s -> s.getBytes(StandardCharsets.UTF_8), b -> new String(b, StandardCharsets.UTF_8));

    private ClusterPing() {
    }

    /** Joins as a coordinator, sends the chunks, leaves. Fails if no worker answers within a minute. */
    public static Result run(ClusterSettings settings, int count) throws Exception {
        if (count < 1) {
            throw new ClusterRequestInvalid("--count must be at least 1, not " + count);
        }
        ClusterPool pool = ClusterPool.join(settings, "cluster ping", 1, null, ClusterPool.Listener.NONE);
        try (Engine engine = Engine.builder().pool(pool).build()) {
            String run = UUID.randomUUID().toString();
            echo(engine, run, -1).get(60, TimeUnit.SECONDS); // the first one waits for a worker and warms both ends
            double[] millis = new double[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                echo(engine, run, i).get(60, TimeUnit.SECONDS);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            long start = System.nanoTime();
            var all = new ArrayList<CompletableFuture<String>>();
            for (int i = 0; i < count; i++) {
                all.add(echo(engine, run, count + i));
            }
            for (CompletableFuture<String> future : all) {
                future.get(120, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(millis);
            return new Result(count, Arrays.stream(millis).average().orElse(0), percentile(millis, 50), percentile(millis, 99),
                    millis[count - 1], count / seconds, pool.doneByMember());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ClusterRequestInvalid("no worker of cluster '" + settings.clusterName() + "' answered within a minute; "
                    + "is one running, and does one take kind " + ClusterFunctions.ECHO + "?");
        }
    }

    private static CompletableFuture<String> echo(Engine engine, String run, int i) {
        return engine.submit(Task.<String>builder(new TaskKey(ClusterFunctions.ECHO, 1, run, Integer.toString(i))).codec(TEXT)
                .remote(ClusterFunctions.ECHO, Map.of("text", Integer.toString(i)))
                .compute((in, cancel) -> Integer.toString(i)));
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
