package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.LogRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A process service on one kind of store, and what the scenarios ask of it. The store's place
 * follows the test's folder: a second fixture on the same folder (after the first closed) is a new
 * engine on the same store, which is how the durability tests restart an engine.
 */
final class ProcessFixture implements AutoCloseable {

    /** The store this engine runs on: a test opens it on its own, or again, through this. */
    final StorePlace place;
    /** The engine's clock: it stands still until a test moves it with {@link #advance}. */
    final TestClock clock = new TestClock();
    final ProcessService service;
    /** Counts commits, and is notified after each: what {@link #eventually} waits on between looks. */
    private final AtomicLong commits = new AtomicLong();

    ProcessFixture(StoreKind kind, Path folder) {
        this.place = new StorePlace(kind, folder);
        this.service = place.open(4, clock);
        service.engine().subscribe(record -> {
            commits.incrementAndGet();
            synchronized (commits) {
                commits.notifyAll();
            }
        });
    }

    /** Moves the engine's clock on; the timers it reaches have fired (their commands queued) when this returns. */
    void advance(Duration by) {
        clock.advance(by);
        service.engine().clockMoved();
    }

    String deployAndStart(String modelYaml) {
        return deployAndStart(modelYaml, Map.of());
    }

    String deployAndStart(String modelYaml, Map<String, Object> variables) {
        var deployed = service.deploy("model.yaml", modelYaml);
        Outcome started = service.start(deployed.name(), variables);
        assertTrue(!started.rejected(), () -> "start rejected: " + started.message());
        return started.instance();
    }

    void quiet() throws InterruptedException {
        assertTrue(service.awaitQuiescence(Duration.ofSeconds(30)), "the engine did not settle within 30 s");
    }

    /** Waits until the instance is in {@code state}; fails with its history if it does not get there. */
    void waitFor(String instance, String state) throws InterruptedException {
        eventually(() -> state.equals(state(instance).state()), () -> instance + " is not " + state + "; history: " + events(instance));
    }

    /**
     * Waits until {@code condition} holds, looking again after every commit of this engine (what
     * makes a process condition true). It may call the engine: it is not evaluated under a lock.
     * Fails saying {@code what} did not happen if 60 s pass (a limit for a hung test, far above
     * any wait a slow machine causes).
     */
    void eventually(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long seen = commits.get(); // read before the look: a commit after it is never missed
            if (condition.getAsBoolean()) {
                return;
            }
            synchronized (commits) {
                long left;
                // Also looks again every 250 ms: a condition on something outside the engine (a job's counter) needs no commit.
                if (commits.get() == seen && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(commits, Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)));
                }
            }
            if (System.nanoTime() >= deadline) {
                assertTrue(condition.getAsBoolean(), what);
                return;
            }
        }
    }

    InstanceState state(String instance) {
        return service.engine().state(instance);
    }

    String stateOf(String instance, String object) {
        return state(instance).object(object).state();
    }

    /** The objects that entered {@code state}, in log order. */
    List<String> entered(String instance, String state) {
        var objects = new ArrayList<String>();
        for (LogRecord record : service.history(instance)) {
            for (Effect effect : record.effects()) {
                if (effect instanceof Effect.StateChanged change && change.to().equals(state)) {
                    objects.add(change.object());
                }
            }
        }
        return objects;
    }

    /** The events processed, in order, as "event(object)". */
    List<String> events(String instance) {
        var events = new ArrayList<String>();
        for (LogRecord record : service.history(instance)) {
            for (Effect effect : record.effects()) {
                if (effect instanceof Effect.Received received) {
                    events.add(received.event() + "(" + received.object() + ")");
                }
            }
        }
        return events;
    }

    @Override
    public void close() {
        service.close();
    }
}
