package io.tilework.engine.pool;

/**
 * Where tasks run. The engine keeps ready tasks in its own priority queues and hands one to a
 * pool only when the pool has a free slot, so priorities can change until the last moment; a
 * pool only has to run what it is given.
 */
public interface Pool extends AutoCloseable {

    /** The name tasks use to choose this pool. */
    String name();

    /** How many tasks may run at once. */
    int slots();

    /** Runs {@code work} soon, on a thread of this pool; the engine never exceeds {@link #slots()}. */
    void execute(Runnable work);

    @Override
    default void close() {
    }
}
