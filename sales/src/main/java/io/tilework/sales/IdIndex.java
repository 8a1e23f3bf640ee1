package io.tilework.sales;

import java.util.List;

/**
 * The transaction ids of accepted rows as 64-bit hashes, sorted, each with where its row is
 * ({@code file << 40 | byte offset}) and its line within its split. Sorted runs of splits merge in
 * linear time in the reduce tree; equal hashes at the root are the only candidates for duplicates,
 * which are then confirmed on the ids themselves (a hash collision is not a duplicate).
 * 20 bytes per row: the only state of a run that grows with the input.
 */
final class IdIndex {

    final long[] hashes;
    final long[] positions;
    final int[] lines;
    final int size;

    private IdIndex(long[] hashes, long[] positions, int[] lines, int size) {
        this.hashes = hashes;
        this.positions = positions;
        this.lines = lines;
        this.size = size;
    }

    static long position(int file, long offset) {
        return ((long) file << 40) | offset;
    }

    static int file(long position) {
        return (int) (position >>> 40);
    }

    static long offset(long position) {
        return position & ((1L << 40) - 1);
    }

    /** Sorts the first {@code size} entries by hash (a stable radix sort, so equal hashes stay in row order). */
    static IdIndex sort(long[] hashes, long[] positions, int[] lines, int size) {
        int[] order = new int[size];
        int[] buffer = new int[size];
        long[] keys = new long[size];
        long[] keyBuffer = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
            keys[i] = hashes[i] ^ Long.MIN_VALUE; // unsigned order of the flipped sign = signed order
        }
        int[] counts = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < size; i++) {
                counts[(int) ((keys[i] >>> shift) & 0xff) + 1]++;
            }
            for (int b = 0; b < 256; b++) {
                counts[b + 1] += counts[b];
            }
            for (int i = 0; i < size; i++) {
                int at = counts[(int) ((keys[i] >>> shift) & 0xff)]++;
                buffer[at] = order[i];
                keyBuffer[at] = keys[i];
            }
            int[] o = order;
            order = buffer;
            buffer = o;
            long[] k = keys;
            keys = keyBuffer;
            keyBuffer = k;
        }
        long[] sortedHashes = new long[size];
        long[] sortedPositions = new long[size];
        int[] sortedLines = new int[size];
        for (int i = 0; i < size; i++) {
            sortedHashes[i] = hashes[order[i]];
            sortedPositions[i] = positions[order[i]];
            sortedLines[i] = lines[order[i]];
        }
        return new IdIndex(sortedHashes, sortedPositions, sortedLines, size);
    }

    /** One sorted index of all of {@code parts}. */
    static IdIndex merge(List<IdIndex> parts) {
        int total = 0;
        for (IdIndex part : parts) {
            total += part.size;
        }
        long[] hashes = new long[total];
        long[] positions = new long[total];
        int[] lines = new int[total];
        int[] next = new int[parts.size()];
        for (int out = 0; out < total; out++) {
            int best = -1;
            for (int p = 0; p < parts.size(); p++) {
                IdIndex part = parts.get(p);
                if (next[p] < part.size && (best < 0 || part.hashes[next[p]] < parts.get(best).hashes[next[best]])) {
                    best = p;
                }
            }
            IdIndex from = parts.get(best);
            int i = next[best]++;
            hashes[out] = from.hashes[i];
            positions[out] = from.positions[i];
            lines[out] = from.lines[i];
        }
        return new IdIndex(hashes, positions, lines, total);
    }

    static IdIndex empty() {
        return new IdIndex(new long[0], new long[0], new int[0], 0);
    }
}
