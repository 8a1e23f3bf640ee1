package io.tilework.engine;

import io.tilework.engine.pool.TaskDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A description of one chunk of work: its key, its inputs, the pool it runs on, how many bytes
 * its result takes, and how to compute it. Creating a task computes nothing and is cheap; its
 * inputs are only asked for when the engine needs to compute it (a stored result makes them
 * unnecessary), so a whole DAG can be described lazily.
 *
 * {@snippet :
 * Task<float[]> slope = Task.<float[]>builder(TaskKey.of("slope", 1, "tile-3-4"))
 *         .inputs(() -> List.of(demTile))
 *         .pool("cpu")
 *         .estimatedBytes(256 * 256 * 4)
 *         .codec(Codec.FLOATS)
 *         .compute((inputs, cancel) -> slopeOf(inputs.get(0)));
 * }
 */
public final class Task<T> {

    private final TaskKey key;
    private final Supplier<List<Task<?>>> inputs;
    private final String pool;
    private final long estimatedBytes;
    private final Codec<T> codec;
    private final RetryPolicy retry;
    private final TaskFunction<T> function;
    private final TaskDescriptor descriptor;

    private Task(Builder<T> builder, TaskFunction<T> function) {
        this.key = builder.key;
        this.inputs = builder.inputs;
        this.pool = builder.pool;
        this.estimatedBytes = builder.estimatedBytes;
        this.codec = builder.codec;
        this.retry = builder.retry;
        this.descriptor = builder.descriptor;
        this.function = function;
    }

    public static <T> Builder<T> builder(TaskKey key) {
        return new Builder<>(key);
    }

    public TaskKey key() {
        return key;
    }

    /** The input tasks; evaluated when the engine needs them. */
    public List<Task<?>> inputs() {
        return inputs.get();
    }

    public String pool() {
        return pool;
    }

    public long estimatedBytes() {
        return estimatedBytes;
    }

    /** How to store the result, or null when it is kept in memory only. */
    public Codec<T> codec() {
        return codec;
    }

    public RetryPolicy retry() {
        return retry;
    }

    public TaskFunction<T> function() {
        return function;
    }

    /** How a remote worker computes this task, or null when it can only run in this JVM. */
    public TaskDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String toString() {
        return "Task[" + key + " on " + pool + "]";
    }

    /** Collects a task's settings; {@link #compute} makes the task. */
    public static final class Builder<T> {
        private final TaskKey key;
        private Supplier<List<Task<?>>> inputs = List::of;
        private String pool = "cpu";
        private long estimatedBytes = 0;
        private Codec<T> codec;
        private RetryPolicy retry = RetryPolicy.NONE;
        private TaskDescriptor descriptor;

        private Builder(TaskKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        /** Inputs known now. */
        public Builder<T> inputs(List<? extends Task<?>> tasks) {
            List<Task<?>> copy = List.copyOf(tasks);
            this.inputs = () -> copy;
            return this;
        }

        /** Inputs described only when the engine needs them. */
        public Builder<T> inputs(Supplier<List<Task<?>>> tasks) {
            this.inputs = Objects.requireNonNull(tasks, "inputs");
            return this;
        }

        /** The pool's name: "cpu" (default), "io", "inline", or one registered with the engine. */
        public Builder<T> pool(String name) {
            this.pool = Objects.requireNonNull(name, "pool");
            return this;
        }

        /** The result's size in memory, counted against the engine's byte budget. */
        public Builder<T> estimatedBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("estimatedBytes must not be negative: " + bytes);
            }
            this.estimatedBytes = bytes;
            return this;
        }

        /** Persist results in the chunk store with this codec. */
        public Builder<T> codec(Codec<T> value) {
            this.codec = value;
            return this;
        }

        public Builder<T> retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retry");
            return this;
        }

        /**
         * Lets the task leave the JVM: a worker resolves {@code function} in its
         * {@link io.tilework.engine.pool.FunctionRegistry} and calls it with the parameters and the
         * encoded inputs. Needs a codec for the result and for every input.
         */
        public Builder<T> remote(String function, Map<String, String> parameters) {
            this.descriptor = new TaskDescriptor(function, parameters, List.of());
            return this;
        }

        public Task<T> compute(TaskFunction<T> function) {
            return new Task<>(this, Objects.requireNonNull(function, "function"));
        }
    }
}
