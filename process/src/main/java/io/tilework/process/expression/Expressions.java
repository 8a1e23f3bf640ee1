package io.tilework.process.expression;

import io.tilework.process.failure.ConditionFailed;
import io.tilework.process.failure.ExpressionFailed;
import io.tilework.process.yaml.Excerpt;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Conditions and factors in Apache Commons JEXL, sandboxed: no loops, no side effects on the
 * context, no {@code new}, no access to classes outside the JDK's value types and this package
 * (the views of objects and elements and {@link ExpressionFunctions}). Strict: a misspelt variable
 * or arithmetic on null is an error, not a silent null. Compiled expressions are cached.
 */
public final class Expressions {

    private static final JexlFeatures FEATURES = new JexlFeatures()
            .loops(false)
            .sideEffect(false)
            .sideEffectGlobal(false)
            .newInstance(false)
            .structuredLiteral(true)
            .lambda(true)
            .pragma(false)
            .annotation(false)
            .importPragma(false)
            .namespacePragma(false);

    /** What expressions may touch: the JDK's value types, not reflection, processes, files or threads; and this package. */
    private static final JexlPermissions PERMISSIONS = JexlPermissions.RESTRICTED.compose("io.tilework.process.expression.*");

    private static final JexlEngine JEXL = new JexlBuilder()
            .features(FEATURES)
            .permissions(PERMISSIONS)
            .uberspect(new GetterCache(new JexlBuilder().permissions(PERMISSIONS).create().getUberspect()))
            .strict(true)
            .safe(false)
            .silent(false)
            // With a cache, JEXL also keeps in each expression the getters and methods it found:
            // without it, every `self.state` is looked up by reflection again.
            .cache(1024)
            .create();

    private static final Map<String, JexlScript> COMPILED = new ConcurrentHashMap<>();

    private Expressions() {
    }

    /** The problem with {@code text} as an expression, or null if it compiles. */
    public static String check(String text) {
        try {
            compile(text);
            return null;
        } catch (JexlException e) {
            return "expression '" + text + "' does not compile: " + message(e);
        }
    }

    /** Evaluates {@code text} with {@code variables}; an {@link ExpressionFailed} names the expression. */
    public static Object evaluate(String text, Map<String, Object> variables) {
        return evaluate(text, new MapContext(variables));
    }

    public static Object evaluate(String text, JexlContext context) {
        try {
            return compile(text).execute(context);
        } catch (JexlException e) {
            // A model's condition that failed inside this expression (ctx.holds) is the model's fault, reported as such.
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                if (cause instanceof ConditionFailed model) {
                    throw model;
                }
            }
            String reason = message(e);
            throw new ExpressionFailed("expression '" + Excerpt.of(text, QUOTED) + "' failed: " + reason, reason, e);
        }
    }

    /** How much of an expression a message quotes. */
    static final int QUOTED = 200;

    /** A condition: null or blank holds; otherwise the expression must give a boolean. */
    public static boolean holds(String text, Map<String, Object> variables) {
        if (text == null || text.isBlank()) {
            return true;
        }
        Object value = evaluate(text, variables);
        if (value instanceof Boolean b) {
            return b;
        }
        throw notBoolean(text, value);
    }

    static ExpressionFailed notBoolean(String text, Object value) {
        String reason = "it gave " + (value == null ? "null" : Excerpt.of(String.valueOf(value)) + " (" + value.getClass().getSimpleName() + ")")
                + ", not true or false";
        return new ExpressionFailed("condition '" + Excerpt.of(text, QUOTED) + "' " + reason.substring(3), reason, null);
    }

    /**
     * The variables {@code text} reads (the first name of each {@code a.b.c}), not counting its
     * lambdas' parameters; empty if it does not compile.
     */
    public static Set<String> variables(String text) {
        try {
            var names = new TreeSet<String>();
            for (List<String> path : compile(text).getVariables()) {
                names.add(path.getFirst());
            }
            return names;
        } catch (JexlException e) {
            return Set.of();
        }
    }

    /** What a condition's values can be: text, numbers, booleans, lists and maps. */
    private static final List<Class<?>> VALUE_TYPES = List.of(String.class, Long.class, Double.class, Boolean.class, Number.class,
            java.util.List.class, java.util.Map.class, java.util.Collection.class, Object.class);

    /** A method call: {@code .name(}, after string literals are blanked out. */
    private static final java.util.regex.Pattern CALL = java.util.regex.Pattern.compile("\\.\\s*([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\(");
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");

    /**
     * The methods {@code text} calls that no value a condition sees (text, numbers, booleans,
     * lists, maps) has, or that the sandbox refuses on every one (e.g. {@code getClass}): calls
     * that fail whatever the variables hold.
     */
    public static Set<String> refusedMethods(String text) {
        var refused = new TreeSet<String>();
        var calls = CALL.matcher(LITERAL.matcher(text).replaceAll("''"));
        while (calls.find()) {
            String name = calls.group(1);
            if (!ALLOWED_METHODS.contains(name)) {
                refused.add(name);
            }
        }
        return refused;
    }

    /** Object's methods that the sandbox lets through but that no condition needs: getClass leads to reflection. */
    private static final Set<String> NOT_FOR_CONDITIONS = Set.of("getClass", "wait", "notify", "notifyAll");

    private static final Set<String> ALLOWED_METHODS = allowedMethods();

    private static Set<String> allowedMethods() {
        var names = new java.util.HashSet<String>();
        for (Class<?> type : VALUE_TYPES) {
            if (!PERMISSIONS.allow(type)) {
                continue;
            }
            for (java.lang.reflect.Method method : type.getMethods()) {
                if (PERMISSIONS.allow(method) && !NOT_FOR_CONDITIONS.contains(method.getName())) {
                    names.add(method.getName());
                }
            }
        }
        return Set.copyOf(names);
    }

    private static JexlScript compile(String text) {
        JexlScript script = COMPILED.get(text);
        if (script == null) {
            script = JEXL.createScript(text);
            COMPILED.putIfAbsent(text, script);
        }
        return script;
    }

    private static final java.util.regex.Pattern POSITION = java.util.regex.Pattern.compile("^\\S*@(\\d+):(\\d+)\\s+");

    /** JEXL's message without the Java location of its own code it starts with; the column in the expression kept. */
    private static String message(JexlException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        var position = POSITION.matcher(message);
        if (position.find()) {
            return "at column " + position.group(2) + ", " + operator(message.substring(position.end()));
        }
        int space = message.indexOf(' ');
        return operator(space > 0 && message.substring(0, space).contains(".") ? message.substring(space + 1) : message);
    }

    /** JEXL's "JEXL error : > error" (an operator given values it cannot work on) in words. */
    private static final java.util.regex.Pattern OPERATOR = java.util.regex.Pattern.compile("JEXL error : (\\S+) error(?: caused by (.*))?");

    /** JEXL's "unsolvable function/method 'getName'": a method the value does not have, or that the sandbox refuses. */
    private static final java.util.regex.Pattern METHOD = java.util.regex.Pattern.compile("unsolvable function/method '([^']*)'(.*)");

    private static String operator(String message) {
        var method = METHOD.matcher(message);
        if (method.matches()) {
            return "method '" + method.group(1) + "' cannot be called: the sandbox refuses it, or the value has no such method" + method.group(2);
        }
        var operator = OPERATOR.matcher(message);
        if (!operator.matches()) {
            return message;
        }
        return "'" + operator.group(1) + "' cannot be applied to " + (operator.group(2) == null ? "these values (a type error?)"
                : operator.group(2).replace("operand", "value"));
    }
}
