package io.tilework.process.spec;

import io.tilework.process.expression.Expressions;
import io.tilework.process.meta.AttributeDef;
import io.tilework.process.meta.AttributeType;
import io.tilework.process.meta.TypeDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static checks of a behaviour specification: every name it uses is defined, every expression
 * compiles, every state can be entered, every event has a trigger, and no chain of internal
 * events can feed itself without a condition to stop it.
 */
final class SpecValidator {

    private final BehaviourSpec spec;
    private final Problems problems;
    private final Set<String> enteredStates = new HashSet<>();
    private final Map<String, Set<String>> unconditionalEffects = new HashMap<>();

    private SpecValidator(BehaviourSpec spec, Problems problems) {
        this.spec = spec;
        this.problems = problems;
    }

    static void validate(BehaviourSpec spec, Problems problems) {
        new SpecValidator(spec, problems).run();
    }

    private void run() {
        String file = spec.file();
        var types = spec.metaModel().types();
        long roots = types.values().stream().filter(TypeDef::root).count();
        if (roots != 1) {
            problems.add(file, 1, "types", roots == 0 ? "no type is the root (root: true): the type of a model's instances"
                    : "more than one type says root: true");
        }
        types.values().forEach(this::checkType);
        spec.actors().values().forEach(actor -> {
            if (!Set.of("person", "role", "application", "engine").contains(actor.kind())) {
                problems.add(file, actor.line(), actor.name(), "unknown actor kind '" + actor.kind() + "'; expected person, role, application or engine");
            }
            if (actor.type() != null && !types.containsKey(actor.type())) {
                problems.add(file, actor.line(), actor.name(), "unknown type '" + actor.type() + "'");
            }
        });
        spec.externalOperations().values().forEach(operation -> {
            if (operation.to() != null && !spec.actors().containsKey(operation.to())) {
                problems.add(file, operation.line(), operation.name(), "unknown actor '" + operation.to() + "'; actors: " + spec.actors().keySet());
            }
        });
        spec.events().values().forEach(this::checkEvent);
        List<EventDef> faults = spec.events().values().stream().filter(e -> e.kind() == EventKind.FAULT).toList();
        if (faults.size() > 1) {
            problems.add(file, faults.get(1).line(), faults.get(1).name(), "a second event of kind fault (" + faults.getFirst().name()
                    + " is one): the engine raises one when a model's condition fails");
        }
        TypeDef rootType = types.values().stream().filter(TypeDef::root).findFirst().orElse(null);
        for (EventDef fault : faults) {
            if (rootType != null && !rootType.name().equals(fault.target())) {
                problems.add(file, fault.line(), fault.name(), "an event of kind fault is about the root type " + rootType.name()
                        + ", not " + fault.target());
            }
        }
        Set<String> triggered = new HashSet<>();
        for (Trigger trigger : spec.triggers()) {
            EventDef event = trigger.event() == null ? null : spec.event(trigger.event());
            if (trigger.event() != null && event == null) {
                problems.add(trigger.file(), trigger.line(), trigger.name(), "unknown event '" + trigger.event() + "'; events: " + spec.events().keySet());
            }
            triggered.add(trigger.event());
            expression(trigger.file(), trigger.line(), trigger.name(), trigger.when());
            boolean unconditional = trigger.when() == null;
            for (Operation operation : trigger.operations()) {
                checkOperation(trigger, event == null ? null : event.target(), operation, unconditional);
            }
        }
        for (EventDef event : spec.events().values()) {
            if (!triggered.contains(event.name())) {
                problems.add(file, event.line(), event.name(), "event with no trigger: nothing happens when it occurs");
            }
        }
        for (TypeDef type : types.values()) {
            for (String state : type.states()) {
                if (!state.equals(type.initial()) && !enteredStates.contains(state)) {
                    problems.add(type.file(), type.line(), type.name(), "unreachable state '" + state + "': it is not the initial state and no operation enters it");
                }
            }
        }
        for (Constraint constraint : spec.constraints()) {
            if (constraint.type() != null && !types.containsKey(constraint.type())) {
                problems.add(file, constraint.line(), "constraint", "forEach: unknown type '" + constraint.type() + "'");
            }
            expression(file, constraint.line(), "constraint", constraint.check());
        }
        checkInternalCycles();
    }

    private void checkType(TypeDef type) {
        if (!type.hasStates() && (type.root() || type.runtime())) {
            problems.add(type.file(), type.line(), type.name(), (type.root() ? "the root type" : "a runtime type") + " needs states");
        }
        if (type.hasStates() && !type.states().contains(type.initial())) {
            problems.add(type.file(), type.line(), type.name(), "initial state '" + type.initial() + "' is not one of its states " + type.states());
        }
        for (String state : type.finals()) {
            if (!type.states().contains(state)) {
                problems.add(type.file(), type.line(), type.name(), "final state '" + state + "' is not one of its states " + type.states());
            }
        }
        for (AttributeDef attribute : type.attributes().values()) {
            String element = type.name() + "." + attribute.name();
            if (attribute.type() == AttributeType.REF && attribute.refType() != null && spec.metaModel().type(attribute.refType()) == null) {
                problems.add(type.file(), attribute.line(), element, "refers to unknown type '" + attribute.refType() + "'");
            }
            if (attribute.defaultValue() != null && !attribute.values().isEmpty() && !attribute.values().contains(attribute.defaultValue().toString())) {
                problems.add(type.file(), attribute.line(), element, "default '" + attribute.defaultValue() + "' is not one of " + attribute.values());
            }
        }
    }

    private void checkEvent(EventDef event) {
        String file = spec.file();
        TypeDef target = event.target() == null ? null : spec.metaModel().type(event.target());
        if (target == null) {
            problems.add(file, event.line(), event.name(), "unknown type '" + event.target() + "'; types: " + spec.metaModel().types().keySet());
        } else if (!target.hasStates()) {
            problems.add(file, event.line(), event.name(), "type " + target.name() + " has no states, so it has no runtime objects for events to be about");
        }
        if (event.kind() == EventKind.EXTERNAL) {
            if (event.from() == null) {
                problems.add(file, event.line(), event.name(), "from: the actor that sends it is missing");
            } else if (!spec.actors().containsKey(event.from())) {
                problems.add(file, event.line(), event.name(), "unknown actor '" + event.from() + "'; actors: " + spec.actors().keySet());
            }
        }
        expression(file, event.line(), event.name(), event.when());
        for (EventDef.Acceptance acceptance : event.accept()) {
            expression(file, event.line(), event.name(), acceptance.check());
            expression(file, event.line(), event.name(), acceptance.message());
        }
        expression(file, event.line(), event.name(), event.defer());
    }

    private void checkOperation(Trigger trigger, String selfType, Operation operation, boolean unconditional) {
        String file = trigger.file();
        int line = operation.line();
        String element = trigger.name();
        expression(file, line, element, operation.of());
        expression(file, line, element, operation.when());
        String type = operation.of() == null ? selfType : null;
        boolean always = unconditional && operation.when() == null;
        switch (operation) {
            case Operation.SetState set -> {
                if (set.state() == null) {
                    problems.add(file, line, element, "state: the state to enter is missing");
                    return;
                }
                enteredStates.add(set.state());
                TypeDef known = type == null ? null : spec.metaModel().type(type);
                if (known != null && !known.states().contains(set.state())) {
                    problems.add(file, line, element, "'" + set.state() + "' is not a state of " + type + " " + known.states());
                } else if (known == null && spec.metaModel().types().values().stream().noneMatch(t -> t.states().contains(set.state()))) {
                    problems.add(file, line, element, "'" + set.state() + "' is not a state of any type");
                }
                if (always) {
                    unconditionalEffects.computeIfAbsent(trigger.event(), k -> new LinkedHashSet<>()).add("state:" + set.state());
                }
            }
            case Operation.SetAttributes set -> set.values().values().forEach(v -> expression(file, line, element, v));
            case Operation.SetVariables set -> {
                set.values().values().forEach(v -> expression(file, line, element, v));
                expression(file, line, element, set.merge());
            }
            case Operation.Create create -> {
                TypeDef created = create.type() == null ? null : spec.metaModel().type(create.type());
                if (created == null) {
                    problems.add(file, line, element, "create: unknown type '" + create.type() + "'");
                } else if (!created.runtime()) {
                    problems.add(file, line, element, "create: " + create.type() + " is not a runtime type (runtime: true)");
                } else {
                    enteredStates.add(created.initial());
                }
                create.values().values().forEach(v -> expression(file, line, element, v));
            }
            case Operation.ForEach forEach -> {
                expression(file, line, element, forEach.items());
                forEach.operations().forEach(o -> checkOperation(trigger, null, o, false));
            }
            case Operation.Block block -> block.operations().forEach(o -> checkOperation(trigger, type, o, always));
            case Operation.Raise raise -> {
                EventDef raised = spec.event(raise.event());
                if (raised == null || raised.kind() != EventKind.RAISED) {
                    problems.add(file, line, element, "raise: '" + raise.event() + "' is not an event of kind raised");
                } else if (always) {
                    unconditionalEffects.computeIfAbsent(trigger.event(), k -> new LinkedHashSet<>()).add("event:" + raise.event());
                }
                raise.values().values().forEach(v -> expression(file, line, element, v));
            }
            case Operation.Send send -> {
                ExternalOperationDef target = spec.externalOperations().get(send.operation());
                if (target == null) {
                    problems.add(file, line, element, "send: unknown external operation '" + send.operation() + "'; operations: " + spec.externalOperations().keySet());
                } else {
                    for (var field : target.parameters().entrySet()) {
                        if (!field.getValue().endsWith("?") && !send.values().containsKey(field.getKey())) {
                            problems.add(file, line, element, "send " + send.operation() + ": parameter '" + field.getKey() + "' is missing");
                        }
                    }
                    for (String given : send.values().keySet()) {
                        if (!target.parameters().containsKey(given)) {
                            problems.add(file, line, element, "send " + send.operation() + ": unknown parameter '" + given + "'; expected " + target.parameters().keySet());
                        }
                    }
                }
                expression(file, line, element, send.to());
                send.values().values().forEach(v -> expression(file, line, element, v));
            }
            case Operation.Schedule schedule -> {
                temporal(file, line, element, "schedule", schedule.event());
                expression(file, line, element, schedule.after());
            }
            case Operation.Unschedule unschedule -> temporal(file, line, element, "unschedule", unschedule.event());
        }
    }

    private void temporal(String file, int line, String element, String operation, String event) {
        EventDef timer = event == null ? null : spec.event(event);
        if (timer == null || timer.kind() != EventKind.TEMPORAL) {
            problems.add(file, line, element, operation + ": '" + event + "' is not an event of kind temporal");
        }
    }

    private void expression(String file, int line, String element, String text) {
        if (text == null) {
            return;
        }
        String problem = Expressions.check(text);
        if (problem != null) {
            problems.add(file, line, element, problem);
        }
    }

    /**
     * Internal event E leads to F if a trigger on E enters, with no condition on the way, a state
     * that F's condition names (or raises F). A cycle of such edges never quiesces.
     */
    private void checkInternalCycles() {
        Map<String, List<String>> next = new HashMap<>();
        for (EventDef from : spec.events().values()) {
            var targets = new ArrayList<String>();
            for (String effect : unconditionalEffects.getOrDefault(from.name(), Set.of())) {
                for (EventDef to : spec.events().values()) {
                    boolean raised = effect.equals("event:" + to.name());
                    boolean entered = to.kind() == EventKind.INTERNAL && effect.startsWith("state:")
                            && to.when() != null && to.when().contains("'" + effect.substring(6) + "'");
                    if (raised || entered) {
                        targets.add(to.name());
                    }
                }
            }
            next.put(from.name(), targets);
        }
        Set<String> done = new HashSet<>();
        for (String start : spec.events().keySet()) {
            var path = new ArrayList<String>();
            if (cycle(start, next, path, new HashSet<>(), done)) {
                EventDef first = spec.event(path.getFirst());
                problems.add(spec.file(), first.line(), first.name(), "cycle of internal events with no condition to end it: " + String.join(" -> ", path));
                return;
            }
        }
    }

    private static boolean cycle(String event, Map<String, List<String>> next, List<String> path, Set<String> onPath, Set<String> done) {
        if (onPath.contains(event)) {
            path.subList(0, path.indexOf(event)).clear();
            path.add(event);
            return true;
        }
        if (!done.add(event)) {
            return false;
        }
        onPath.add(event);
        path.add(event);
        for (String to : next.getOrDefault(event, List.of())) {
            if (cycle(to, next, path, onPath, done)) {
                return true;
            }
        }
        onPath.remove(event);
        path.removeLast();
        return false;
    }
}
