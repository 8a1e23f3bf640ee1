package io.tilework.server.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The raster read streams' part of {@code /metrics}: streams open, windows sent and cancelled, bytes sent and computed ahead. */
public final class RasterStreamCounters {

    final AtomicLong active = new AtomicLong();
    final LongAdder sent = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final AtomicLong readAhead = new AtomicLong();

    public void streamStarted() {
        active.incrementAndGet();
    }

    public void streamEnded() {
        active.decrementAndGet();
    }

    /** A window's frame went out: {@code frameBytes} with its length and header. */
    public void windowSent(long frameBytes) {
        sent.increment();
        bytes.add(frameBytes);
    }

    /** Bytes of frames that carry no window (errors, the end). */
    public void bytesSent(long frameBytes) {
        bytes.add(frameBytes);
    }

    /** Windows asked for and never sent because the client went away. */
    public void windowsCancelled(long count) {
        cancelled.add(count);
    }

    /** Bytes of windows being computed or held for a stream and not yet written: more ({@code delta > 0}) or fewer. */
    public void readAhead(long delta) {
        readAhead.addAndGet(delta);
    }

    public long active() {
        return active.get();
    }

    public long cancelled() {
        return cancelled.sum();
    }
}
