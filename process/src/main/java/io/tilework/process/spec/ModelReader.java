package io.tilework.process.spec;

import io.tilework.process.expression.ElementView;
import io.tilework.process.expression.ExpressionFunctions;
import io.tilework.process.expression.Expressions;
import io.tilework.process.expression.Scope;
import io.tilework.process.failure.ExpressionFailed;
import io.tilework.process.failure.MalformedYaml;
import io.tilework.process.meta.AttributeDef;
import io.tilework.process.meta.AttributeType;
import io.tilework.process.meta.Element;
import io.tilework.process.meta.Model;
import io.tilework.process.meta.TypeDef;
import io.tilework.process.yaml.Excerpt;
import io.tilework.process.yaml.Scalars;
import io.tilework.process.yaml.YamlNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a model and checks it against its meta-model: types and attributes exist, values have
 * their type and allowed values, references name elements of the right type, expressions
 * compile, and the specification's constraints hold. Every problem is reported with its line.
 *
 * <pre>
 * model: review
 * conformsTo: workflow
 * variables: {amount: 0}
 * Activity:
 *   check: {kind: job, job: process.sleep}
 * Transition:
 *   t1: {source: start, target: check}
 * </pre>
 */
public final class ModelReader {

    private static final Set<String> TOP = Set.of("model", "conformsTo", "description", "variables");
    /** The longest duration a model may give (a timeout, a back-off): beyond it, a time is a mistake. */
    private static final Duration LONGEST = Duration.ofDays(36_525);

    private final Problems problems = new Problems();
    private final boolean constraints;
    /** Other models by name, for the constraints' {@code ctx.model(NAME)}; null if unknown. */
    private final Function<String, Model> models;
    /** The model's variables, which its conditions may read. */
    private final Set<String> declared = new java.util.TreeSet<>();

    private ModelReader(boolean constraints, Function<String, Model> models) {
        this.constraints = constraints;
        this.models = models;
    }

    /** Reads and checks a model; throws listing every problem. */
    public static Model read(String file, String text, Function<String, BehaviourSpec> specs) {
        return read(file, text, specs, name -> null);
    }

    /** As {@link #read(String, String, Function)}, the constraints finding other models by name with {@code models}. */
    public static Model read(String file, String text, Function<String, BehaviourSpec> specs, Function<String, Model> models) {
        return read(file, text, specs, true, models);
    }

    /**
     * The model in {@code text} as far as it can be read, its problems and constraints ignored;
     * null if it is not a model at all. What another model's constraints see of it ({@code ctx.model}).
     */
    public static Model peek(String file, String text, Function<String, BehaviourSpec> specs) {
        try {
            return new ModelReader(false, name -> null).parse(file, text, specs);
        } catch (RuntimeException unreadable) { // a model that cannot be read is, to another one, no model
            return null;
        }
    }

    /**
     * Reads a model deployed earlier, for the instances that run it. The specification's
     * constraints were checked when it was deployed and are not checked again: a constraint added
     * since (a newer pack) must not stop instances that are already running.
     */
    public static Model readDeployed(String file, String text, Function<String, BehaviourSpec> specs) {
        return read(file, text, specs, false, name -> null);
    }

    private static Model read(String file, String text, Function<String, BehaviourSpec> specs, boolean constraints,
                              Function<String, Model> models) {
        ModelReader reader = new ModelReader(constraints, models);
        Model model = reader.parse(file, text, specs);
        reader.problems.throwIfAny();
        return model;
    }

    /** Every problem of the model, empty if it is valid. */
    public static List<Problem> check(String file, String text, Function<String, BehaviourSpec> specs) {
        return check(file, text, specs, name -> null);
    }

    /** As {@link #check(String, String, Function)}, the constraints finding other models by name with {@code models}. */
    public static List<Problem> check(String file, String text, Function<String, BehaviourSpec> specs, Function<String, Model> models) {
        ModelReader reader = new ModelReader(true, models);
        reader.parse(file, text, specs);
        return reader.problems.list();
    }

    private Model parse(String file, String text, Function<String, BehaviourSpec> specs) {
        YamlNode root;
        try {
            root = YamlNode.parse(file, text);
        } catch (MalformedYaml e) {
            problems.add(e.file(), e.line(), "", e.reason());
            return null;
        }
        if (!root.isMapping()) {
            problems.add(root, "", "a model is a mapping: model, conformsTo, variables, then one section per type");
            return null;
        }
        String name = scalar(root.get("model"));
        if (name == null) {
            problems.add(root, "", "model: the model's name is missing");
        } else if (!name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            problems.add(root.get("model"), name, "a model's name is a letter then letters, digits, '_', '.' or '-'");
        }
        String conformsTo = scalar(root.get("conformsTo"));
        BehaviourSpec spec = conformsTo == null ? null : specs.apply(conformsTo);
        if (conformsTo == null) {
            problems.add(root, "", "conformsTo: the name of its meta-model (e.g. workflow or map) is missing");
            return null;
        }
        if (spec == null) {
            problems.add(root.get("conformsTo"), "", "unknown meta-model '" + conformsTo + "'");
            return null;
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        YamlNode variablesNode = root.get("variables");
        if (variablesNode != null && !variablesNode.isNull()) {
            if (variablesNode.plain() instanceof Map<?, ?> map) {
                map.forEach((key, value) -> variables.put(key.toString(), value));
                declared.addAll(variables.keySet());
            } else {
                problems.add(variablesNode, "variables", "variables is a mapping of names to initial values");
            }
        }
        TypeDef rootType = spec.metaModel().root();
        var elements = new LinkedHashMap<String, Element>();
        // The root element: the model itself, its attributes given at the top level.
        for (var section : root.entries("the model").entrySet()) {
            String typeName = section.getKey();
            if (TOP.contains(typeName)) {
                continue;
            }
            TypeDef type = spec.metaModel().type(typeName);
            if (type == null) {
                problems.add(section.getValue(), typeName, "unknown type; " + conformsTo + " has " + spec.metaModel().types().keySet());
                continue;
            }
            if (type.root() || type.runtime()) {
                problems.add(section.getValue(), typeName, type.root() ? "the root type is the model itself, not a section"
                        : "objects of " + typeName + " are created while an instance runs; a model does not list them");
                continue;
            }
            if (!section.getValue().isMapping()) {
                problems.add(section.getValue(), typeName, "a section maps each element's id to its attributes");
                continue;
            }
            for (var entry : section.getValue().entries(typeName).entrySet()) {
                String id = entry.getKey();
                if (elements.containsKey(id) || id.equals(name)) {
                    problems.add(entry.getValue(), id, "id used twice (ids are unique across types, and differ from the model's name)");
                    continue;
                }
                elements.put(id, element(id, type, entry.getValue()));
            }
        }
        if (name != null) {
            elements.putFirst(name, new Element(name, rootType.name(), defaults(rootType), root.line()));
        }
        Model model = new Model(name, conformsTo, variables, elements, file, text);
        checkReferences(model, spec, file);
        if (constraints && problems.isEmpty()) {
            checkConstraints(model, spec, file);
        }
        return model;
    }

    private static Map<String, Object> defaults(TypeDef type) {
        var values = new LinkedHashMap<String, Object>();
        for (AttributeDef attribute : type.attributes().values()) {
            if (attribute.defaultValue() != null) {
                values.put(attribute.name(), attribute.defaultValue());
            }
        }
        return values;
    }

    private Element element(String id, TypeDef type, YamlNode node) {
        Map<String, Object> values = defaults(type);
        if (!node.isNull() && !node.isMapping()) {
            problems.add(node, id, "an element is a mapping of its attributes");
            return new Element(id, type.name(), values, node.line());
        }
        Map<String, YamlNode> given = node.isNull() ? Map.of() : node.entries(id);
        for (var entry : given.entrySet()) {
            AttributeDef attribute = type.attributes().get(entry.getKey());
            if (attribute == null) {
                problems.add(entry.getValue(), id, "unknown attribute '" + entry.getKey() + "' of " + type.name() + "; expected " + type.attributes().keySet());
                continue;
            }
            Object value = value(id, attribute, entry.getValue());
            if (value != null) {
                values.put(attribute.name(), value);
            }
        }
        for (AttributeDef attribute : type.attributes().values()) {
            if (attribute.required() && !values.containsKey(attribute.name())) {
                problems.add(node, id, "attribute '" + attribute.name() + "' of " + type.name() + " is required");
            }
        }
        return new Element(id, type.name(), values, node.line());
    }

    private Object value(String id, AttributeDef attribute, YamlNode node) {
        Object plain = node.plain();
        if (plain == null) {
            return null;
        }
        String what = id + "." + attribute.name();
        Object value = switch (attribute.type()) {
            case STRING, REF -> plain instanceof String || plain instanceof Number || plain instanceof Boolean ? plain.toString() : null;
            case INT -> plain instanceof Long ? plain : null;
            case NUMBER -> plain instanceof Number n ? n.doubleValue() : null;
            case BOOLEAN -> plain instanceof Boolean ? plain : null;
            case DURATION -> {
                Duration duration = Scalars.duration(plain.toString());
                if (duration != null && duration.compareTo(LONGEST) > 0) {
                    problems.add(node, what, "'" + Excerpt.of(plain.toString()) + "' is longer than 100 years: no timer is meant to wait that long");
                    yield LONGEST.toMillis();
                }
                yield duration == null ? null : duration.toMillis();
            }
            case MAP -> plain instanceof Map ? plain : null;
            case LIST -> plain instanceof List ? plain : plain instanceof String s ? List.of(s) : null;
            case EXPRESSION -> {
                String problem = Expressions.check(plain.toString());
                if (problem != null) {
                    problems.add(node, what, problem);
                } else if (constraints) {
                    checkCondition(plain.toString(), node, what, attribute.names());
                }
                yield plain.toString();
            }
            case ANY -> plain;
        };
        if (value == null) {
            problems.add(node, what, "'" + plain + "' is not a " + attribute.type().lowerName()
                    + (attribute.type() == AttributeType.DURATION ? " (e.g. 250ms, 30s, 5m, PT1H)" : ""));
            return null;
        }
        if (!attribute.values().isEmpty() && !attribute.values().contains(value.toString())) {
            problems.add(node, what, "'" + value + "' is not one of " + attribute.values());
            return null;
        }
        return value;
    }

    /**
     * What can be told of a condition before it runs: it reads only the model's variables (one
     * that no instance has when the condition is evaluated would fail it), and calls no method
     * that the sandbox refuses or that no value has.
     */
    private void checkCondition(String condition, YamlNode node, String what, List<String> names) {
        for (String variable : Expressions.variables(condition)) {
            if (!declared.contains(variable) && !names.contains(variable)) {
                problems.add(node, what, "variable '" + Excerpt.of(variable) + "' is not one of the model's variables " + declared
                        + (names.isEmpty() ? "" : " nor of the names this attribute's conditions see " + names)
                        + "; declare it with its initial value (variables: {" + Excerpt.of(variable) + ": ...}), or it fails the instance "
                        + "when the condition is evaluated before a job, a work item or --var sets it");
            }
        }
        for (String method : Expressions.refusedMethods(condition)) {
            problems.add(node, what, "method '" + Excerpt.of(method) + "' cannot be called: the sandbox refuses it, or no value a condition "
                    + "sees (text, number, boolean, list, map) has it");
        }
    }

    private void checkReferences(Model model, BehaviourSpec spec, String file) {
        for (Element element : model.elements().values()) {
            TypeDef type = spec.metaModel().type(element.type());
            for (AttributeDef attribute : type.attributes().values()) {
                if (attribute.type() != AttributeType.REF || !(element.attribute(attribute.name()) instanceof String target)) {
                    continue;
                }
                Element referenced = model.element(target);
                if (referenced == null) {
                    List<String> known = attribute.refType() == null ? List.of()
                            : model.elementsOf(attribute.refType()).stream().map(Element::id).toList();
                    problems.add(file, element.line(), element.id(), attribute.name() + ": no element '" + target + "'"
                            + (attribute.refType() == null ? "" : "; the model's " + attribute.refType() + " elements: "
                            + (known.isEmpty() ? "none" : Excerpt.of(String.join(", ", known), 300))));
                } else if (attribute.refType() != null && !referenced.type().equals(attribute.refType())) {
                    problems.add(file, element.line(), element.id(), attribute.name() + ": '" + target + "' is a " + referenced.type()
                            + ", not a " + attribute.refType());
                }
            }
        }
    }

    private void checkConstraints(Model model, BehaviourSpec spec, String file) {
        var functions = new ExpressionFunctions(model, null, System.currentTimeMillis(), models);
        for (Constraint constraint : spec.constraints()) {
            List<Element> subjects = constraint.type() == null ? List.of(model.elements().values().iterator().next())
                    : model.elementsOf(constraint.type());
            for (Element element : subjects) {
                Scope scope = new Scope(functions, Map.of("self", new ElementView(element), "model", new ElementView(model.elements().values().iterator().next())));
                try {
                    if (!scope.holds(constraint.check())) {
                        problems.add(file, element.line(), element.id(), constraint.message());
                    }
                } catch (ExpressionFailed e) {
                    problems.add(file, element.line(), element.id(), "constraint '" + constraint.message() + "' could not be checked: " + e.getMessage());
                }
            }
        }
    }

    private String scalar(YamlNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isScalar()) {
            problems.add(node, "", "must be a single value");
            return null;
        }
        return node.text("");
    }
}
