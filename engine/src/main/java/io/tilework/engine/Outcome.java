package io.tilework.engine;

/** One delivered result of a stream: a value, or the failure that took its place. */
public sealed interface Outcome<T> {

    /** The request's position in its stream. */
    int index();

    /** The value, or the failure thrown. */
    T get();

    record Success<T>(int index, T value) implements Outcome<T> {
        @Override
        public T get() {
            return value;
        }
    }

    record Failure<T>(int index, TaskFailedException failure) implements Outcome<T> {
        @Override
        public T get() {
            throw failure;
        }
    }
}
