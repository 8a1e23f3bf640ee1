package io.tilework.process.meta;

import java.util.Locale;

/** What an attribute of a meta-model type holds. */
public enum AttributeType {
    STRING, INT, NUMBER, BOOLEAN,
    /** "250ms", "5m", "PT1H"; held as milliseconds. */
    DURATION,
    MAP, LIST,
    /** An expression over the instance's variables, e.g. a transition's condition. */
    EXPRESSION,
    /** The id of another element of the model, of the type the attribute names. */
    REF,
    ANY;

    public static AttributeType named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
