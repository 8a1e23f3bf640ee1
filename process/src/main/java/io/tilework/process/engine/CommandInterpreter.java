package io.tilework.process.engine;

import io.tilework.process.failure.NotFound;
import io.tilework.process.failure.ProcessFailure;
import io.tilework.process.failure.ValueNotKept;
import io.tilework.process.meta.Model;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.Interpreter;
import io.tilework.process.runtime.PendingEvent;
import io.tilework.process.runtime.Transaction;
import io.tilework.process.runtime.Values;
import io.tilework.process.store.Commit;
import io.tilework.process.store.ProcessStore;
import io.tilework.process.store.StoredModel;
import io.tilework.process.store.TimerEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns one command into one transaction of a batch: finds the instance and what it runs, lets
 * the specification's interpreter react, and records the outcome. Confined to the engine's loop
 * thread; nothing here commits or sends anything.
 */
final class CommandInterpreter {

    private final ProcessStore store;
    private final Definitions definitions;
    private final LiveInstances instances;
    private final InstantSource clock;

    CommandInterpreter(ProcessStore store, Definitions definitions, LiveInstances instances, InstantSource clock) {
        this.store = store;
        this.definitions = definitions;
        this.instances = instances;
        this.clock = clock;
    }

    void handle(Command command, Batch work) {
        long now = clock.millis();
        switch (command) {
            case Command.Start start -> {
                StoredModel stored = store.model(start.model(), 0)
                        .orElseThrow(() -> new NotFound("no model '" + start.model() + "' is deployed; deployed models: "
                                + store.models().stream().map(StoredModel::name).toList() + " (tilework process deploy MODEL.yaml)"));
                int specVersion = definitions.newestSpecVersion(stored.conformsTo());
                Definition definition = definitions.definition(stored.name(), stored.version(), specVersion);
                Model model = definition.model();
                String id = start.key() == null ? model.name() + "-" + store.nextInstanceNumber() : model.name() + "-" + digest(start.key());
                if (start.key() != null && (work.states.containsKey(id) || store.instance(id).isPresent())) {
                    work.acknowledge(start.key(), null);
                    work.outcomes.put(command, new Outcome(id, Outcome.Status.IGNORED, "already started", null));
                    return;
                }
                Transaction transaction = definition.interpreter().start(model, id, start.parent(), start.parentObject(), start.variables(), now);
                work.pins.put(id, new LiveInstances.Pin(stored.version(), specVersion));
                work.add(command, transaction, new PendingEvent(Interpreter.START, transaction.state().root().id(), Map.of()),
                        start.key(), List.of(), true, now);
            }
            case Command.Event event -> {
                InstanceState state = instances.current(event.instance(), work);
                if (state == null) {
                    work.acknowledge(event.acknowledges(), null);
                    throw new NotFound("no instance '" + event.instance() + "' (tilework process list)");
                }
                Definition definition = instances.definitionOf(state, work);
                PendingEvent pending;
                try {
                    pending = new PendingEvent(event.event(), event.object(), Values.plainMap(event.payload()));
                } catch (ValueNotKept e) {
                    work.rejectEvent(command, state, new PendingEvent(event.event(), event.object(), Map.of()), event.acknowledges(),
                            "its payload cannot be kept: " + e.getMessage(), now);
                    return;
                }
                try {
                    Transaction transaction = definition.interpreter().process(definition.model(), state, pending, false, now);
                    work.add(command, transaction, pending, event.acknowledges(), List.of(), false, now);
                } catch (ProcessFailure e) {
                    work.rejectEvent(command, state, pending, event.acknowledges(), e.getMessage(), now);
                }
            }
            case Command.TimerFired fired -> {
                TimerEntry timer = fired.timer();
                if (!work.isCurrent(timer)) {
                    work.outcomes.put(command, new Outcome(null, Outcome.Status.IGNORED, "timer " + timer.key() + " was cancelled or moved", null));
                    return;
                }
                work.timerDue.put(timer.key(), Batch.NOT_SCHEDULED);
                InstanceState state = instances.current(timer.instance(), work);
                if (state == null) {
                    work.commits.add(new Commit(null, null, null, List.of(), List.of(), List.of(timer)));
                    work.outcomes.put(command, new Outcome(timer.instance(), Outcome.Status.IGNORED, "no such instance", null));
                    return;
                }
                Definition definition = instances.definitionOf(state, work);
                PendingEvent pending = new PendingEvent(timer.event(), timer.object(), Map.of());
                try {
                    Transaction transaction = definition.interpreter().process(definition.model(), state, pending, true, now);
                    work.add(command, transaction, pending, null, List.of(timer), false, now);
                } catch (ProcessFailure e) {
                    work.commits.add(new Commit(null, null, null, List.of(), List.of(), List.of(timer)));
                    work.rejectEvent(command, state, pending, null, e.getMessage(), now);
                }
            }
            case Command.Acknowledge acknowledge -> {
                work.acknowledge(acknowledge.key(), acknowledge.inbox());
                work.outcomes.put(command, new Outcome(null, Outcome.Status.APPLIED, null, null));
            }
            case Command.Control control -> throw new IllegalStateException("a control command reached the interpreter");
            case Command.Async async -> {
                InstanceState state = instances.current(async.instance(), work);
                if (state == null) {
                    work.acknowledge(async.acknowledges(), null);
                    work.outcomes.put(command, new Outcome(async.instance(), Outcome.Status.IGNORED, "no such instance", null));
                    return;
                }
                Definition definition = instances.definitionOf(state, work);
                PendingEvent event = async.trigger().event();
                try {
                    Transaction transaction = definition.interpreter().processAsync(definition.model(), state, async.trigger(), now);
                    work.add(command, transaction, event, async.acknowledges(), List.of(), false, now);
                } catch (ProcessFailure e) {
                    work.rejectEvent(command, state, event, async.acknowledges(), e.getMessage(), now);
                }
            }
        }
    }

    /** A short, stable instance id for a keyed start: the same key starts the same instance once. */
    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
