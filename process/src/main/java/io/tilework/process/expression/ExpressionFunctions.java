package io.tilework.process.expression;

import io.tilework.process.failure.ConditionFailed;
import io.tilework.process.failure.ExpressionFailed;
import io.tilework.process.yaml.Excerpt;
import io.tilework.process.meta.Element;
import io.tilework.process.meta.Model;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlScript;

/**
 * What expressions reach as {@code ctx}: the model's elements, the instance's objects, and list
 * helpers that take JEXL lambdas. Read-only: expressions decide, operations change.
 */
public final class ExpressionFunctions {

    private final Model model;
    private final ModelView own;
    /** Other models by name (null if unknown): what {@link #model} looks up. */
    private final Function<String, Model> models;
    private final InstanceState instance;
    private final long now;
    private JexlContext context;

    /**
     * @param instance null when a model is checked before any instance exists
     * @param now      the transaction's clock, epoch milliseconds
     */
    public ExpressionFunctions(Model model, InstanceState instance, long now) {
        this(model, instance, now, name -> null);
    }

    /** As above, {@code ctx.model(NAME)} finding other models with {@code models} (null if unknown). */
    public ExpressionFunctions(Model model, InstanceState instance, long now, Function<String, Model> models) {
        this.model = model;
        this.own = new ModelView(model);
        this.models = models;
        this.instance = instance;
        this.now = now;
    }

    void context(JexlContext context) {
        this.context = context;
    }

    /** Every element of {@code type}, in model order. */
    public List<ElementView> elements(String type) {
        return own.elements(type);
    }

    /** The elements of {@code type} whose attribute {@code name} equals {@code value} (an id, or a view's id). */
    public List<ElementView> where(String type, String name, Object value) {
        return own.where(type, name, value);
    }

    /** The element with this id (or of this view), or null. */
    public ElementView element(Object id) {
        return own.element(id);
    }

    /**
     * Another model, by name: those validated or deployed together with this one, then those
     * deployed in the store; null if there is none (or while an instance runs: a constraint's
     * question, not a running map's).
     */
    public ModelView model(String name) {
        if (name == null) {
            return null;
        }
        if (name.equals(model.name())) {
            return own;
        }
        Model other = models.apply(name);
        return other == null ? null : new ModelView(other);
    }

    /** The runtime object with this id (or of this element or view), or null. */
    public ObjectView object(Object id) {
        if (instance == null || id == null) {
            return null;
        }
        RuntimeObject object = instance.object(idOf(id).toString());
        return object == null ? null : view(object);
    }

    /** Every runtime object of {@code type}. */
    public List<ObjectView> objects(String type) {
        if (instance == null) {
            return List.of();
        }
        var found = new ArrayList<ObjectView>();
        for (RuntimeObject object : instance.objects()) {
            if (object.type().equals(type)) {
                found.add(view(object));
            }
        }
        return found;
    }

    /** The items for which {@code test} (a lambda: {@code x -> ...}) is true. */
    public List<Object> filter(Collection<?> items, JexlScript test) {
        var kept = new ArrayList<Object>();
        for (Object item : items) {
            if (Boolean.TRUE.equals(test.execute(context, item))) {
                kept.add(item);
            }
        }
        return kept;
    }

    /** {@code map} applied to every item. */
    public List<Object> map(Collection<?> items, JexlScript map) {
        var mapped = new ArrayList<Object>();
        for (Object item : items) {
            mapped.add(map.execute(context, item));
        }
        return mapped;
    }

    /** The first item, as a list of zero or one (for forEach), in the list's order. */
    public List<Object> first(Collection<?> items) {
        return items.isEmpty() ? List.of() : List.of(items.iterator().next());
    }

    /** {@code items} (a list, an array or null) with {@code item} added at the end unless it is there already: a set kept as a list. */
    public List<Object> including(Object items, Object item) {
        var result = new ArrayList<Object>(switch (items) {
            case null -> List.of();
            case Collection<?> collection -> collection;
            case Object[] array -> java.util.Arrays.asList(array);
            default -> throw new ExpressionFailed("including: " + items + " is not a list", null);
        });
        if (!result.contains(item)) {
            result.add(item);
        }
        return result;
    }

    /** Whether any item passes {@code test}. */
    public boolean any(Collection<?> items, JexlScript test) {
        return !filter(items, test).isEmpty();
    }

    /** Whether every item passes {@code test}. */
    public boolean all(Collection<?> items, JexlScript test) {
        return filter(items, test).size() == items.size();
    }

    /**
     * A condition written in the model (e.g. a transition's), evaluated over the instance's
     * variables; a missing condition holds. One that fails is the model's fault: a
     * {@link ConditionFailed} naming the model's file and line and the element that holds it.
     */
    public boolean holds(String condition) {
        return holds(condition, Map.of());
    }

    /**
     * As {@link #holds(String)}, the condition also seeing {@code names} (a map of name to value,
     * over the variables of the same name): what a specification gives a model's conditions
     * besides the variables, e.g. the intentions achieved so far. The model's attribute declares
     * them ({@code names: [achieved, current]}) so that validation accepts them.
     */
    public boolean holds(String condition, Map<?, ?> names) {
        if (condition == null || condition.isBlank()) {
            return true;
        }
        var seen = new java.util.HashMap<String, Object>(instance == null ? Map.of() : instance.variables());
        if (names != null) {
            names.forEach((name, value) -> seen.put(String.valueOf(name), value));
        }
        try {
            return Expressions.holds(condition, seen);
        } catch (ExpressionFailed e) {
            throw failed(condition, e);
        }
    }

    /**
     * Every item reachable from {@code start} (a list or an array, its items included) by
     * {@code next} (a lambda {@code x -> LIST}), each once, in the order found: reachability
     * without loops in expressions (e.g. the intentions a section path leads to).
     */
    public List<Object> closure(Object start, JexlScript next) {
        var found = new java.util.LinkedHashSet<Object>(items(start, "closure"));
        var todo = new java.util.ArrayDeque<Object>(found);
        while (!todo.isEmpty()) {
            for (Object item : items(next.execute(context, todo.poll()), "closure: the next items")) {
                if (found.add(item)) {
                    todo.add(item);
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static Collection<?> items(Object items, String what) {
        return switch (items) {
            case null -> List.of();
            case Collection<?> collection -> collection;
            case Object[] array -> java.util.Arrays.asList(array);
            default -> throw new ExpressionFailed(what + ": " + items + " is not a list", null);
        };
    }

    /** "MODEL:LINE: transition large: condition 'amount > 1000' failed: ...", at the first element that holds this text. */
    private ConditionFailed failed(String condition, ExpressionFailed e) {
        String where = model.file() + ":";
        String what = "condition";
        String reason = e.reason() + read(condition);
        for (Element element : model.elements().values()) {
            for (var attribute : element.attributes().entrySet()) {
                if (condition.equals(attribute.getValue())) {
                    String type = element.type().isEmpty() ? element.type()
                            : Character.toLowerCase(element.type().charAt(0)) + element.type().substring(1);
                    return new ConditionFailed(where + element.line() + ": " + type + " " + element.id() + ": " + attribute.getKey() + " '"
                            + Excerpt.of(condition, Expressions.QUOTED) + "' failed: " + reason, e);
                }
            }
        }
        return new ConditionFailed(where + " " + what + " '" + Excerpt.of(condition, Expressions.QUOTED) + "' failed: " + reason, e);
    }

    /** "; amount = lots (text)": the variables the condition reads, as the instance has them, so the type error can be seen. */
    private String read(String condition) {
        Map<String, Object> variables = instance == null ? Map.of() : instance.variables();
        var read = new ArrayList<String>();
        for (String name : Expressions.variables(condition)) {
            if (variables.containsKey(name)) {
                Object value = variables.get(name);
                read.add(Excerpt.of(name) + " = " + Excerpt.of(String.valueOf(value), 40) + " (" + kind(value) + ")");
            }
        }
        return read.isEmpty() ? "" : "; " + String.join(", ", read);
    }

    private static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> "text";
            case Number number -> "number";
            case Boolean bool -> "boolean";
            case Collection<?> list -> "list";
            case Map<?, ?> map -> "map";
            default -> value.getClass().getSimpleName();
        };
    }

    /** Whether {@code value} is a map (e.g. a job's result that can become variables). */
    public boolean isMap(Object value) {
        return value instanceof Map;
    }

    /** Milliseconds since the epoch, as the transaction sees the clock. */
    public long now() {
        return now;
    }

    public ObjectView view(RuntimeObject object) {
        return new ObjectView(object, object.element() == null ? null : model.element(object.element()));
    }

    static Object idOf(Object value) {
        if (value instanceof ObjectView view) {
            return view.object().id();
        }
        if (value instanceof ElementView view) {
            return view.get("id");
        }
        return value;
    }
}
