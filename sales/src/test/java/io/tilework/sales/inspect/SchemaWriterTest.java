package io.tilework.sales.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import io.tilework.sales.schema.SalesSchema.Mapping;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SchemaWriter: a schema as the contract's commented YAML")
class SchemaWriterTest {

    /** The issue 24 contract's example schema file, its comments left out: what the writer must give for the same schema. */
    static final String CONTRACT_EXAMPLE = """
            schema: dealer
            dialect:
              encoding: windows-1252
              delimiter: ";"
              quote: '"'
              escape: '"'
              header: true
              skip: 2
              nulls: ["", "NA", "-"]
            numbers:
              decimal: ","
              thousands: " "
              currency: ["€", "EUR"]
            dates: ["dd/MM/yyyy", "d/M/yyyy"]
            concepts:
              id: {column: Invoice ID}
              date: {column: Date}
              city: {column: Dealer_Region, normalise: [trim, case, accents]}
              type: {column: Kind, sale: [sale, S], rental: [lease, R]}
              model: {column: Model}
              make: {column: Company}
              price: {expression: "[Unit Price] * [Qty]"}
              quantity: {column: Qty}
              duration: {column: Months}
              cost: {column: Cost}
            dimensions:
              gender: {column: Gender, normalise: [trim, case]}
              body style: {column: Body Style}
            """;

    static SalesSchema contractExample() {
        Map<Concept, Mapping> concepts = new EnumMap<>(Concept.class);
        concepts.put(Concept.ID, column("Invoice ID"));
        concepts.put(Concept.DATE, column("Date"));
        concepts.put(Concept.CITY, new Mapping("Dealer_Region", 0, null, null, List.of("trim", "case", "accents"), List.of(), List.of(), 0));
        concepts.put(Concept.TYPE, new Mapping("Kind", 0, null, null, List.of(), List.of("sale", "S"), List.of("lease", "R"), 0));
        concepts.put(Concept.MODEL, column("Model"));
        concepts.put(Concept.MAKE, column("Company"));
        concepts.put(Concept.PRICE, new Mapping(null, 0, null, "[Unit Price] * [Qty]", List.of(), List.of(), List.of(), 0));
        concepts.put(Concept.QUANTITY, column("Qty"));
        concepts.put(Concept.DURATION, column("Months"));
        concepts.put(Concept.COST, column("Cost"));
        Map<String, Mapping> dimensions = new LinkedHashMap<>();
        dimensions.put("gender", new Mapping("Gender", 0, null, null, List.of("trim", "case"), List.of(), List.of(), 0));
        dimensions.put("body style", column("Body Style"));
        return new SalesSchema("dealer", "dealer.yaml", new SalesSchema.Dialect("windows-1252", ';', '"', '"', true, 2, List.of("", "NA", "-")),
                new SalesSchema.Numbers(',', ' ', List.of("€", "EUR")), List.of("dd/MM/yyyy", "d/M/yyyy"), concepts, dimensions);
    }

    private static Mapping column(String name) {
        return new Mapping(name, 0, null, null, List.of(), List.of(), List.of(), 0);
    }

    @Test
    void contractExample_isWrittenAsTheContractWritesIt() {
        var notes = new SchemaWriter.Notes(List.of("Sales schema for dealer.csv"), Map.of(Concept.ID, "sure 0.95: header, all distinct"),
                Map.of("gender", "sure 0.60: 2 values"), List.of());
        String yaml = SchemaWriter.write(contractExample(), notes);
        assertEquals(CONTRACT_EXAMPLE, withoutComments(yaml), yaml);
        assertTrue(yaml.startsWith("# Sales schema for dealer.csv\n"), yaml);
        assertTrue(yaml.contains("  id: {column: Invoice ID}                      # sure 0.95: header, all distinct\n"), yaml);
    }

    @Test
    void contractExample_roundTrip_throughSchemaFile_isTheSameSchema() {
        var notes = new SchemaWriter.Notes(List.of("top"), Map.of(Concept.TYPE, "sure 0.90: # a hash, 'quotes' and \"more\""), Map.of(),
                List.of("cost: absent"));
        SalesSchema read = SchemaFile.parse("dealer.yaml", SchemaWriter.write(contractExample(), notes));
        assertEquals(withoutLines(contractExample()), withoutLines(read));
    }

    @Test
    void awkwardNames_roundTrip() {
        Map<Concept, Mapping> concepts = new EnumMap<>(Concept.class);
        concepts.put(Concept.DATE, column("2024"));
        concepts.put(Concept.CITY, column("Ville, région"));
        concepts.put(Concept.MODEL, column("say \"hi\" # not a comment"));
        concepts.put(Concept.MAKE, column("yes"));
        concepts.put(Concept.TYPE, new Mapping(null, 3, null, null, List.of(), List.of("true", "V: sold"), List.of("[L]"), 0));
        concepts.put(Concept.QUANTITY, new Mapping(null, 0, "1", null, List.of(), List.of(), List.of(), 0));
        concepts.put(Concept.PRICE, new Mapping(null, 0, null, "[Prix unitaire (€)] * [Qté] + 0.5", List.of(), List.of(), List.of(), 0));
        Map<String, Mapping> dimensions = new LinkedHashMap<>();
        dimensions.put("body: style", column("Body\tStyle"));
        var schema = new SalesSchema("my \"odd\" schema", "odd.yaml", new SalesSchema.Dialect("utf-8", '\t', (char) 0, '\\', false, 0,
                List.of("", "#N/A", "'")), new SalesSchema.Numbers('.', '\'', List.of("US$", "\\")), List.of("d.M.yyyy HH:mm"), concepts, dimensions);
        String yaml = SchemaWriter.write(schema, SchemaWriter.Notes.NONE);
        assertEquals(withoutLines(schema), withoutLines(SchemaFile.parse("odd.yaml", yaml)), yaml);
    }

    /** The schema with its mappings' line numbers zeroed: the writer knows none, the reader gives each its line. */
    static SalesSchema withoutLines(SalesSchema s) {
        Map<Concept, Mapping> concepts = new EnumMap<>(Concept.class);
        s.concepts().forEach((k, m) -> concepts.put(k, zero(m)));
        Map<String, Mapping> dimensions = new LinkedHashMap<>();
        s.dimensions().forEach((k, m) -> dimensions.put(k, zero(m)));
        return new SalesSchema(s.name(), s.source(), s.dialect(), s.numbers(), s.dates(), concepts, dimensions);
    }

    private static Mapping zero(Mapping m) {
        return new Mapping(m.column(), m.position(), m.constant(), m.expression(), m.normalise(), m.sale(), m.rental(), 0);
    }

    @Test
    void awkwardNames_areQuoted() {
        assertEquals("Price ($)", SchemaWriter.scalar("Price ($)"));
        assertEquals("\"yes\"", SchemaWriter.scalar("yes"), "YAML would read a boolean");
        assertEquals("\"2024\"", SchemaWriter.scalar("2024"), "YAML would read a number");
        assertEquals("\"a: b\"", SchemaWriter.scalar("a: b"));
        assertEquals("\"Total, EUR\"", SchemaWriter.scalar("Total, EUR"), "a comma ends a flow value");
        assertEquals("'say \"hi\"'", SchemaWriter.scalar("say \"hi\""));
        assertEquals("\"\\t\"", SchemaWriter.quoted("\t"));
        assertEquals("\"back\\\\slash # \\\"q\\\" 'x'\"", SchemaWriter.quoted("back\\slash # \"q\" 'x'"));
        assertEquals("\" Ville \"", SchemaWriter.scalar(" Ville "));
    }

    /** The YAML without its comment lines and end-of-line comments (none of the example's values holds a {@code #}). */
    static String withoutComments(String yaml) {
        var out = new StringBuilder();
        Arrays.stream(yaml.split("\n")).filter(l -> !l.strip().startsWith("#"))
                .forEach(l -> out.append(l.replaceFirst("\\s+#.*$", "")).append('\n'));
        return out.toString();
    }
}
