package io.tilework.engine.pool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The local pools: CPU work on platform threads, I/O on virtual threads, and inline. */
public final class Pools {

    private Pools() {
    }

    /** "cpu": one platform thread per core. */
    public static Pool cpu() {
        return cpu(Runtime.getRuntime().availableProcessors());
    }

    /** "cpu" with {@code threads} platform threads. */
    public static Pool cpu(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the cpu pool needs at least one thread: " + threads);
        }
        return executorPool("cpu", threads,
                Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("tilework-cpu-", 1).daemon(true).factory()));
    }

    /** "io": up to {@code concurrency} tasks at once, each on its own virtual thread. */
    public static Pool io(int concurrency) {
        return executorPool("io", concurrency,
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tilework-io-", 1).factory()));
    }

    /** "io" with 64 concurrent tasks. */
    public static Pool io() {
        return io(64);
    }

    /**
     * "inline": runs a task on the thread that made it ready, for work so small that handing it to
     * another thread costs more than doing it.
     */
    public static Pool inline() {
        return new Pool() {
            @Override
            public String name() {
                return "inline";
            }

            @Override
            public int slots() {
                return Integer.MAX_VALUE;
            }

            @Override
            public void execute(Runnable work) {
                work.run();
            }
        };
    }

    /** A pool named {@code name} with {@code slots} slots that runs its tasks on {@code executor}. */
    public static Pool executorPool(String name, int slots, ExecutorService executor) {
        return new ExecutorPool(name, slots, executor);
    }
}
