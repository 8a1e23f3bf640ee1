package io.tilework.sales.inspect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * How many distinct values a column has: exact up to {@value #EXACT} values (with each value's
 * count), then estimated from the {@value #K} smallest 64-bit hashes seen (a k-minimum-values sketch:
 * relative error about 1/sqrt(k), 3 %), so memory stays bounded on a whole file.
 */
final class DistinctCount {

    static final int EXACT = 4096;
    static final int K = 1024;

    private Map<String, Long> counts = new LinkedHashMap<>();
    private final TreeSet<Long> smallest = new TreeSet<>();

    void add(String value) {
        long h = hash(value);
        if (smallest.size() < K) {
            smallest.add(h);
        } else if (h < smallest.last() && smallest.add(h)) {
            smallest.pollLast();
        }
        if (counts != null) {
            counts.merge(value, 1L, Long::sum);
            if (counts.size() > EXACT) {
                counts = null;
            }
        }
    }

    boolean exact() {
        return counts != null;
    }

    long count() {
        if (counts != null) {
            return counts.size();
        }
        double kth = (double) smallest.last() / Long.MAX_VALUE; // hashes are in [0, 2^63)
        return Math.round((K - 1) / kth);
    }

    /** Each value with its count, while the count is exact; empty after. */
    Map<String, Long> values() {
        return counts == null ? Map.of() : counts;
    }

    /** FNV-1a over the characters, then a 64-bit finaliser (from SplitMix64), made non-negative. */
    static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return (h ^ (h >>> 31)) >>> 1;
    }
}
