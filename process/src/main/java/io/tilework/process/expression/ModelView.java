package io.tilework.process.expression;

import io.tilework.process.meta.Element;
import io.tilework.process.meta.Model;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model as expressions see it: {@code name} and {@code conformsTo} as keys, and its elements
 * through {@code elements(TYPE)}, {@code where(TYPE, ATTRIBUTE, VALUE)} and {@code element(ID)}.
 * What {@code ctx} offers of the model an expression runs in, and what {@code ctx.model(NAME)}
 * gives of another one (a constraint that follows a sub-map's name to its model).
 */
public final class ModelView extends AbstractMap<String, Object> {

    private final Model model;

    public ModelView(Model model) {
        this.model = model;
    }

    /** Every element of {@code type}, in model order. */
    public List<ElementView> elements(String type) {
        return model.elementsOf(type).stream().map(ElementView::new).toList();
    }

    /** The elements of {@code type} whose attribute {@code name} equals {@code value} (an id, or a view's id). */
    public List<ElementView> where(String type, String name, Object value) {
        Object wanted = ExpressionFunctions.idOf(value);
        var found = new ArrayList<ElementView>();
        for (Element element : model.elementsOf(type)) {
            if (Objects.equals(element.attribute(name), wanted)) {
                found.add(new ElementView(element));
            }
        }
        return found;
    }

    /** The element with this id (or of this view), or null. */
    public ElementView element(Object id) {
        Element element = id == null ? null : model.element(ExpressionFunctions.idOf(id).toString());
        return element == null ? null : new ElementView(element);
    }

    @Override
    public Object get(Object key) {
        return "name".equals(key) ? model.name() : "conformsTo".equals(key) ? model.conformsTo() : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return "name".equals(key) || "conformsTo".equals(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        var all = new LinkedHashMap<String, Object>();
        all.put("name", model.name());
        all.put("conformsTo", model.conformsTo());
        return all.entrySet();
    }

    @Override
    public String toString() {
        return model.name();
    }
}
