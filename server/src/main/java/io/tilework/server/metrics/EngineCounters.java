package io.tilework.server.metrics;

import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.event.EngineListener;
import java.util.concurrent.atomic.LongAdder;

/** Totals over every engine the server ran since it started (each job's, the process engine's): Prometheus counters. */
public final class EngineCounters implements EngineListener {

    final LongAdder chunks = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder hitBytes = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final RecentRate chunkRate = new RecentRate();

    @Override
    public void on(EngineEvent event) {
        switch (event) {
            case EngineEvent.Finished finished -> {
                chunks.increment();
                bytes.add(finished.bytes());
                chunkRate.add(1);
            }
            case EngineEvent.Failed failure -> failed.increment();
            case EngineEvent.CacheHit hit -> {
                hits.increment();
                hitBytes.add(hit.bytes());
            }
            case EngineEvent.CacheMiss miss -> misses.increment();
            default -> {
            }
        }
    }

    public double chunksPerSecond() {
        return chunkRate.perSecond();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long hitBytes() {
        return hitBytes.sum();
    }
}
