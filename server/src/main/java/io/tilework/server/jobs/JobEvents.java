package io.tilework.server.jobs;

import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.event.EngineListener;
import io.tilework.server.events.EventHub;
import io.tilework.server.events.ServerEvent;
import io.tilework.server.report.RunRecorder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One job's engine events as stream events ({@code chunk}, {@code pool}, {@code cache}), built
 * only while somebody subscribes. Cache counts go out at most four times a second.
 */
final class JobEvents implements EngineListener {

    private static final long CACHE_INTERVAL_NANOS = 250_000_000;

    private final String job;
    private final EventHub hub;
    private final RunRecorder recorder;
    private final AtomicLong lastCacheEvent = new AtomicLong();

    /** @param recorder the run's recorder, registered before this listener: the cache counts are its own */
    JobEvents(String job, EventHub hub, RunRecorder recorder) {
        this.job = job;
        this.hub = hub;
        this.recorder = recorder;
    }

    @Override
    public void on(EngineEvent event) {
        if (!hub.hasSubscribers()) {
            return;
        }
        switch (event) {
            case EngineEvent.Started started -> chunk(started.key().toString(), started.pool(), started.lane(), "started", 0);
            case EngineEvent.Finished finished -> chunk(finished.key().toString(), finished.pool(), finished.lane(), "finished",
                    finished.nanos() / 1_000_000);
            case EngineEvent.Failed failed -> chunk(failed.key().toString(), failed.pool(), failed.lane(), "failed", 0);
            case EngineEvent.CacheHit hit -> cache();
            case EngineEvent.CacheMiss miss -> cache();
            case EngineEvent.PoolOccupancy pool -> hub.publish(new ServerEvent("pool", job, null, Map.of("job", job, "pool", pool.pool(),
                    "running", pool.running(), "queued", pool.queued(), "slots", pool.slots())));
            default -> {
            }
        }
    }

    private void chunk(String key, String pool, String lane, String state, long millis) {
        var data = new LinkedHashMap<String, Object>();
        data.put("job", job);
        data.put("key", key);
        data.put("pool", pool);
        data.put("lane", lane); // the engine's (a remote pool's name, not the coordinator's thread)
        data.put("state", state);
        data.put("millis", millis);
        hub.publish(new ServerEvent("chunk", job, null, data));
    }

    private void cache() {
        long now = System.nanoTime();
        long last = lastCacheEvent.get();
        if (now - last >= CACHE_INTERVAL_NANOS && lastCacheEvent.compareAndSet(last, now)) {
            RunRecorder.Cache cache = recorder.totals().cache();
            hub.publish(new ServerEvent("cache", job, null, Map.of("job", job, "hits", cache.hits(), "misses", cache.misses(),
                    "bytes", cache.hitBytes())));
        }
    }
}
