package io.tilework.process.expression;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlOperator;
import org.apache.commons.jexl3.introspection.JexlMethod;
import org.apache.commons.jexl3.introspection.JexlPropertyGet;
import org.apache.commons.jexl3.introspection.JexlPropertySet;
import org.apache.commons.jexl3.introspection.JexlUberspect;

/**
 * JEXL's introspection with the property getters it finds kept per class and name.
 * <p>
 * JEXL 3.5 keeps, in each {@code a.b} node of a compiled expression, both the getter found for
 * {@code b} and the "no operator overload here" answer, in the same slot: each evicts the other,
 * so every evaluation looked both up again by reflection (a fifth of the engine's time interpreting
 * an event). Here the getter is found once per class and name and handed out as not cacheable,
 * so the node keeps the overload answer and both lookups are a map read.
 */
final class GetterCache implements JexlUberspect {

    /** Enough for every class and property expressions meet; emptied if dynamic map keys ever fill it. */
    private static final int MAX_ENTRIES = 4096;

    private record Key(List<PropertyResolver> resolvers, Class<?> type, Object property) {
    }

    private final JexlUberspect found;
    private final Map<Key, JexlPropertyGet> getters = new ConcurrentHashMap<>();

    GetterCache(JexlUberspect found) {
        this.found = found;
    }

    @Override
    public JexlPropertyGet getPropertyGet(List<PropertyResolver> resolvers, Object object, Object property) {
        if (object == null || property == null) {
            return found.getPropertyGet(resolvers, object, property);
        }
        var key = new Key(resolvers, object.getClass(), property);
        JexlPropertyGet getter = getters.get(key);
        if (getter == null) {
            getter = found.getPropertyGet(resolvers, object, property);
            if (getter == null || !getter.isCacheable()) {
                return getter;
            }
            if (getters.size() >= MAX_ENTRIES) {
                getters.clear();
            }
            getter = new Uncached(getter);
            getters.put(key, getter);
        }
        return getter;
    }

    @Override
    public JexlPropertyGet getPropertyGet(Object object, Object property) {
        return getPropertyGet(null, object, property);
    }

    /** A getter JEXL does not keep in the expression's node: that slot stays with the overload answer. */
    private record Uncached(JexlPropertyGet getter) implements JexlPropertyGet {

        @Override
        public Object invoke(Object object) throws Exception {
            return getter.invoke(object);
        }

        @Override
        public Object tryInvoke(Object object, Object key) {
            return getter.tryInvoke(object, key);
        }

        @Override
        public boolean tryFailed(Object result) {
            return getter.tryFailed(result);
        }

        @Override
        public boolean isCacheable() {
            return false;
        }
    }

    @Override
    public List<PropertyResolver> getResolvers(JexlOperator operator, Object object) {
        return found.getResolvers(operator, object);
    }

    @Override
    public JexlPropertySet getPropertySet(List<PropertyResolver> resolvers, Object object, Object property, Object value) {
        return found.getPropertySet(resolvers, object, property, value);
    }

    @Override
    public JexlPropertySet getPropertySet(Object object, Object property, Object value) {
        return found.getPropertySet(object, property, value);
    }

    @Override
    public JexlMethod getMethod(Object object, String name, Object... arguments) {
        return found.getMethod(object, name, arguments);
    }

    @Override
    public JexlMethod getConstructor(Object type, Object... arguments) {
        return found.getConstructor(type, arguments);
    }

    @Override
    public Iterator<?> getIterator(Object object) {
        return found.getIterator(object);
    }

    @Override
    public JexlArithmetic.Uberspect getArithmetic(JexlArithmetic arithmetic) {
        return found.getArithmetic(arithmetic);
    }

    @Override
    public JexlOperator.Uberspect getOperator(JexlArithmetic arithmetic) {
        return found.getOperator(arithmetic);
    }

    @Override
    public Class<?> getClassByName(String name) {
        return found.getClassByName(name);
    }

    @Override
    public ClassLoader getClassLoader() {
        return found.getClassLoader();
    }

    @Override
    public void setClassLoader(ClassLoader loader) {
        found.setClassLoader(loader);
    }

    @Override
    public int getVersion() {
        return found.getVersion();
    }
}
