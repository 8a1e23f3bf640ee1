package io.tilework.process.meta;

import java.util.Map;

/** The types a model may use, with their attributes and state domains. */
public record MetaModel(String name, Map<String, TypeDef> types) {

    /** The root type; a valid meta-model has exactly one. */
    public TypeDef root() {
        return types.values().stream().filter(TypeDef::root).findFirst()
                .orElseThrow(() -> new IllegalStateException("meta-model " + name + " has no root type"));
    }

    public TypeDef type(String name) {
        return types.get(name);
    }
}
