package io.tilework.process.spec;

import io.tilework.process.failure.MalformedYaml;
import io.tilework.process.meta.AttributeDef;
import io.tilework.process.meta.AttributeType;
import io.tilework.process.meta.MetaModel;
import io.tilework.process.meta.TypeDef;
import io.tilework.process.yaml.Excerpt;
import io.tilework.process.yaml.Scalars;
import io.tilework.process.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a behaviour specification from YAML (the format is in the module's README). A file may
 * {@code extends} another specification: it adds types, attributes, states, events, actors,
 * operations and triggers to it without repeating it.
 */
public final class SpecReader {

    private static final Set<String> TOP = Set.of("metamodel", "description", "extends", "types", "events", "actors",
            "externalOperations", "triggers", "constraints");
    private static final Set<String> OPERATION_KEYS = Set.of("state", "set", "variables", "create", "forEach", "raise",
            "send", "schedule", "unschedule", "do");

    private final Function<String, BehaviourSpec> specs;
    private final Problems problems = new Problems();

    /** @param specs finds a specification named by {@code extends} (null if unknown) */
    public SpecReader(Function<String, BehaviourSpec> specs) {
        this.specs = specs;
    }

    /** The file name messages give a stored specification's text: its meta-model's name, in its form. */
    public static String fileName(String text) {
        String form = YamlNode.isXml("", text) ? ".xml" : ".yaml";
        try {
            YamlNode name = YamlNode.parse("specification" + form, text).get("metamodel");
            return (name == null || !name.isScalar() || name.isNull() ? "specification" : name.text("metamodel")) + form;
        } catch (MalformedYaml e) {
            return "specification" + form;
        }
    }

    /** Reads and validates {@code text}; throws listing every problem. */
    public static BehaviourSpec read(String file, String text, Function<String, BehaviourSpec> specs) {
        SpecReader reader = new SpecReader(specs);
        BehaviourSpec spec = reader.parse(file, text);
        reader.problems.throwIfAny();
        return spec;
    }

    /** Parses {@code text}, collecting problems instead of stopping at the first; null if it is unusable. */
    public BehaviourSpec parse(String file, String text) {
        YamlNode root;
        try {
            root = YamlNode.parse(file, text);
        } catch (MalformedYaml e) {
            problems.add(e.file(), e.line(), "", e.reason());
            return null;
        }
        if (!root.isMapping()) {
            problems.add(root, "", "a specification is a mapping with metamodel, types, events, actors, externalOperations and triggers");
            return null;
        }
        for (var entry : root.entries("the specification").entrySet()) {
            if (!TOP.contains(entry.getKey())) {
                problems.add(entry.getValue(), entry.getKey(), "unknown section; expected one of " + TOP);
            }
        }
        String name = scalar(root.get("metamodel"), "metamodel");
        if (name == null) {
            problems.add(root, "", "metamodel: the specification's name is missing");
            name = "?";
        }
        BehaviourSpec base = null;
        String extendsName = scalar(root.get("extends"), "extends");
        if (extendsName != null) {
            base = specs.apply(extendsName);
            if (base == null) {
                problems.add(root.get("extends"), "extends", "unknown specification '" + extendsName + "'");
            }
        }
        var types = new LinkedHashMap<String, TypeDef>(base == null ? Map.of() : base.metaModel().types());
        var events = new LinkedHashMap<String, EventDef>(base == null ? Map.of() : base.events());
        var actors = new LinkedHashMap<String, ActorDef>(base == null ? Map.of() : base.actors());
        var operations = new LinkedHashMap<String, ExternalOperationDef>(base == null ? Map.of() : base.externalOperations());
        var triggers = new ArrayList<Trigger>(base == null ? List.of() : base.triggers());
        var constraints = new ArrayList<Constraint>(base == null ? List.of() : base.constraints());

        mapping(root.get("types"), "types").forEach((typeName, node) -> readType(typeName, node, types));
        mapping(root.get("events"), "events").forEach((eventName, node) -> {
            if (events.containsKey(eventName)) {
                problems.add(node, eventName, "event defined twice");
            }
            EventDef event = readEvent(eventName, node);
            if (event != null) {
                events.put(eventName, event);
            }
        });
        mapping(root.get("actors"), "actors").forEach((actorName, node) -> {
            if (actors.containsKey(actorName)) {
                problems.add(node, actorName, "actor defined twice");
            }
            String kind = node.isMapping() ? scalar(node.get("kind"), "kind") : scalar(node, "actor");
            String type = node.isMapping() ? scalar(node.get("type"), "type") : null;
            actors.put(actorName, new ActorDef(actorName, kind == null ? "application" : kind, type, node.line()));
        });
        mapping(root.get("externalOperations"), "externalOperations").forEach((opName, node) -> {
            if (operations.containsKey(opName)) {
                problems.add(node, opName, "external operation defined twice");
            }
            String to = node.isMapping() ? scalar(node.get("to"), "to") : null;
            if (to == null) {
                problems.add(node, opName, "to: the actor that receives it is missing");
            }
            operations.put(opName, new ExternalOperationDef(opName, to, fields(node.get("parameters"), opName), node.line()));
        });
        YamlNode triggerList = root.get("triggers");
        if (triggerList != null) {
            for (YamlNode node : triggerList.items()) {
                Trigger trigger = readTrigger(node, file);
                if (trigger != null) {
                    triggers.add(trigger);
                }
            }
        }
        YamlNode constraintList = root.get("constraints");
        if (constraintList != null) {
            for (YamlNode node : constraintList.items()) {
                String check = node.isMapping() ? scalar(node.get("check"), "check") : null;
                String message = node.isMapping() ? scalar(node.get("message"), "message") : null;
                if (check == null || message == null) {
                    problems.add(node, "constraint", "a constraint has check (a condition) and message, and optionally forEach: TYPE");
                    continue;
                }
                constraints.add(new Constraint(scalar(node.get("forEach"), "forEach"), check, message, node.line()));
            }
        }
        List<String> source = new ArrayList<>(base == null ? List.of() : base.source());
        source.add(text);
        BehaviourSpec spec = new BehaviourSpec(new MetaModel(name, types), events, actors, operations, triggers, constraints, file, source);
        SpecValidator.validate(spec, problems);
        return spec;
    }

    public List<Problem> problems() {
        return problems.list();
    }

    private void readType(String typeName, YamlNode node, Map<String, TypeDef> types) {
        TypeDef existing = types.get(typeName);
        if (!node.isMapping() && !node.isNull()) {
            problems.add(node, typeName, "a type is a mapping (attributes, states, initial, final, root, runtime)");
            return;
        }
        for (String key : node.isNull() ? Set.<String>of() : node.entries(typeName).keySet()) {
            if (!Set.of("attributes", "states", "initial", "final", "root", "runtime", "description").contains(key)) {
                problems.add(node.get(key), typeName, "unknown key '" + key + "'; expected attributes, states, initial, final, root, runtime");
            }
        }
        var attributes = new LinkedHashMap<String, AttributeDef>(existing == null ? Map.of() : existing.attributes());
        mapping(node.get("attributes"), typeName + ".attributes").forEach((attributeName, attributeNode) -> {
            AttributeDef attribute = readAttribute(typeName, attributeName, attributeNode);
            if (attribute != null) {
                attributes.put(attributeName, attribute);
            }
        });
        var states = new ArrayList<String>(existing == null ? List.of() : existing.states());
        for (String state : strings(node.get("states"), typeName + ".states")) {
            if (!states.contains(state)) {
                states.add(state);
            }
        }
        String initial = scalar(node.get("initial"), "initial");
        if (initial == null && existing != null) {
            initial = existing.initial();
        }
        if (initial == null && !states.isEmpty()) {
            initial = states.getFirst();
        }
        Set<String> finals = new LinkedHashSet<>(existing == null ? Set.of() : existing.finals());
        finals.addAll(strings(node.get("final"), typeName + ".final"));
        boolean root = flag(node.get("root"), existing != null && existing.root());
        boolean runtime = flag(node.get("runtime"), existing != null && existing.runtime());
        types.put(typeName, new TypeDef(typeName, attributes, List.copyOf(states), initial, Set.copyOf(finals), root, runtime,
                node.file(), existing == null ? node.line() : existing.line()));
    }

    private AttributeDef readAttribute(String typeName, String name, YamlNode node) {
        String element = typeName + "." + name;
        String typeText;
        YamlNode values = null;
        YamlNode defaultNode = null;
        YamlNode namesNode = null;
        boolean required = false;
        if (node.isMapping()) {
            namesNode = node.get("names");
            typeText = scalar(node.get("type"), "type");
            values = node.get("values");
            defaultNode = node.get("default");
            required = flag(node.get("required"), false);
            if (typeText == null) {
                typeText = values != null ? "string" : "any";
            }
        } else {
            typeText = scalar(node, element);
            if (typeText == null) {
                typeText = "any";
            }
        }
        String refType = null;
        String[] words = typeText.trim().split("\\s+");
        if (words.length == 2 && words[0].equals("ref")) {
            refType = words[1];
            typeText = "ref";
        } else if (node.isMapping() && node.get("to") != null) {
            refType = scalar(node.get("to"), "to");
        }
        AttributeType type = AttributeType.named(words.length == 2 ? "ref" : typeText);
        if (type == null) {
            problems.add(node, element, "unknown attribute type '" + typeText + "'; expected one of string, int, number, boolean, "
                    + "duration, map, list, expression, any, or 'ref TYPE'");
            return null;
        }
        if (type == AttributeType.REF && refType == null) {
            problems.add(node, element, "a reference names the type it refers to: 'ref TYPE'");
        }
        List<String> allowed = strings(values, element + ".values");
        Object defaultValue = defaultNode == null ? null : defaultNode.plain();
        if (defaultValue != null && type == AttributeType.DURATION) {
            var duration = Scalars.duration(defaultValue.toString());
            if (duration == null) {
                problems.add(defaultNode, element, "default '" + defaultValue + "' is not a duration (e.g. 250ms, 30s, 5m, PT1H)");
            } else {
                defaultValue = duration.toMillis();
            }
        }
        List<String> names = strings(namesNode, element + ".names");
        if (!names.isEmpty() && type != AttributeType.EXPRESSION) {
            problems.add(namesNode, element, "names: only an expression attribute has them (the names its conditions read besides the variables)");
        }
        return new AttributeDef(name, type, refType, allowed, defaultValue, required, List.copyOf(names), node.line());
    }

    private EventDef readEvent(String name, YamlNode node) {
        if (!node.isMapping()) {
            problems.add(node, name, "an event is a mapping with one of external, internal, temporal, raised or fault naming its type");
            return null;
        }
        EventKind kind = null;
        String target = null;
        for (EventKind candidate : EventKind.values()) {
            YamlNode targetNode = node.get(candidate.name().toLowerCase(java.util.Locale.ROOT));
            if (targetNode != null) {
                if (kind != null) {
                    problems.add(targetNode, name, "an event has one kind; it says both " + kind.name().toLowerCase(java.util.Locale.ROOT)
                            + " and " + candidate.name().toLowerCase(java.util.Locale.ROOT));
                }
                kind = candidate;
                target = scalar(targetNode, name);
            }
        }
        for (String key : node.entries(name).keySet()) {
            if (!Set.of("external", "internal", "temporal", "raised", "fault", "from", "schema", "when", "accept", "defer", "description").contains(key)) {
                problems.add(node.get(key), name, "unknown key '" + Excerpt.of(key) + "'; expected external|internal|temporal|raised|fault, from, schema, when, accept, defer");
            }
        }
        if (kind == null) {
            problems.add(node, name, "say which kind of event it is: external, internal, temporal, raised or fault, with its type (e.g. internal: Activity)");
            return null;
        }
        String when = scalar(node.get("when"), "when");
        if (kind == EventKind.INTERNAL && when == null) {
            problems.add(node, name, "an internal event needs a condition on the changed object (when: \"self.state == 'done'\")");
        }
        return new EventDef(name, kind, target, scalar(node.get("from"), "from"), fields(node.get("schema"), name), when,
                acceptance(node.get("accept"), name), scalar(node.get("defer"), "defer"), node.line());
    }

    /**
     * {@code accept}: a condition (rejected with the engine's message), or a list of
     * {@code {check: CONDITION, message: EXPRESSION}} tried in order (rejected with the first failing check's message).
     */
    private List<EventDef.Acceptance> acceptance(YamlNode node, String event) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isScalar()) {
            return List.of(new EventDef.Acceptance(node.text("accept"), null));
        }
        if (node.isMapping()) {
            problems.add(node, event, "accept is a condition, or a list of {check: CONDITION, message: EXPRESSION}");
            return List.of();
        }
        var checks = new ArrayList<EventDef.Acceptance>();
        for (YamlNode item : node.items()) {
            String check = item.isMapping() ? scalar(item.get("check"), "check") : null;
            if (check == null) {
                problems.add(item, event, "an item of accept is {check: CONDITION, message: EXPRESSION} (message optional)");
                continue;
            }
            for (String key : item.entries(event).keySet()) {
                if (!Set.of("check", "message").contains(key)) {
                    problems.add(item.get(key), event, "unknown key '" + Excerpt.of(key) + "' in accept; expected check, message");
                }
            }
            checks.add(new EventDef.Acceptance(check, scalar(item.get("message"), "message")));
        }
        return List.copyOf(checks);
    }

    private Trigger readTrigger(YamlNode node, String file) {
        if (!node.isMapping()) {
            problems.add(node, "trigger", "a trigger is a mapping: on, when, do");
            return null;
        }
        String event = scalar(node.get("on"), "on");
        String name = scalar(node.get("name"), "name");
        String label = name != null ? name : "trigger on " + event;
        if (event == null) {
            problems.add(node, label, "on: the event it reacts to is missing");
        }
        for (String key : node.entries(label).keySet()) {
            if (!Set.of("name", "on", "when", "do", "async", "description").contains(key)) {
                problems.add(node.get(key), label, "unknown key '" + key + "'; expected name, on, when, async, do");
            }
        }
        List<Operation> operations = operations(node.get("do"), label);
        return new Trigger(label, event, scalar(node.get("when"), "when"), flag(node.get("async"), false), operations, file, node.line());
    }

    private List<Operation> operations(YamlNode list, String trigger) {
        if (list == null) {
            return List.of();
        }
        var operations = new ArrayList<Operation>();
        for (YamlNode node : list.items()) {
            Operation operation = operation(node, trigger);
            if (operation != null) {
                operations.add(operation);
            }
        }
        return List.copyOf(operations);
    }

    private Operation operation(YamlNode node, String trigger) {
        if (!node.isMapping()) {
            problems.add(node, trigger, "an operation is a mapping such as {state: done} or {send: notify, to: ...}");
            return null;
        }
        var keys = node.entries(trigger).keySet();
        var main = keys.stream().filter(OPERATION_KEYS::contains).toList();
        // "set" and "do" are also modifiers of create and forEach; the first key decides.
        String kind = main.contains("forEach") ? "forEach" : main.contains("create") ? "create" : main.isEmpty() ? null : main.getFirst();
        if (kind == null) {
            problems.add(node, trigger, "unknown operation " + keys + "; expected one of " + OPERATION_KEYS);
            return null;
        }
        String of = scalar(node.get("of"), "of");
        String when = scalar(node.get("when"), "when");
        int line = node.line();
        return switch (kind) {
            case "state" -> new Operation.SetState(scalar(node.get("state"), "state"), of, when, line);
            case "set" -> new Operation.SetAttributes(expressions(node.get("set"), trigger), of, when, line);
            case "variables" -> node.get("variables").isMapping()
                    ? new Operation.SetVariables(expressions(node.get("variables"), trigger), null, of, when, line)
                    : new Operation.SetVariables(Map.of(), scalar(node.get("variables"), "variables"), of, when, line);
            case "create" -> new Operation.Create(scalar(node.get("create"), "create"), expressions(node.get("set"), trigger),
                    scalar(node.get("as"), "as"), of, when, line);
            case "forEach" -> {
                String as = scalar(node.get("as"), "as");
                if (as == null) {
                    problems.add(node, trigger, "forEach needs as: the name of the item in its operations");
                }
                yield new Operation.ForEach(scalar(node.get("forEach"), "forEach"), as, operations(node.get("do"), trigger), of, when, line);
            }
            case "do" -> new Operation.Block(operations(node.get("do"), trigger), of, when, line);
            case "raise" -> new Operation.Raise(scalar(node.get("raise"), "raise"), expressions(node.get("with"), trigger), of, when, line);
            case "send" -> new Operation.Send(scalar(node.get("send"), "send"), scalar(node.get("to"), "to"),
                    expressions(node.get("with"), trigger), of, when, line);
            case "schedule" -> {
                String after = scalar(node.get("after"), "after");
                if (after == null) {
                    problems.add(node, trigger, "schedule needs after: an expression giving milliseconds or a duration");
                }
                yield new Operation.Schedule(scalar(node.get("schedule"), "schedule"), after, of, when, line);
            }
            case "unschedule" -> new Operation.Unschedule(scalar(node.get("unschedule"), "unschedule"), of, when, line);
            default -> throw new IllegalStateException(kind);
        };
    }

    private Map<String, String> expressions(YamlNode node, String element) {
        var result = new LinkedHashMap<String, String>();
        mapping(node, element).forEach((key, value) -> {
            String text = scalar(value, key);
            result.put(key, text == null ? "null" : text);
        });
        return result;
    }

    private Map<String, String> fields(YamlNode node, String element) {
        return expressions(node, element);
    }

    private Map<String, YamlNode> mapping(YamlNode node, String what) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isMapping()) {
            problems.add(node, what, "must be a mapping of names to values");
            return Map.of();
        }
        return node.entries(what);
    }

    private List<String> strings(YamlNode node, String what) {
        if (node == null) {
            return List.of();
        }
        var result = new ArrayList<String>();
        for (YamlNode item : node.items()) {
            String text = scalar(item, what);
            if (text != null) {
                result.add(text);
            }
        }
        return result;
    }

    private String scalar(YamlNode node, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isScalar()) {
            problems.add(node, what, "must be a single value, not a " + (node.isMapping() ? "mapping" : "list"));
            return null;
        }
        return node.text(what);
    }

    private boolean flag(YamlNode node, boolean otherwise) {
        String text = scalar(node, "flag");
        return text == null ? otherwise : Boolean.parseBoolean(text);
    }
}
