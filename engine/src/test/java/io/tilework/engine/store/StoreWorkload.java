package io.tilework.engine.store;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent.CacheCorrupt;
import io.tilework.engine.event.EngineListener;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A random mix of puts and gets over a few dozen overlapping keys, a fixed number of operations
 * from a fixed seed (the same work on any machine). Values are derived from their keys, so every
 * reader checks what it gets, after every operation, together with the store's size. Also the
 * {@code main} of the child JVM in {@link DiskChunkStoreConcurrencyTest}:
 * {@snippet lang="shell" :
 * java -cp <test classpath> io.tilework.engine.store.StoreWorkload <dir> <quota bytes> <operations> <seed>
 * }
 * It prints {@code ready} once the store is open, then a summary, and exits with 1 if it saw a
 * wrong value or a corrupt entry.
 */
final class StoreWorkload {

    static final int KEYS = 48;
    /** The largest entry file the workload writes: a 4 KiB value, its key and the header. */
    static final long MAX_ENTRY_BYTES = 4096 + 512;

    private StoreWorkload() {
    }

    /** What one run did, and anything it saw that a correct store never shows. */
    record Result(int puts, int gets, int hits, List<String> problems) {
    }

    static TaskKey key(int i) {
        return new TaskKey("workload.recipe", 1 + i % 2, TaskKey.digest("p" + i % 3), "chunk-" + i);
    }

    /** The one value ever stored under {@code key}: 0 to 4 KiB of bytes seeded by the key. */
    static byte[] valueOf(TaskKey key) {
        var random = new SplittableRandom(key.id().hashCode());
        byte[] value = new byte[random.nextInt(4096)];
        random.nextBytes(value);
        return value;
    }

    /** A listener that records corrupt entries as problems: concurrent use must never produce one. */
    static EngineListener corruptionRecorder(List<String> problems) {
        return event -> {
            if (event instanceof CacheCorrupt(var key, var reason)) {
                problems.add("corrupt entry for " + key + ": " + reason);
            }
        };
    }

    /**
     * Runs {@code operations} random puts and gets. After each it checks what a correct store
     * guarantees: a get returns exactly the value put for its key, or nothing; and the store's size
     * is at most {@code maxSize} (its quota plus the slack concurrent puts may take before their
     * eviction runs).
     */
    static Result run(ChunkStore store, int operations, long seed, long maxSize) {
        var random = new SplittableRandom(seed);
        var problems = new CopyOnWriteArrayList<String>();
        int puts = 0;
        int gets = 0;
        int hits = 0;
        for (int operation = 0; operation < operations; operation++) {
            TaskKey key = key(random.nextInt(KEYS));
            if (random.nextBoolean()) {
                store.put(key, valueOf(key));
                puts++;
            } else {
                var value = store.get(key);
                gets++;
                if (value.isPresent()) {
                    hits++;
                    if (!Arrays.equals(valueOf(key), value.get())) {
                        problems.add("wrong value for " + key + ": " + value.get().length + " bytes");
                    }
                }
            }
            long size = store.sizeBytes();
            if (size < 0 || size > maxSize) {
                problems.add("size " + size + " outside [0, " + maxSize + "] after operation " + operation + " (seed " + seed + ")");
            }
        }
        return new Result(puts, gets, hits, problems);
    }

    public static void main(String[] args) {
        var problems = new CopyOnWriteArrayList<String>();
        Result result;
        try (var store = DiskChunkStore.open(Path.of(args[0]), Long.parseLong(args[1]), corruptionRecorder(problems))) {
            System.out.println("ready");
            result = run(store, Integer.parseInt(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
        }
        problems.addAll(result.problems());
        System.out.println("done " + result.puts() + " puts, " + result.gets() + " gets, " + result.hits() + " hits");
        problems.forEach(System.err::println);
        System.exit(problems.isEmpty() ? 0 : 1);
    }
}
