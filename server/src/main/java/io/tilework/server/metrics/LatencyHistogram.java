package io.tilework.server.metrics;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/** Request durations in Prometheus's cumulative buckets (seconds). */
public final class LatencyHistogram {

    static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
    private final DoubleAdder sum = new DoubleAdder();

    public void record(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS.length && seconds > BOUNDS[i]) {
            i++;
        }
        buckets.incrementAndGet(i);
        sum.add(seconds);
    }

    /** The histogram's lines for metric {@code name} with {@code labels} (e.g. {@code route="/api/jobs"}). */
    void write(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += buckets.get(i);
            out.append(name).append("_bucket{").append(labels).append(",le=\"").append(String.format(Locale.ROOT, "%s", BOUNDS[i]))
                    .append("\"} ").append(cumulative).append('\n');
        }
        cumulative += buckets.get(BOUNDS.length);
        out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append(name).append("_sum{").append(labels).append("} ").append(String.format(Locale.ROOT, "%.6f", sum.sum())).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
    }
}
