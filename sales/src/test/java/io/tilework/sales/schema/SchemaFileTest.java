package io.tilework.sales.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.sales.failure.SalesInputInvalid;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFileTest {

    /** The contract's example, as inspect writes it. */
    static final String DEALER = """
            # Sales schema for dealer.csv, proposed by tilework sales inspect on 2026-12-07 from 10,000 sampled rows.
            # Edit it, then: tilework sales report dealer.csv --schema dealer.yaml --out report
            schema: dealer                 # the name the report shows
            dialect:
              encoding: windows-1252       # utf-8 | windows-1252 | iso-8859-1
              delimiter: ";"               # "\\t" for tab
              quote: '"'                   # "" for none
              escape: '"'                  # '"': a quote is doubled inside quotes; or "\\\\"
              header: true
              skip: 2                      # lines before the header
              nulls: ["", "NA", "-"]
            numbers:
              decimal: ","
              thousands: " "               # "" for none
              currency: ["€", "EUR"]
            dates: ["dd/MM/yyyy", "d/M/yyyy"]     # java.time patterns, tried in order
            concepts:                      # each: column: NAME | position: N (from 1) | constant: VALUE | expression: "[A] * [B]"
              id: {column: Invoice ID}                     # sure 0.95: header, all distinct
              date: {column: Date}                         # sure 0.99: every sampled value is a dd/MM/yyyy date
              city: {column: Dealer_Region, normalise: [trim, case, accents]}
              type: {column: Kind, sale: [sale, S], rental: [lease, R]}    # absent: every row is a sale
              model: {column: Model}
              make: {column: Company}
              price: {expression: "[Unit Price] * [Qty]"}
              quantity: {column: Qty}                      # absent: 1
              duration: {column: Months}
              cost: {column: Cost}
            dimensions:                    # extra breakdowns: name shown -> where from
              gender: {column: Gender, normalise: [trim, case]}
              body style: {column: Body Style}
            """;

    @Test
    void readsTheContractsExample() {
        SalesSchema s = SchemaFile.parse("dealer.yaml", DEALER);
        assertEquals("dealer", s.name());
        assertEquals("dealer.yaml", s.source());
        assertEquals(new SalesSchema.Dialect("windows-1252", ';', '"', '"', true, 2, List.of("", "NA", "-")), s.dialect());
        assertEquals(new SalesSchema.Numbers(',', ' ', List.of("€", "EUR")), s.numbers());
        assertEquals(List.of("dd/MM/yyyy", "d/M/yyyy"), s.dates());
        assertEquals(List.of(Concept.ID, Concept.DATE, Concept.CITY, Concept.TYPE, Concept.MODEL, Concept.MAKE, Concept.PRICE,
                Concept.QUANTITY, Concept.DURATION, Concept.COST), List.copyOf(s.concepts().keySet()));
        assertEquals(new SalesSchema.Mapping("Invoice ID", 0, null, null, List.of(), List.of(), List.of(), 18), s.concepts().get(Concept.ID));
        assertEquals(List.of("trim", "case", "accents"), s.concepts().get(Concept.CITY).normalise());
        assertEquals(List.of("sale", "S"), s.concepts().get(Concept.TYPE).sale());
        assertEquals(List.of("lease", "R"), s.concepts().get(Concept.TYPE).rental());
        assertEquals("[Unit Price] * [Qty]", s.concepts().get(Concept.PRICE).expression());
        assertNull(s.concepts().get(Concept.PRICE).column());
        assertEquals(List.of("gender", "body style"), List.copyOf(s.dimensions().keySet()));
        assertEquals("Body Style", s.dimensions().get("body style").column());
        assertEquals(List.of("trim", "case"), s.dimensions().get("gender").normalise());
        assertFalse(s.has(Concept.MONTH));
    }

    @Test
    void escapesTabsAndBackslashesAndBlockStyle() {
        SalesSchema s = SchemaFile.parse("t.yaml", """
                dialect:
                  delimiter: "\\t"
                  escape: "\\\\"
                  quote: ""
                  header: false
                concepts:
                  month:
                    position: 1
                  quantity: {position: 3}
                  city: {constant: All stores}
                """);
        assertEquals('\t', s.dialect().delimiter());
        assertEquals('\\', s.dialect().escape());
        assertEquals(0, s.dialect().quote());
        assertFalse(s.dialect().header());
        assertEquals("t", s.name());
        assertEquals(List.of("yyyy-MM"), s.dates());
        assertEquals(1, s.concepts().get(Concept.MONTH).position());
        assertEquals(7, s.concepts().get(Concept.MONTH).line());
        assertEquals("All stores", s.concepts().get(Concept.CITY).constant());
    }

    @Test
    void theBuiltInSchemaIsOurLayout() {
        SalesSchema s = SchemaFile.builtIn();
        assertEquals("tilework", s.name());
        assertEquals("built-in", s.source());
        assertEquals(',', s.dialect().delimiter());
        assertEquals("utf-8", s.dialect().encoding());
        assertEquals(List.of("yyyy-MM-dd"), s.dates());
        assertEquals("transaction_id", s.concepts().get(Concept.ID).column());
        assertEquals("ville", s.concepts().get(Concept.CITY).column());
        assertEquals(List.of("vente"), s.concepts().get(Concept.TYPE).sale());
        assertEquals(List.of("location"), s.concepts().get(Concept.TYPE).rental());
        assertEquals("duree_location_mois", s.concepts().get(Concept.DURATION).column());
        assertFalse(s.has(Concept.QUANTITY));
        assertTrue(s.dimensions().isEmpty());
        assertEquals(s, SchemaFile.named("builtin"));
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.yaml");
        Files.writeString(file, "schema: shop\nconcepts:\n  date: {column: Day}\n  colour: {column: C}\n");
        var e = assertThrows(SalesInputInvalid.class, () -> SchemaFile.read(file));
        assertEquals(file + ":4: unknown key 'colour' under concepts; expected id, date, month, city, type, model, make, price, "
                + "quantity, duration, cost", e.getMessage());
        var missing = assertThrows(SalesInputInvalid.class, () -> SchemaFile.read(dir.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains("no such schema file"), missing.getMessage());
    }

    @Test
    void mistakesNameTheirLine() {
        error("x.yaml:2: unknown key 'delimter' under dialect; expected encoding, delimiter, quote, escape, header, skip, nulls",
                "dialect:\n  delimter: ';'\nconcepts: {date: {column: D}}\n");
        error("x.yaml:1: unknown key 'colums' at the top level", "colums: {}\nconcepts: {date: {column: D}}\n");
        error("x.yaml:2: concept city has none of column, position, constant, expression; give exactly one",
                "concepts:\n  city: {normalise: [trim]}\n  date: D\n");
        error("x.yaml:3: concept price has column and constant of column, position, constant, expression; give exactly one",
                "concepts:\n  date: D\n  price: {column: P, constant: 3}\n");
        error("x.yaml:1: no date or month under concepts", "concepts:\n  city: {column: C}\n");
        error("x.yaml:2: unknown encoding 'utf-16'", "dialect:\n  encoding: UTF-16\nconcepts: {date: D}\n");
        error("x.yaml:2: delimiter must be one character", "dialect:\n  delimiter: ';;'\nconcepts: {date: D}\n");
        error("x.yaml:2: bad date pattern 'dd/MM/yyyyb'", "concepts: {date: D}\ndates: [\"dd/MM/yyyyb\"]\n");
        error("x.yaml:2: bad date pattern 'MM/yyyy': no day (d)", "concepts: {date: D}\ndates: [\"MM/yyyy\"]\n");
        error("x.yaml:2: unknown normalisation 'upper'", "concepts:\n  city: {column: C, normalise: [upper]}\n  date: D\n");
        error("x.yaml:2: unknown key 'sale' under concept city", "concepts:\n  city: {column: C, sale: [x]}\n  date: D\n");
        error("x.yaml:2: concept price: expression \"[A] * \": a value is missing", "concepts:\n  price: {expression: \"[A] * \"}\n  date: D\n");
        error("x.yaml:3: unexpected indentation", "concepts:\n  date: D\n      city: C\n");
        error("x.yaml:2: a string opened with \" is not closed", "dialect:\n  delimiter: \";\nconcepts: {date: D}\n");
        error("x.yaml:3: 'date' given twice (first on line 2)", "concepts:\n  date: D\n  date: E\n");
    }

    private static void error(String expectedStart, String text) {
        var e = assertThrows(SalesInputInvalid.class, () -> SchemaFile.parse("x.yaml", text));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void expressionsAreExact() {
        var e = Expression.parse("([Unit Price] - 0.10) * [Qty] / 2 + -1");
        assertEquals(List.of("Unit Price", "Qty"), e.columns());
        BigDecimal v = e.evaluate(i -> i == 0 ? new BigDecimal("19.99") : new BigDecimal("3"));
        assertEquals(0, new BigDecimal("28.835").compareTo(v), v.toString());
        assertNull(e.evaluate(i -> i == 0 ? null : BigDecimal.ONE));
        assertNull(Expression.parse("[A] / [B]").evaluate(i -> i == 0 ? BigDecimal.ONE : BigDecimal.ZERO));
    }
}
