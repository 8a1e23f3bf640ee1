package io.tilework.process.engine;

import io.tilework.process.store.TimerEntry;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fires committed timers when they fall due by {@code clock} (one scheduling thread, no polling).
 *
 * <p>Threads: {@link #schedule}, {@link #cancel}, {@link #fired} and {@link #clear} are called by
 * the engine's loop thread; the timer thread checks and fires; {@link #clockMoved} comes from whoever
 * moves a clock that is not the system's (tests). Both maps are concurrent, and a timer is fired by
 * whichever thread takes its {@link Armed} out of {@code armed}, so no timer fires twice for one arming.
 */
final class Timers implements AutoCloseable {

    private final InstantSource clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tilework-process-timers");
        thread.setDaemon(true);
        return thread;
    });
    /** What is armed to fire, by timer key: the timer and its scheduled check. */
    private final Map<String, Armed> armed = new ConcurrentHashMap<>();
    /** The due time of every timer scheduled and not yet handled, by key (what a fired timer is checked against). */
    private final Map<String, Long> due = new ConcurrentHashMap<>();
    private final Consumer<TimerEntry> fire;

    /** One arming of a timer: it fires when the clock reaches {@code at}. */
    private final class Armed implements Runnable {
        final TimerEntry timer;
        final long at;
        volatile ScheduledFuture<?> check;

        Armed(TimerEntry timer, long at) {
            this.timer = timer;
            this.at = at;
        }

        void arm() {
            check = scheduler.schedule(this, Math.max(0, at - clock.millis()), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (armed.get(timer.key()) != this) {
                return; // cancelled or armed again since
            }
            if (clock.millis() < at) {
                arm(); // a clock other than the system's has not got there yet: look again when it might have
            } else if (armed.remove(timer.key(), this)) {
                fire.accept(timer);
            }
        }
    }

    Timers(InstantSource clock, Consumer<TimerEntry> fire) {
        this.clock = clock;
        this.fire = fire;
    }

    void schedule(TimerEntry timer) {
        cancel(timer.key());
        due.put(timer.key(), timer.due());
        arm(timer, timer.due());
    }

    private void arm(TimerEntry timer, long at) {
        var arming = new Armed(timer, at);
        Armed previous = armed.put(timer.key(), arming);
        if (previous != null && previous.check != null) {
            previous.check.cancel(false);
        }
        arming.arm();
    }

    void cancel(String key) {
        due.remove(key);
        Armed previous = armed.remove(key);
        if (previous != null && previous.check != null) {
            previous.check.cancel(false);
        }
    }

    /** Forgets every timer (the engine stands down, or takes the store's timers up again). */
    void clear() {
        for (String key : java.util.List.copyOf(armed.keySet())) {
            cancel(key);
        }
        due.clear();
    }

    /**
     * The clock was moved (only a clock other than the system's is): fires now, on the caller's
     * thread, every timer it has reached, so that their commands are queued when this returns.
     */
    void clockMoved() {
        long now = clock.millis();
        for (Armed arming : armed.values()) {
            if (arming.at <= now && armed.remove(arming.timer.key(), arming)) {
                if (arming.check != null) {
                    arming.check.cancel(false);
                }
                fire.accept(arming.timer);
            }
        }
    }

    /** Forgets a timer that fired and was handled, unless it was scheduled again since. */
    void fired(TimerEntry timer) {
        if (due.remove(timer.key(), timer.due())) {
            armed.remove(timer.key());
        }
    }

    /** Whether {@code key} is still scheduled for {@code at} (not cancelled or moved since it fired). */
    boolean isCurrent(String key, long at) {
        Long current = due.get(key);
        return current != null && current == at;
    }

    int pending() {
        return due.size();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
