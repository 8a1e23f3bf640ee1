package io.tilework.server.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/** How many things happened per second over the last few whole seconds: a ring of per-second counts. */
public final class RecentRate {

    private static final int SECONDS = 5;
    private static final int RING = SECONDS + 2;

    private final AtomicLongArray counts = new AtomicLongArray(RING);
    private final AtomicLongArray stamps = new AtomicLongArray(RING);

    public void add(long n) {
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % RING);
        long stamp = stamps.get(slot);
        if (stamp != second && stamps.compareAndSet(slot, stamp, second)) {
            counts.set(slot, 0); // a new second in this slot; a count racing with the reset is lost, which a rate can bear
        }
        counts.addAndGet(slot, n);
    }

    /** The mean per second over the last {@value #SECONDS} whole seconds. */
    public double perSecond() {
        long now = System.currentTimeMillis() / 1000;
        long sum = 0;
        for (int i = 0; i < RING; i++) {
            long stamp = stamps.get(i);
            if (stamp < now && stamp >= now - SECONDS) {
                sum += counts.get(i);
            }
        }
        return (double) sum / SECONDS;
    }
}
