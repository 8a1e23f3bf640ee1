package io.tilework.sales.inspect;

import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import java.util.List;

/**
 * A column proposed as a concept (or as an extra dimension), how sure (0 to 1) and why.
 *
 * @param concept   the concept, null for an extra dimension
 * @param dimension the dimension's name, null for a concept
 * @param mapping   where the values come from, as the schema says it
 * @param sure      0 (a guess) to 1
 * @param why       what made it: the header's language and synonym, the values' shapes, the cardinality
 */
public record Proposal(Concept concept, String dimension, SalesSchema.Mapping mapping, double sure, String why) {

    /** The concept's key or the dimension's name. */
    public String key() {
        return concept != null ? concept.key() : dimension;
    }

    /** What it reads: the column's name, {@code #N} for a position, the expression. */
    public String source() {
        if (mapping.column() != null) {
            return mapping.column();
        }
        if (mapping.expression() != null) {
            return mapping.expression();
        }
        return mapping.constant() != null ? "constant " + mapping.constant() : "column #" + mapping.position();
    }

    static SalesSchema.Mapping column(ColumnProfile column, boolean header, List<String> normalise, List<String> sale, List<String> rental) {
        boolean byName = header && column.named;
        return new SalesSchema.Mapping(byName ? column.name : null, byName ? 0 : column.index + 1, null, null, normalise, sale, rental, 0);
    }
}
