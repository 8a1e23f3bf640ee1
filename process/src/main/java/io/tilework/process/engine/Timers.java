package io.tilework.process.engine;

import io.tilework.process.store.TimerEntry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Fires committed timers when they fall due (one scheduling thread, no polling). */
final class Timers implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tilework-process-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private final Map<String, Long> due = new ConcurrentHashMap<>();
    private final Consumer<TimerEntry> fire;

    Timers(Consumer<TimerEntry> fire) {
        this.fire = fire;
    }

    void schedule(TimerEntry timer) {
        cancel(timer.key());
        due.put(timer.key(), timer.due());
        long delay = Math.max(0, timer.due() - System.currentTimeMillis());
        scheduled.put(timer.key(), scheduler.schedule(() -> fire.accept(timer), delay, TimeUnit.MILLISECONDS));
    }

    void cancel(String key) {
        due.remove(key);
        ScheduledFuture<?> previous = scheduled.remove(key);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Fires {@code timer} again after {@code delayMillis}, if it is still the one scheduled. */
    void fireAgain(TimerEntry timer, long delayMillis) {
        if (isCurrent(timer.key(), timer.due())) {
            scheduled.put(timer.key(), scheduler.schedule(() -> fire.accept(timer), delayMillis, TimeUnit.MILLISECONDS));
        }
    }

    /** Forgets a timer that fired and was handled, unless it was scheduled again since. */
    void fired(TimerEntry timer) {
        if (due.remove(timer.key(), timer.due())) {
            scheduled.remove(timer.key());
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
