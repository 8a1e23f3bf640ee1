package io.tilework.engine.pool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** A pool that runs its tasks on an {@link ExecutorService} it owns. */
public class ExecutorPool implements Pool {

    private final String name;
    private final int slots;
    private final ExecutorService executor;

    public ExecutorPool(String name, int slots, ExecutorService executor) {
        if (slots < 1) {
            throw new IllegalArgumentException("pool '" + name + "' needs at least one slot: " + slots);
        }
        this.name = name;
        this.slots = slots;
        this.executor = executor;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int slots() {
        return slots;
    }

    @Override
    public final void execute(Runnable work) {
        executor.execute(work);
    }

    /** The executor, for subclasses that run other kinds of work on the same threads. */
    protected final ExecutorService executor() {
        return executor;
    }

    /** Stops taking work and waits up to 30 seconds for running tasks. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + slots + " slots]";
    }
}
