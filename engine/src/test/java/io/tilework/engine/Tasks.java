package io.tilework.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Small task factories for the engine's tests, counting how often each key is computed. */
final class Tasks {

    final Map<TaskKey, AtomicInteger> computed = new ConcurrentHashMap<>();

    int computations(TaskKey key) {
        AtomicInteger count = computed.get(key);
        return count == null ? 0 : count.get();
    }

    int totalComputations() {
        return computed.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** A leaf whose value is {@code value}. */
    Task<Long> leaf(String recipe, String chunk, long value) {
        return Task.<Long>builder(TaskKey.of(recipe, 1, chunk)).estimatedBytes(8).codec(Codec.LONG)
                .compute((inputs, cancel) -> {
                    count(TaskKey.of(recipe, 1, chunk));
                    return value;
                });
    }

    /** The sum of its inputs plus {@code add}. */
    Task<Long> sum(String recipe, String chunk, long add, List<Task<Long>> inputs) {
        return Task.<Long>builder(TaskKey.of(recipe, 1, chunk)).inputs(inputs).estimatedBytes(8).codec(Codec.LONG)
                .compute((in, cancel) -> {
                    count(TaskKey.of(recipe, 1, chunk));
                    long total = add;
                    for (Object value : in.all()) {
                        total += (Long) value;
                    }
                    return total;
                });
    }

    void count(TaskKey key) {
        computed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
