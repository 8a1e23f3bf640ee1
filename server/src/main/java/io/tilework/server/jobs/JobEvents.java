package io.tilework.server.jobs;

import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.event.EngineListener;
import io.tilework.server.events.EventHub;
import io.tilework.server.events.ServerEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One job's engine events as stream events ({@code chunk}, {@code pool}, {@code cache}), built
 * only while somebody subscribes. Cache counts go out at most four times a second.
 */
final class JobEvents implements EngineListener {

    private static final long CACHE_INTERVAL_NANOS = 250_000_000;

    private final String job;
    private final EventHub hub;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder hitBytes = new LongAdder();
    private final AtomicLong lastCacheEvent = new AtomicLong();

    JobEvents(String job, EventHub hub) {
        this.job = job;
        this.hub = hub;
    }

    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case EngineEvent.CacheHit hit -> {
                hits.increment();
                hitBytes.add(hit.bytes());
                cache();
            }
            case EngineEvent.CacheMiss miss -> {
                misses.increment();
                cache();
            }
            default -> {
            }
        }
        if (!hub.hasSubscribers()) {
            return;
        }
        switch (event) {
            case EngineEvent.Started started -> chunk(started.key().toString(), started.pool(), "started", 0);
            case EngineEvent.Finished finished -> chunk(finished.key().toString(), finished.pool(), "finished", finished.nanos() / 1_000_000);
            case EngineEvent.Failed failed -> chunk(failed.key().toString(), failed.pool(), "failed", 0);
            case EngineEvent.PoolOccupancy pool -> hub.publish(new ServerEvent("pool", job, null, Map.of("job", job, "pool", pool.pool(),
                    "running", pool.running(), "queued", pool.queued(), "slots", pool.slots())));
            default -> {
            }
        }
    }

    private void chunk(String key, String pool, String state, long millis) {
        var data = new LinkedHashMap<String, Object>();
        data.put("job", job);
        data.put("key", key);
        data.put("pool", pool);
        data.put("lane", Thread.currentThread().getName());
        data.put("state", state);
        data.put("millis", millis);
        hub.publish(new ServerEvent("chunk", job, null, data));
    }

    private void cache() {
        long now = System.nanoTime();
        long last = lastCacheEvent.get();
        if (hub.hasSubscribers() && now - last >= CACHE_INTERVAL_NANOS && lastCacheEvent.compareAndSet(last, now)) {
            hub.publish(new ServerEvent("cache", job, null, Map.of("job", job, "hits", hits.sum(), "misses", misses.sum(), "bytes", hitBytes.sum())));
        }
    }
}
