package io.tilework.engine.store;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent.CacheCorrupt;
import io.tilework.engine.event.EngineListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A random mix of puts and gets over a few dozen overlapping keys, for a fixed time. Values are
 * derived from their keys, so every reader can check what it gets. Also the {@code main} of the
 * child JVM in {@link DiskChunkStoreConcurrencyTest}:
 * {@snippet lang="shell" :
 * java -cp <test classpath> io.tilework.engine.store.StoreWorkload <dir> <quota bytes> <millis> <seed>
 * }
 * It prints {@code ready} once the store is open, then a summary, and exits with 1 if it saw a
 * wrong value or a corrupt entry.
 */
final class StoreWorkload {

    static final int KEYS = 48;

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

    static Result run(ChunkStore store, Duration duration, long seed) {
        var random = new SplittableRandom(seed);
        var problems = new CopyOnWriteArrayList<String>();
        int puts = 0;
        int gets = 0;
        int hits = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
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
        }
        return new Result(puts, gets, hits, problems);
    }

    public static void main(String[] args) {
        var problems = new CopyOnWriteArrayList<String>();
        Result result;
        try (var store = DiskChunkStore.open(Path.of(args[0]), Long.parseLong(args[1]), corruptionRecorder(problems))) {
            System.out.println("ready");
            result = run(store, Duration.ofMillis(Long.parseLong(args[2])), Long.parseLong(args[3]));
        }
        problems.addAll(result.problems());
        System.out.println("done " + result.puts() + " puts, " + result.gets() + " gets, " + result.hits() + " hits");
        problems.forEach(System.err::println);
        System.exit(problems.isEmpty() ? 0 : 1);
    }
}
