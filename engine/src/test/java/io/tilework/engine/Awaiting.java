package io.tilework.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.event.EngineListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits in tests on what the engine does, not on the clock: a condition is looked at again after
 * every engine event, and a thread's waiting is seen in its state. The 60 s limit is only for a hung
 * test; no wait here depends on how fast the machine is.
 */
final class Awaiting {

    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** A condition may change after the last event (a node forgotten after its Cancelled): look again this often too. */
    private static final long RELOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Awaiting() {
    }

    /** Waits until {@code condition} holds, looking again after every event of {@code engine}; fails saying {@code what}. */
    static void until(Engine engine, BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        var events = new AtomicLong();
        EngineListener listener = event -> {
            events.incrementAndGet();
            synchronized (events) {
                events.notifyAll();
            }
        };
        engine.addListener(listener);
        try {
            long deadline = System.nanoTime() + LIMIT_NANOS;
            while (true) {
                long seen = events.get(); // read before the look: an event after it is never missed
                if (condition.getAsBoolean()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    assertTrue(condition.getAsBoolean(), what);
                    return;
                }
                synchronized (events) {
                    if (events.get() == seen) {
                        TimeUnit.NANOSECONDS.timedWait(events, Math.min(left, RELOOK_NANOS));
                    }
                }
            }
        } finally {
            engine.removeListener(listener);
        }
    }

    /** Waits until {@code thread} is parked (waiting for something), e.g. a consumer blocked in {@code next()}. */
    static void untilParked(Thread thread) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(thread.isAlive() && System.nanoTime() < deadline, () -> thread + " never waited: it is " + thread.getState());
            Thread.yield();
        }
    }
}
