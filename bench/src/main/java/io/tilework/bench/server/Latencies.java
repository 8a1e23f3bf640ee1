package io.tilework.bench.server;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in milliseconds, added from any thread; percentiles by nearest rank. */
final class Latencies {

    private double[] values = new double[1024];
    private int count;

    synchronized void add(double millis) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = millis;
    }

    synchronized int count() {
        return count;
    }

    /** The p-th percentile (0 < p <= 100), NaN with no samples. */
    synchronized double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.clamp(rank - 1, 0, count - 1)];
    }

    /** {@code PREFIXp50_ms=.. PREFIXp99_ms=.. PREFIXmax_ms=..}, for the scripts to read. */
    String summary(String prefix) {
        return String.format(Locale.ROOT, "%sp50_ms=%.1f %sp99_ms=%.1f %smax_ms=%.1f", prefix, percentile(50), prefix, percentile(99),
                prefix, percentile(100));
    }
}
