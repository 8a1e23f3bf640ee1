package io.tilework.sales.input;

import java.util.Arrays;

/**
 * Large working arrays kept per thread and reused by the next split the thread maps: a split
 * needs megabytes of them, and allocating them afresh for each split keeps the collector busy on
 * the core the other map task needs.
 */
public final class Scratch {

    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

    /** The line scanner's buffer: 1 MiB, doubled for a longer line up to the maximum line size. */
    byte[] lines = new byte[1 << 20];
    public long[] hashes = new long[1 << 14];
    public long[] positions = new long[1 << 14];
    public int[] lineNumbers = new int[1 << 14];
    int[] order = new int[1 << 14];
    /**
     * Where id records are put before they are written: outside the heap, so that the channel writes it as it is
     * (a heap buffer is copied to one like it first, on every write).
     */
    private java.nio.ByteBuffer records;

    public static Scratch ofThisThread() {
        return OF_THREAD.get();
    }

    /** Makes room for {@code size} id entries, keeping those there. */
    public void ensureIds(int size) {
        if (hashes.length < size) {
            int capacity = Math.max(size, hashes.length * 2);
            hashes = Arrays.copyOf(hashes, capacity);
            positions = Arrays.copyOf(positions, capacity);
            lineNumbers = Arrays.copyOf(lineNumbers, capacity);
        }
    }

    /** A buffer of {@code bytes} outside the heap in {@code order}, cleared: the same one each time on this thread. */
    public java.nio.ByteBuffer records(int bytes, java.nio.ByteOrder order) {
        if (records == null || records.capacity() != bytes) {
            records = java.nio.ByteBuffer.allocateDirect(bytes);
        }
        return records.clear().order(order);
    }

    public int[] order(int size) {
        if (order.length < size) {
            order = new int[Math.max(size, order.length * 2)];
        }
        return order;
    }
}
