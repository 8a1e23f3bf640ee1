package io.tilework.process.expression;

import io.tilework.process.failure.ExpressionFailed;
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

    private static final JexlEngine JEXL = new JexlBuilder()
            .features(FEATURES)
            .permissions(JexlPermissions.RESTRICTED.compose("io.tilework.process.expression.*"))
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
            throw new ExpressionFailed("expression '" + text + "' failed: " + message(e), e);
        }
    }

    /** A condition: null or blank holds; otherwise the expression must give a boolean. */
    public static boolean holds(String text, Map<String, Object> variables) {
        if (text == null || text.isBlank()) {
            return true;
        }
        Object value = evaluate(text, variables);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ExpressionFailed("condition '" + text + "' gave " + (value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")")
                + ", not true or false", null);
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
            return "at column " + position.group(2) + ", " + message.substring(position.end());
        }
        int space = message.indexOf(' ');
        return space > 0 && message.substring(0, space).contains(".") ? message.substring(space + 1) : message;
    }
}
