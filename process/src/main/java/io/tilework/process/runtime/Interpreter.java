package io.tilework.process.runtime;

import io.tilework.process.expression.ExpressionFunctions;
import io.tilework.process.expression.ObjectView;
import io.tilework.process.expression.Scope;
import io.tilework.process.failure.ConditionFailed;
import io.tilework.process.failure.EventRejected;
import io.tilework.process.failure.ExpressionFailed;
import io.tilework.process.failure.ValueNotKept;
import io.tilework.process.meta.Element;
import io.tilework.process.meta.Model;
import io.tilework.process.meta.TypeDef;
import io.tilework.process.spec.BehaviourSpec;
import io.tilework.process.spec.EventDef;
import io.tilework.process.spec.EventKind;
import io.tilework.process.spec.ExternalOperationDef;
import io.tilework.process.spec.Operation;
import io.tilework.process.spec.Trigger;
import io.tilework.process.yaml.Scalars;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine derived from a behaviour specification: it knows events, triggers and operations,
 * and nothing of workflows or maps. One external (or temporal) event is one transaction: its
 * triggers run, every state change that matches an internal event's condition raises that event,
 * and the cascade runs breadth-first until no event is left. A cascade longer than
 * {@link #STEP_LIMIT} events is a loop: the transaction is discarded with the events that repeat.
 */
public final class Interpreter {

    /** The most events one transaction may process. */
    public static final int STEP_LIMIT = 10_000;

    /** The event every specification defines on its root type: what starting an instance sends. */
    public static final String START = "start";

    private final BehaviourSpec spec;
    private final Map<String, List<Integer>> triggersByEvent = new HashMap<>();
    private final Map<String, List<EventDef>> internalByType = new HashMap<>();
    /** The specification's event of kind fault, or null: what a condition of the model that fails raises. */
    private final EventDef fault;

    public Interpreter(BehaviourSpec spec) {
        this.spec = spec;
        this.fault = spec.events().values().stream().filter(e -> e.kind() == EventKind.FAULT).findFirst().orElse(null);
        for (int i = 0; i < spec.triggers().size(); i++) {
            triggersByEvent.computeIfAbsent(spec.triggers().get(i).event(), k -> new ArrayList<>()).add(i);
        }
        for (EventDef event : spec.events().values()) {
            if (event.kind() == EventKind.INTERNAL) {
                internalByType.computeIfAbsent(event.target(), k -> new ArrayList<>()).add(event);
            }
        }
    }

    public BehaviourSpec spec() {
        return spec;
    }

    /** Whether the instance is in a final state of its root type: it takes no more events. */
    public boolean hasEnded(InstanceState state) {
        return spec.metaModel().type(state.root().type()).finals().contains(state.state());
    }

    /**
     * A new instance: its root object, one object per model element whose type has states, the
     * variables (the model's, overridden by {@code variables}), then the {@code start} event on the root.
     */
    public Transaction start(Model model, String id, String parent, String parentObject, Map<String, Object> variables, long now) {
        Run run = begin(model, id, parent, parentObject, variables, now);
        EventDef start = spec.event(START);
        if (start == null || start.kind() != EventKind.EXTERNAL || !start.target().equals(run.state.root().type())) {
            throw new EventRejected("specification " + spec.name() + " has no external event 'start' on its root type "
                    + run.state.root().type() + ", so its instances cannot start");
        }
        PendingEvent event = new PendingEvent(START, run.state.root().id(), Map.of());
        try {
            run.queue.add(event);
            run.cascade();
            return run.finish(Transaction.Status.APPLIED, null);
        } catch (ConditionFailed failed) {
            return begin(model, id, parent, parentObject, variables, now).fault(event, failed);
        }
    }

    /** The new instance's objects and variables, nothing processed yet. */
    private Run begin(Model model, String id, String parent, String parentObject, Map<String, Object> variables, long now) {
        InstanceState state = new InstanceState(id, model.name(), parent, parentObject, Instant.ofEpochMilli(now));
        Run run = new Run(model, state, now);
        for (Element element : model.elements().values()) {
            TypeDef type = spec.metaModel().type(element.type());
            if (type.hasStates()) {
                run.apply(new Effect.Created(element.id(), type.name(), element.id(), type.initial()));
            }
        }
        if (parent != null) {
            run.apply(new Effect.AttributeSet(state.root().id(), "parent", parent));
        }
        var initial = new LinkedHashMap<>(model.variables());
        initial.putAll(variables);
        initial.forEach((name, value) -> run.apply(new Effect.VariableSet(name, Values.plain(value))));
        return run;
    }

    /**
     * Processes an external event ({@code temporal} false) or a fired timer ({@code temporal} true)
     * on a copy of {@code current}; {@code current} itself is not changed.
     */
    public Transaction process(Model model, InstanceState current, PendingEvent event, boolean temporal, long now) {
        EventDef definition = spec.event(event.event());
        EventKind expected = temporal ? EventKind.TEMPORAL : EventKind.EXTERNAL;
        if (definition == null || definition.kind() != expected) {
            throw new EventRejected("'" + event.event() + "' is not " + (temporal ? "a temporal" : "an external") + " event of "
                    + spec.name() + "; its " + (temporal ? "temporal" : "external") + " events: " + names(expected));
        }
        if (hasEnded(current)) {
            return new Transaction(Transaction.Status.IGNORED, "instance " + current.id() + " is " + current.state() + "; '"
                    + event.event() + "' was not applied", current, List.of());
        }
        RuntimeObject target = current.object(event.object());
        if (target == null) {
            throw new EventRejected("instance " + current.id() + " has no object '" + event.object() + "'");
        }
        if (!target.type().equals(definition.target())) {
            throw new EventRejected("'" + event.event() + "' is about a " + definition.target() + ", and " + event.object()
                    + " is a " + target.type());
        }
        if (!temporal) {
            PayloadSchema.check(event.event(), definition.schema(), event.payload());
        }
        Run run = new Run(model, current.copy(), now);
        try {
            String refused = run.refusal(definition, run.state.object(event.object()), event.payload());
            if (refused != null) {
                throw new EventRejected(refused);
            }
            if (definition.defer() != null && run.scope(run.state.object(event.object()), event.payload()).holds(definition.defer())) {
                run.apply(new Effect.Deferred(event));
                return run.finish(Transaction.Status.DEFERRED, "'" + event.event() + "' waits: " + definition.defer());
            }
            run.queue.add(event);
            run.cascade();
            return run.finish(Transaction.Status.APPLIED, null);
        } catch (ConditionFailed failed) {
            return new Run(model, current.copy(), now).fault(event, failed);
        }
    }

    /** Runs one asynchronously subscribed trigger for {@code event} as its own transaction. */
    public Transaction processAsync(Model model, InstanceState current, AsyncTrigger async, long now) {
        if (hasEnded(current)) {
            return new Transaction(Transaction.Status.IGNORED, "instance " + current.id() + " is " + current.state(), current, List.of());
        }
        if (async.trigger() < 0 || async.trigger() >= spec.triggers().size() || !spec.triggers().get(async.trigger()).async()
                || !java.util.Objects.equals(spec.triggers().get(async.trigger()).name(), async.name())
                || current.object(async.event().object()) == null) {
            throw new EventRejected("instance " + current.id() + " has no asynchronous trigger '" + async.name() + "' (number "
                    + async.trigger() + ") for object " + async.event().object() + " in " + spec.name() + "; the specification changed since it was queued");
        }
        Run run = new Run(model, current.copy(), now);
        PendingEvent event = async.event();
        try {
            RuntimeObject self = run.state.object(event.object());
            run.record(new Effect.Received(event.event(), event.object(), event.payload()));
            run.fire(spec.triggers().get(async.trigger()), self, event.payload());
            run.cascade();
            return run.finish(Transaction.Status.APPLIED, null);
        } catch (ConditionFailed failed) {
            return new Run(model, current.copy(), now).fault(event, failed);
        }
    }

    private String names(EventKind kind) {
        return spec.events().values().stream().filter(e -> e.kind() == kind).map(EventDef::name).toList().toString();
    }

    /** One transaction in progress. */
    private final class Run {

        final Model model;
        final InstanceState state;
        final long now;
        final ExpressionFunctions functions;
        final List<Effect> effects = new ArrayList<>();
        final ArrayDeque<PendingEvent> queue = new ArrayDeque<>();
        final ArrayDeque<String> recent = new ArrayDeque<>();
        final long transaction;
        int steps;
        int sent;

        Run(Model model, InstanceState state, long now) {
            this.model = model;
            this.state = state;
            this.now = now;
            this.functions = new ExpressionFunctions(model, state, now);
            this.transaction = state.transactions() + 1;
        }

        /**
         * The transaction of an event that met a failing condition of the model: what the event
         * did is dropped, and the specification's fault event, raised on the root with the
         * error, decides what becomes of the instance (the workflow pack fails it). Without a
         * fault event, or if its own triggers meet one, the event is rejected with the error.
         */
        Transaction fault(PendingEvent event, ConditionFailed failed) {
            if (fault == null || !fault.target().equals(state.root().type())) {
                throw new EventRejected(failed.getMessage(), failed);
            }
            record(new Effect.Received(event.event(), event.object(), event.payload()));
            queue.add(new PendingEvent(fault.name(), state.root().id(), Map.of("error", failed.getMessage())));
            try {
                cascade();
            } catch (ConditionFailed again) {
                throw new EventRejected(failed.getMessage(), failed);
            }
            return finish(Transaction.Status.APPLIED, failed.getMessage());
        }

        Transaction finish(Transaction.Status status, String message) {
            state.transactions(transaction);
            return new Transaction(status, message, state, List.copyOf(effects));
        }

        void apply(Effect effect) {
            state.apply(effect);
            effects.add(effect);
        }

        void record(Effect effect) {
            effects.add(effect);
        }

        Scope scope(RuntimeObject self, Map<String, Object> payload) {
            var names = new HashMap<String, Object>();
            names.put("self", functions.view(self));
            names.put("event", payload);
            names.put("instance", functions.view(state.root()));
            names.put("vars", state.variables());
            return new Scope(functions, names);
        }

        /** Why {@code target} does not accept the event: the first failing check's message; null if every check passes. */
        String refusal(EventDef definition, RuntimeObject target, Map<String, Object> payload) {
            for (EventDef.Acceptance acceptance : definition.accept()) {
                Scope scope = scope(target, payload);
                if (scope.holds(acceptance.check())) {
                    continue;
                }
                if (acceptance.message() == null) {
                    return "'" + definition.name() + "' is not accepted for " + target.id() + " (" + target.type() + ", "
                            + target.state() + "): it requires " + acceptance.check();
                }
                return String.valueOf(scope.evaluate(acceptance.message()));
            }
            return null;
        }

        void cascade() {
            while (true) {
                while (!queue.isEmpty()) {
                    PendingEvent event = queue.poll();
                    if (++steps > STEP_LIMIT) {
                        throw new EventRejected("internal events did not quiesce after " + STEP_LIMIT + " events in one transaction; the last ones: "
                                + String.join(" -> ", recent) + ". Nothing of the transaction was kept; look for triggers that re-enter the state that raised them");
                    }
                    recent.add(event.event() + "(" + event.object() + ")");
                    if (recent.size() > 8) {
                        recent.poll();
                    }
                    RuntimeObject self = state.object(event.object());
                    record(new Effect.Received(event.event(), event.object(), event.payload()));
                    for (int index : triggersByEvent.getOrDefault(event.event(), List.of())) {
                        Trigger trigger = spec.triggers().get(index);
                        if (trigger.async()) {
                            record(new Effect.Sent(nextKey(), AsyncTrigger.OPERATION, AsyncTrigger.ACTOR, null, event.object(),
                                    new AsyncTrigger(index, trigger.name(), event).payload()));
                        } else {
                            fire(trigger, self, event.payload());
                        }
                    }
                }
                if (!resumeDeferred()) {
                    return;
                }
            }
        }

        /** Takes up the first deferred event whose condition has cleared; false if none has. */
        boolean resumeDeferred() {
            if (hasEnded(state)) {
                return false;
            }
            List<PendingEvent> deferred = state.deferred();
            for (int i = 0; i < deferred.size(); i++) {
                PendingEvent event = deferred.get(i);
                RuntimeObject target = state.object(event.object());
                EventDef definition = spec.event(event.event());
                if (!scope(target, event.payload()).holds(definition.defer())) {
                    apply(new Effect.Undeferred(i));
                    // Taken up, it must still be acceptable (a section chosen twice while suspended runs once).
                    if (refusal(definition, target, event.payload()) == null) {
                        queue.add(event);
                    }
                    return true;
                }
            }
            return false;
        }

        void fire(Trigger trigger, RuntimeObject self, Map<String, Object> payload) {
            Scope scope = scope(self, payload);
            try {
                if (scope.holds(trigger.when())) {
                    run(trigger.operations(), scope, self, trigger);
                }
            } catch (ExpressionFailed e) {
                throw new EventRejected(trigger.file() + ":" + trigger.line() + ": " + trigger.name() + ": " + e.getMessage(), e);
            }
        }

        void run(List<Operation> operations, Scope scope, RuntimeObject self, Trigger trigger) {
            for (Operation operation : operations) {
                try {
                    if (scope.holds(operation.when())) {
                        run(operation, scope, self, trigger);
                    }
                } catch (EventRejected e) {
                    throw e;
                } catch (ExpressionFailed | ValueNotKept e) { // the model's expression failed, or gave a value that cannot be kept
                    throw new EventRejected(trigger.file() + ":" + operation.line() + ": " + trigger.name() + ": " + e.getMessage(), e);
                }
            }
        }

        void run(Operation operation, Scope scope, RuntimeObject self, Trigger trigger) {
            RuntimeObject target = operation.of() == null ? self : object(scope.evaluate(operation.of()), operation, trigger);
            switch (operation) {
                case Operation.SetState set -> enter(target, set.state(), operation, trigger);
                case Operation.SetAttributes set -> set.values().forEach((name, expression) ->
                        apply(new Effect.AttributeSet(target.id(), name, Values.plain(scope.evaluate(expression)))));
                case Operation.SetVariables set -> {
                    set.values().forEach((name, expression) -> apply(new Effect.VariableSet(name, Values.plain(scope.evaluate(expression)))));
                    if (set.merge() != null) {
                        Object values = scope.evaluate(set.merge());
                        if (values instanceof Map<?, ?> map) {
                            map.forEach((name, value) -> apply(new Effect.VariableSet(name.toString(), Values.plain(value))));
                        } else if (values != null) {
                            throw failure(trigger, operation, "variables: '" + set.merge() + "' gave " + values + ", not a map");
                        }
                    }
                }
                case Operation.Create create -> {
                    TypeDef type = spec.metaModel().type(create.type());
                    String id = state.nextObjectId(type.name());
                    apply(new Effect.Created(id, type.name(), null, type.initial()));
                    RuntimeObject created = state.object(id);
                    create.values().forEach((name, expression) -> apply(new Effect.AttributeSet(id, name, Values.plain(scope.evaluate(expression)))));
                    if (create.as() != null) {
                        scope.bind(create.as(), functions.view(created));
                    }
                    changed(created);
                }
                case Operation.ForEach forEach -> {
                    Object items = scope.evaluate(forEach.items());
                    if (!(items instanceof Collection<?> collection)) {
                        throw failure(trigger, operation, "forEach: '" + forEach.items() + "' gave " + items + ", not a list");
                    }
                    for (Object item : List.copyOf(collection)) {
                        run(forEach.operations(), scope.with(forEach.as(), item), self, trigger);
                    }
                }
                case Operation.Block block -> run(block.operations(), scope, target, trigger);
                case Operation.Raise raise -> queue.add(new PendingEvent(raise.event(), target.id(), values(raise.values(), scope)));
                case Operation.Send send -> {
                    ExternalOperationDef definition = spec.externalOperations().get(send.operation());
                    Object to = send.to() == null ? null : scope.evaluate(send.to());
                    record(new Effect.Sent(nextKey(), send.operation(), definition.to(), to == null ? null : to.toString(), target.id(),
                            values(send.values(), scope)));
                }
                case Operation.Schedule schedule -> {
                    long after = milliseconds(scope.evaluate(schedule.after()), trigger, operation);
                    long due;
                    try {
                        due = Math.addExact(now, after);
                    } catch (ArithmeticException beyondTime) { // wrapped round, it would fire at once
                        throw failure(trigger, operation, "after: " + after + " ms is further ahead than time can be counted");
                    }
                    record(new Effect.Scheduled(timerKey(target, schedule.event()), schedule.event(), target.id(), due));
                }
                case Operation.Unschedule unschedule -> record(new Effect.Unscheduled(timerKey(target, unschedule.event())));
            }
        }

        /** The idempotency key of the next outbox entry this transaction sends. */
        String nextKey() {
            return state.id() + ":" + transaction + ":" + (++sent);
        }

        String timerKey(RuntimeObject target, String event) {
            return state.id() + "/" + target.id() + "/" + event;
        }

        void enter(RuntimeObject target, String next, Operation operation, Trigger trigger) {
            TypeDef type = spec.metaModel().type(target.type());
            if (!type.states().contains(next)) {
                throw failure(trigger, operation, "'" + next + "' is not a state of " + target.type() + " " + type.states()
                        + " (object " + target.id() + ")");
            }
            if (next.equals(target.state())) {
                return;
            }
            apply(new Effect.StateChanged(target.id(), target.state(), next));
            changed(target);
        }

        /** Raises every internal event whose condition holds for {@code object} after a change of its state. */
        void changed(RuntimeObject object) {
            for (EventDef event : internalByType.getOrDefault(object.type(), List.of())) {
                if (scope(object, Map.of()).holds(event.when())) {
                    queue.add(new PendingEvent(event.name(), object.id(), Map.of()));
                }
            }
        }

        RuntimeObject object(Object reference, Operation operation, Trigger trigger) {
            String id = reference instanceof ObjectView view ? view.object().id()
                    : reference instanceof Map<?, ?> map && map.get("id") != null ? map.get("id").toString()
                    : reference == null ? null : reference.toString();
            RuntimeObject object = id == null ? null : state.object(id);
            if (object == null) {
                throw failure(trigger, operation, "of: '" + operation.of() + "' gave " + reference + ", which is no object of instance " + state.id());
            }
            return object;
        }

        Map<String, Object> values(Map<String, String> expressions, Scope scope) {
            var values = new LinkedHashMap<String, Object>();
            expressions.forEach((name, expression) -> values.put(name, Values.plain(scope.evaluate(expression))));
            return values;
        }

        long milliseconds(Object value, Trigger trigger, Operation operation) {
            if (value instanceof Long || value instanceof Integer) {
                return ((Number) value).longValue();
            }
            if (value instanceof Number number && Double.isFinite(number.doubleValue()) && Math.abs(number.doubleValue()) < 0x1p62) {
                return number.longValue();
            }
            if (value instanceof Duration duration) {
                return duration.toMillis();
            }
            if (value instanceof String text && Scalars.duration(text) != null) {
                return Scalars.duration(text).toMillis();
            }
            throw failure(trigger, operation, "after: gave " + value + ", not milliseconds or a duration");
        }

        EventRejected failure(Trigger trigger, Operation operation, String message) {
            return new EventRejected(trigger.file() + ":" + operation.line() + ": " + trigger.name() + ": " + message);
        }
    }
}
