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
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A process service on a SQLite store in a test's folder, and what the scenarios ask of it. */
final class ProcessFixture implements AutoCloseable {

    final Path store;
    final ProcessService service;

    ProcessFixture(Path folder) {
        this.store = folder.resolve("process.db");
        this.service = ProcessService.open(store, 4);
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

    /** Waits (up to 20 s) until the instance is in {@code state}; fails with its history if it does not get there. */
    void waitFor(String instance, String state) throws InterruptedException {
        eventually(() -> state.equals(state(instance).state()), () -> instance + " is not " + state + "; history: " + events(instance));
    }

    /** Waits (up to 20 s) until {@code condition} holds; fails saying {@code what} did not happen. */
    static void eventually(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), what);
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
