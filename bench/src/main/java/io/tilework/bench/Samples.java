package io.tilework.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Measured durations of one kind of run, in nanoseconds, in the order they were taken. */
record Samples(List<Long> nanos) {

    Samples {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        nanos = List.copyOf(nanos);
    }

    double medianMillis() {
        long[] sorted = sorted();
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return median / 1e6;
    }

    double minMillis() {
        return sorted()[0] / 1e6;
    }

    /** Every sample in milliseconds, as taken. */
    String allMillis() {
        return nanos.stream().map(n -> "%.1f".formatted(n / 1e6)).collect(Collectors.joining(" "));
    }

    private long[] sorted() {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return values;
    }
}
