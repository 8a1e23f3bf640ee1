package io.tilework.engine;

import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.event.EngineListener;
import io.tilework.engine.internal.Scheduler;
import io.tilework.engine.pool.Pool;
import io.tilework.engine.pool.Pools;
import io.tilework.engine.pool.RemotePool;
import io.tilework.engine.store.ChunkStore;
import io.tilework.engine.store.DiskChunkStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kernel: computes {@link Task}s on its pools, in priority order, within a memory budget,
 * sharing equal work and caching results in a chunk store.
 *
 * {@snippet :
 * try (Engine engine = Engine.builder().budgetBytes(512L << 20).store(cacheDir, 10L << 30).build();
 *      ResultStream<float[]> tiles = engine.stream(slopeTiles, 8)) {
 *     while (tiles.hasNext()) {
 *         model.train(tiles.next());          // in request order; 8 tiles computed ahead
 *     }
 * }
 * }
 *
 * <p>Guarantees: results of a stream arrive in request order, each exactly once; equal keys are
 * computed once while one is in flight or in the store; a failure fails only the requests that
 * need it; a closed stream starts no new work; nothing polls. See the module README for the
 * limits of the memory budget.
 */
public final class Engine implements AutoCloseable {

    private final Scheduler scheduler;
    private final List<Pool> pools;
    private final ChunkStore store;
    private final int defaultLookahead;

    private Engine(Builder builder) {
        this.pools = List.copyOf(builder.pools.values());
        this.defaultLookahead = builder.lookahead;
        var forward = new AtomicReference<Scheduler>();
        EngineListener storeEvents = event -> {
            Scheduler target = forward.get();
            if (target != null) {
                target.onStoreEvent(event);
            }
        };
        this.store = builder.storeDirectory != null
                ? DiskChunkStore.open(builder.storeDirectory, builder.storeQuota, storeEvents)
                : builder.store;
        this.scheduler = new Scheduler(pools, builder.budget, store, builder.inputWindow);
        forward.set(scheduler);
        builder.listeners.forEach(scheduler::addListener);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Computes one result. Cancelling the future withdraws the request. */
    public <T> CompletableFuture<T> submit(Task<T> task) {
        return scheduler.submit(task);
    }

    /** Results of {@code requests} in order, computing at most {@code lookahead} ahead of the consumer. */
    public <T> ResultStream<T> stream(List<Task<T>> requests, int lookahead) {
        return scheduler.stream(requests, lookahead);
    }

    /** A stream with the engine's default lookahead. */
    public <T> ResultStream<T> stream(List<Task<T>> requests) {
        return stream(requests, defaultLookahead);
    }

    public void addListener(EngineListener listener) {
        scheduler.addListener(listener);
    }

    public void removeListener(EngineListener listener) {
        scheduler.removeListener(listener);
    }

    public EngineMetrics metrics() {
        return scheduler.metrics();
    }

    public ChunkStore store() {
        return store;
    }

    /**
     * Reports a hit, a miss or a corrupt entry of a cache the engine does not look up itself (a
     * raster session's cache directories): counted in the metrics and passed to the listeners
     * like the engine's own store's. Other events are ignored.
     */
    public void reportCacheUse(EngineEvent event) {
        if (event instanceof EngineEvent.CacheHit || event instanceof EngineEvent.CacheMiss || event instanceof EngineEvent.CacheCorrupt) {
            scheduler.onStoreEvent(event);
        }
    }

    /**
     * Whether tasks on pool {@code name} that have a {@link Task.Builder#remote descriptor} leave this
     * JVM. Builders of such tasks then describe work a worker can do alone (read its inputs by path)
     * rather than work fed with results computed here.
     */
    public boolean runsRemotely(String name) {
        return pools.stream().anyMatch(pool -> pool.name().equals(name) && pool instanceof RemotePool);
    }

    /**
     * Stops the pools, the timers and the store, promptly: no task starts any more, running
     * tasks see their cancellation token set and are waited for. A consumer waiting on a stream
     * still open is woken and gets {@link IllegalStateException}; a future from {@link #submit}
     * not yet done fails with it; so does any later submit or stream.
     */
    @Override
    public void close() {
        scheduler.close();
        pools.forEach(Pool::close);
        store.close();
    }

    /** Pools "cpu" (one thread per core), "io" (64 virtual threads) and "inline" unless replaced. */
    public static final class Builder {
        private final Map<String, Pool> pools = new LinkedHashMap<>();
        private final List<EngineListener> listeners = new ArrayList<>();
        private long budget = Runtime.getRuntime().maxMemory() / 4;
        private ChunkStore store = ChunkStore.none();
        private Path storeDirectory;
        private long storeQuota;
        private int lookahead = 2 * Runtime.getRuntime().availableProcessors();
        private int inputWindow = 16;
        private boolean defaultsAdded;

        private Builder() {
        }

        /** Adds a pool, or replaces the one of the same name. */
        public Builder pool(Pool pool) {
            addDefaults();
            Pool previous = pools.put(pool.name(), pool);
            if (previous != null) {
                previous.close();
            }
            return this;
        }

        /** Bytes of results produced but not consumed; default a quarter of the maximum heap. */
        public Builder budgetBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("budgetBytes must be positive: " + bytes);
            }
            this.budget = bytes;
            return this;
        }

        /** A chunk store in {@code directory}, kept under {@code quotaBytes}. */
        public Builder store(Path directory, long quotaBytes) {
            this.storeDirectory = directory;
            this.storeQuota = quotaBytes;
            return this;
        }

        /** A store built elsewhere (its events go where it was told to send them). */
        public Builder store(ChunkStore chunkStore) {
            this.store = chunkStore;
            this.storeDirectory = null;
            return this;
        }

        /** The lookahead of streams opened without one; default twice the cores. */
        public Builder defaultLookahead(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("lookahead must be at least 1: " + requests);
            }
            this.lookahead = requests;
            return this;
        }

        /**
         * For tests: how many inputs of one task are claimed and unfinished at once, at least
         * (default 16; twice the slots of the inputs' pool when that is more).
         */
        Builder inputWindow(int inputs) {
            this.inputWindow = inputs;
            return this;
        }

        public Builder listener(EngineListener listener) {
            listeners.add(listener);
            return this;
        }

        public Engine build() {
            addDefaults();
            return new Engine(this);
        }

        private void addDefaults() {
            if (!defaultsAdded) {
                defaultsAdded = true;
                pools.put("cpu", Pools.cpu());
                pools.put("io", Pools.io());
                pools.put("inline", Pools.inline());
            }
        }
    }

    /** For tests and benchmarks: bytes held against the budget now. */
    public long heldBytes() {
        return scheduler.heldBytes();
    }

    /** The live graph, one line per task: for diagnosing a consumer that waits too long. */
    public String describe() {
        return scheduler.describe();
    }

    /** For tests: tasks alive in the graph now. */
    public int liveTasks() {
        return scheduler.liveNodes();
    }
}
