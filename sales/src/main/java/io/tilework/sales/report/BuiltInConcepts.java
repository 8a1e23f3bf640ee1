package io.tilework.sales.report;

import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The concepts of the built-in layout (our seven French columns), for callers of
 * {@link Kpis#compute(io.tilework.sales.reduce.SalesScan.Result, Recognition, Costs, String)} that do not
 * pass the schema yet. The shipped schema resource is the reference; once every caller passes the scan's
 * schema this stand-in goes.
 */
final class BuiltInConcepts {

    static final SalesSchema SCHEMA = schema();

    private BuiltInConcepts() {
    }

    private static SalesSchema schema() {
        var concepts = new EnumMap<Concept, SalesSchema.Mapping>(Concept.class);
        concepts.put(Concept.ID, column("transaction_id"));
        concepts.put(Concept.DATE, column("date"));
        concepts.put(Concept.CITY, new SalesSchema.Mapping("ville", 0, null, null, List.of("trim", "case", "accents"), List.of(),
                List.of(), 0));
        concepts.put(Concept.TYPE, new SalesSchema.Mapping("type", 0, null, null, List.of(), List.of("vente"), List.of("location"), 0));
        concepts.put(Concept.MODEL, column("modele"));
        concepts.put(Concept.PRICE, column("prix"));
        concepts.put(Concept.DURATION, column("duree_location_mois"));
        return new SalesSchema("tilework", "built-in", new SalesSchema.Dialect("utf-8", ',', '"', '"', true, 0, List.of("", "NULL")),
                new SalesSchema.Numbers('.', (char) 0, List.of()), List.of("yyyy-MM-dd"), concepts, Map.of());
    }

    private static SalesSchema.Mapping column(String name) {
        return new SalesSchema.Mapping(name, 0, null, null, List.of(), List.of(), List.of(), 0);
    }
}
