package io.tilework.process.meta;

import java.util.List;

/**
 * One attribute of a meta-model type.
 *
 * @param refType for {@link AttributeType#REF}, the type of the element it names
 * @param values  the allowed values (empty: any value of the type)
 * @param defaultValue used when a model leaves the attribute out (null: none)
 * @param names  for {@link AttributeType#EXPRESSION}, the names its conditions may read besides the
 *               model's variables: those the specification gives them ({@code ctx.holds(condition, names)})
 */
public record AttributeDef(String name, AttributeType type, String refType, List<String> values,
                           Object defaultValue, boolean required, List<String> names, int line) {
}
