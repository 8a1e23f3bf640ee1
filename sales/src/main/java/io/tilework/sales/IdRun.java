package io.tilework.sales;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One split's transaction ids, as a file of 24-byte records sorted by the id's 64-bit hash: the
 * hash, where the row is ({@code file << 40 | byte offset}), the split and the row's line in the
 * split. The ids of a large input are the one thing that grows with it, so they live on disk and
 * the root streams all runs at once, holding one buffer per split.
 */
record IdRun(Path file, int entries) {

    static final int RECORD = 24;
    private static final int BUFFER_RECORDS = 2730; // 64 KiB

    /** One accepted row's id entry. */
    record Entry(long hash, long position, int split, int line) {

        int fileIndex() {
            return (int) (position >>> 40);
        }

        long offset() {
            return position & ((1L << 40) - 1);
        }
    }

    static long position(int file, long offset) {
        return ((long) file << 40) | offset;
    }

    /** Sorts the first {@code size} entries by hash (stably: equal hashes stay in row order) and writes them. */
    static IdRun write(Path path, int split, long[] hashes, long[] positions, int[] lines, int size) throws IOException {
        int[] order = sortedOrder(hashes, size);
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_RECORDS * RECORD);
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (int i : order) {
                if (!buffer.hasRemaining()) {
                    drain(buffer, out);
                }
                buffer.putLong(hashes[i]).putLong(positions[i]).putInt(split).putInt(lines[i]);
            }
            drain(buffer, out);
        }
        return new IdRun(path, size);
    }

    private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    /** A stable LSD radix sort on the hashes' signed order; returns the permutation. */
    static int[] sortedOrder(long[] hashes, int size) {
        int[] order = new int[size];
        int[] orderBuffer = new int[size];
        long[] keys = new long[size];
        long[] keyBuffer = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
            keys[i] = hashes[i] ^ Long.MIN_VALUE; // flipping the sign bit makes unsigned byte order the signed order
        }
        int[] counts = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < size; i++) {
                counts[(int) ((keys[i] >>> shift) & 0xff) + 1]++;
            }
            for (int b = 0; b < 256; b++) {
                counts[b + 1] += counts[b];
            }
            for (int i = 0; i < size; i++) {
                int at = counts[(int) ((keys[i] >>> shift) & 0xff)]++;
                orderBuffer[at] = order[i];
                keyBuffer[at] = keys[i];
            }
            int[] o = order;
            order = orderBuffer;
            orderBuffer = o;
            long[] k = keys;
            keys = keyBuffer;
            keyBuffer = k;
        }
        return order;
    }

    /** Receives each group of two or more entries with one hash, in hash order. */
    @FunctionalInterface
    interface GroupHandler {
        void group(List<Entry> equalHashes) throws IOException;
    }

    /** Streams every run in hash order (a k-way merge) and hands over the groups of equal hashes. */
    static void equalHashes(List<IdRun> runs, GroupHandler handler) throws IOException {
        var readers = new ArrayList<Reader>(runs.size());
        try {
            for (IdRun run : runs) {
                if (run.entries() > 0) {
                    readers.add(new Reader(run.file()));
                }
            }
            var heap = new ReaderHeap(readers);
            var group = new ArrayList<Entry>();
            boolean hasPrevious = false;
            long previousHash = 0;
            long previousPosition = 0;
            int previousSplit = 0;
            int previousLine = 0;
            while (!heap.isEmpty()) {
                Reader top = heap.top();
                long hash = top.hash();
                if (hasPrevious && hash == previousHash) {
                    if (group.isEmpty()) {
                        group.add(new Entry(previousHash, previousPosition, previousSplit, previousLine));
                    }
                    group.add(top.entry());
                } else if (!group.isEmpty()) {
                    handler.group(List.copyOf(group));
                    group.clear();
                }
                hasPrevious = true;
                previousHash = hash;
                previousPosition = top.position();
                previousSplit = top.split();
                previousLine = top.line();
                if (top.advance()) {
                    heap.siftDownTop();
                } else {
                    heap.removeTop();
                }
            }
            if (!group.isEmpty()) {
                handler.group(List.copyOf(group));
            }
        } finally {
            for (Reader reader : readers) {
                reader.channel.close();
            }
        }
    }

    /** Reads one run in order through a 64 KiB buffer. */
    private static final class Reader {
        final FileChannel channel;
        final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_RECORDS * RECORD);
        private boolean started;

        Reader(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            buffer.limit(0);
            if (!advance()) {
                throw new IOException(file + ": an empty id run");
            }
        }

        long hash() {
            return buffer.getLong(buffer.position());
        }

        long position() {
            return buffer.getLong(buffer.position() + 8);
        }

        int split() {
            return buffer.getInt(buffer.position() + 16);
        }

        int line() {
            return buffer.getInt(buffer.position() + 20);
        }

        Entry entry() {
            return new Entry(hash(), position(), split(), line());
        }

        /** Moves to the next record; false at the end. The first call moves to the first record. */
        boolean advance() throws IOException {
            if (started) {
                buffer.position(buffer.position() + RECORD);
            }
            started = true;
            if (buffer.remaining() >= RECORD) {
                return true;
            }
            buffer.compact();
            while (buffer.position() < RECORD) {
                if (channel.read(buffer) < 0) {
                    break;
                }
            }
            buffer.flip();
            return buffer.remaining() >= RECORD;
        }
    }

    /** A binary min-heap of readers by their current hash. */
    private static final class ReaderHeap {
        private final Reader[] heap;
        private int size;

        ReaderHeap(List<Reader> readers) {
            heap = readers.toArray(new Reader[0]);
            size = heap.length;
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        Reader top() {
            return heap[0];
        }

        void removeTop() {
            heap[0] = heap[--size];
            heap[size] = null;
            if (size > 0) {
                siftDown(0);
            }
        }

        void siftDownTop() {
            siftDown(0);
        }

        private void siftDown(int i) {
            Reader moving = heap[i];
            long key = moving.hash();
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1].hash() < heap[child].hash()) {
                    child++;
                }
                if (heap[child].hash() >= key) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = moving;
        }
    }
}
