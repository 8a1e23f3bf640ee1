package io.tilework.sales.map;

import io.tilework.sales.input.Scratch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One split's transaction ids, as a file of 24-byte records: the id's 64-bit hash, where the row
 * is ({@code file << 40 | byte offset}), the split and the row's line in the split. Records are
 * grouped by the hash's top byte into {@value #PARTITIONS} partitions, in row order within each.
 * Equal ids have equal hashes, so they meet in one partition: the duplicate check takes one
 * partition of every run at a time, and partitions can be checked in parallel. The ids of a large
 * input are the one thing that grows with it, so they live on disk.
 *
 * @param partitionStarts where each partition begins, in records; {@code PARTITIONS + 1} entries
 */
public record IdRun(Path file, int entries, int[] partitionStarts) {

    public static final int RECORD = 24;
    public static final int PARTITIONS = 256;
    private static final int BUFFER_RECORDS = 2730; // 64 KiB
    /**
     * Little-endian: cluster workers write these files on a shared disk for the coordinator to read, so the order is
     * fixed rather than each machine's own (x86 and ARM are little-endian: no bytes swapped there).
     */
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** One accepted row's id entry. */
    public record Entry(long hash, long position, int split, int line) {

        public int fileIndex() {
            return (int) (position >>> 40);
        }

        public long offset() {
            return position & ((1L << 40) - 1);
        }
    }

    public static long position(int file, long offset) {
        return ((long) file << 40) | offset;
    }

    static int partition(long hash) {
        return (int) (hash >>> 56);
    }

    /** Groups the first {@code size} entries by partition (a counting sort: one pass, row order kept) and writes them. */
    public static IdRun write(Path path, int split, long[] hashes, long[] positions, int[] lines, int size) throws IOException {
        int[] starts = new int[PARTITIONS + 1];
        for (int i = 0; i < size; i++) {
            starts[partition(hashes[i]) + 1]++;
        }
        for (int p = 0; p < PARTITIONS; p++) {
            starts[p + 1] += starts[p];
        }
        int[] order = Scratch.ofThisThread().order(size);
        int[] next = Arrays.copyOf(starts, PARTITIONS);
        for (int i = 0; i < size; i++) {
            order[next[partition(hashes[i])]++] = i;
        }
        ByteBuffer buffer = Scratch.ofThisThread().records(BUFFER_RECORDS * RECORD, ORDER);
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (int k = 0; k < size; k++) {
                int i = order[k];
                if (!buffer.hasRemaining()) {
                    drain(buffer, out);
                }
                buffer.putLong(hashes[i]).putLong(positions[i]).putInt(split).putInt(lines[i]);
            }
            drain(buffer, out);
        }
        return new IdRun(path, size, starts);
    }

    private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    /**
     * The groups of two or more entries with one hash among partitions {@code [from, to)} of all
     * {@code runs}; a group's entries are in run order, then row order.
     */
    public static List<List<Entry>> equalHashes(List<IdRun> runs, int from, int to) throws IOException {
        var groups = new ArrayList<List<Entry>>();
        var channels = new FileChannel[runs.size()];
        try {
            for (int r = 0; r < runs.size(); r++) {
                channels[r] = FileChannel.open(runs.get(r).file(), StandardOpenOption.READ);
            }
            // one buffer and one table for the task's largest partition, reused for each: a partition of a large
            // input is megabytes, and a fresh one per partition keeps the collector busy
            int largest = 0;
            for (int p = from; p < to; p++) {
                largest = Math.max(largest, records(runs, p));
            }
            // outside the heap: the channel reads into it as it is (into a heap buffer it reads elsewhere, then copies)
            var buffers = new Buffers(ByteBuffer.allocateDirect(largest * RECORD).order(ORDER), new int[tableCapacity(largest)]);
            for (int p = from; p < to; p++) {
                groups.addAll(equalHashes(runs, channels, p, buffers));
            }
        } finally {
            for (FileChannel channel : channels) {
                if (channel != null) {
                    channel.close();
                }
            }
        }
        return groups;
    }

    /** A task's working memory, sized for its largest partition. */
    private record Buffers(ByteBuffer records, int[] table) {
    }

    /** The records of {@code partition} in all runs. */
    private static int records(List<IdRun> runs, int partition) {
        int total = 0;
        for (IdRun run : runs) {
            total += run.partitionStarts[partition + 1] - run.partitionStarts[partition];
        }
        return total;
    }

    /** Slots for {@code records}: a power of two, at least twice as many. */
    private static int tableCapacity(int records) {
        return Integer.highestOneBit(Math.max(16, records * 2 - 1)) << 1;
    }

    private static List<List<Entry>> equalHashes(List<IdRun> runs, FileChannel[] channels, int partition, Buffers buffers)
            throws IOException {
        int total = records(runs, partition);
        ByteBuffer records = read(runs, channels, partition, buffers.records());
        // An open-addressing table of record numbers by hash; the hash bits below the partition's byte are already uniform.
        int capacity = tableCapacity(total);
        int mask = capacity - 1;
        int[] table = buffers.table();
        Arrays.fill(table, 0, capacity, -1);
        int[] nextEqual = null; // chains of records with one hash, only when there are any
        int[] firstOfGroup = new int[8];
        int groups = 0;
        for (int i = 0; i < total; i++) {
            long hash = records.getLong(i * RECORD);
            int slot = (int) hash & mask;
            while (true) {
                int other = table[slot];
                if (other < 0) {
                    table[slot] = i;
                    break;
                }
                if (records.getLong(other * RECORD) == hash) {
                    if (nextEqual == null) {
                        nextEqual = new int[total];
                        Arrays.fill(nextEqual, -1);
                    }
                    int tail = other; // the table holds a hash's first record: the head of its group
                    if (nextEqual[tail] < 0) {
                        if (groups == firstOfGroup.length) {
                            firstOfGroup = Arrays.copyOf(firstOfGroup, groups * 2);
                        }
                        firstOfGroup[groups++] = tail;
                    }
                    while (nextEqual[tail] >= 0) {
                        tail = nextEqual[tail];
                    }
                    nextEqual[tail] = i;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return entries(records, firstOfGroup, groups, nextEqual);
    }

    /**
     * {@code partition} of every run into {@code records}, one run after the other. Reading and making the groups'
     * entries are methods of their own, out of the hash-table loop, so the JIT can compile that loop without the
     * file channel's code inlined into it: a cold run compiles it while both cores are busy.
     */
    private static ByteBuffer read(List<IdRun> runs, FileChannel[] channels, int partition, ByteBuffer records) throws IOException {
        records.clear();
        for (int r = 0; r < runs.size(); r++) {
            IdRun run = runs.get(r);
            int count = run.partitionStarts[partition + 1] - run.partitionStarts[partition];
            long at = (long) run.partitionStarts[partition] * RECORD;
            records.limit(records.position() + count * RECORD);
            while (records.hasRemaining()) {
                int read = channels[r].read(records, at);
                if (read < 0) {
                    throw new IOException(run.file() + ": an id run ends early (was the work directory touched?)");
                }
                at += read;
            }
            records.limit(records.capacity());
        }
        return records;
    }

    private static List<List<Entry>> entries(ByteBuffer records, int[] firstOfGroup, int groups, int[] nextEqual) {
        var found = new ArrayList<List<Entry>>(groups);
        for (int g = 0; g < groups; g++) {
            var group = new ArrayList<Entry>();
            for (int i = firstOfGroup[g]; i >= 0; i = nextEqual[i]) {
                int at = i * RECORD;
                group.add(new Entry(records.getLong(at), records.getLong(at + 8), records.getInt(at + 16), records.getInt(at + 20)));
            }
            found.add(group);
        }
        return found;
    }
}
