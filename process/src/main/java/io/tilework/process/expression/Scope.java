package io.tilework.process.expression;

import io.tilework.process.failure.ExpressionFailed;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.jexl3.MapContext;

/** The names an expression sees ({@code self}, {@code event}, {@code instance}, {@code vars}, {@code ctx}, and forEach/create names). */
public final class Scope {

    private final ExpressionFunctions functions;
    private final Map<String, Object> names;

    public Scope(ExpressionFunctions functions, Map<String, Object> names) {
        this.functions = functions;
        this.names = new HashMap<>(names);
        this.names.put("ctx", functions);
    }

    /** This scope with one more name. */
    public Scope with(String name, Object value) {
        Scope scope = new Scope(functions, names);
        scope.names.put(name, value);
        return scope;
    }

    /** Adds a name to this scope (create's {@code as}: the following operations of the list see it). */
    public void bind(String name, Object value) {
        names.put(name, value);
    }

    public Object get(String name) {
        return names.get(name);
    }

    public ExpressionFunctions functions() {
        return functions;
    }

    public Object evaluate(String text) {
        MapContext context = new MapContext(names);
        functions.context(context);
        return Expressions.evaluate(text, context);
    }

    /** A condition: null holds; otherwise it must give true or false. */
    public boolean holds(String text) {
        if (text == null) {
            return true;
        }
        Object value = evaluate(text);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ExpressionFailed("condition '" + text + "' gave " + (value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")")
                + ", not true or false", null);
    }
}
