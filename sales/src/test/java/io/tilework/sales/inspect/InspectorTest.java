package io.tilework.sales.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.sales.generate.SalesGenerator;
import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import io.tilework.sales.failure.SalesInputInvalid;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("inspect: generated exports in many dialects get the schema they were written in")
class InspectorTest {

    @TempDir
    Path dir;

    static Stream<DialectFile> dialects() {
        return Stream.of(
                new DialectFile("en", "utf-8", false, false, ',', "MM/dd/yyyy", true, '.', ',', "$", 0, true),
                new DialectFile("fr", "windows-1252", false, false, ';', "dd/MM/yyyy", true, ',', ' ', "€", 2, true),
                new DialectFile("de", "utf-8", true, false, ';', "d.M.yyyy", true, ',', '.', "EUR", 0, true),
                new DialectFile("es", "iso-8859-1", false, false, '\t', "yyyy-MM-dd", true, ',', (char) 0, "", 1, true),
                new DialectFile("it", "utf-8", false, false, ';', "dd/MM/yyyy", true, ',', '.', "€", 0, false),
                new DialectFile("en", "utf-8", false, true, ',', "M/d/yyyy", true, '.', (char) 0, "", 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void dialect_isFound_andEveryConceptProposed(DialectFile spec) throws Exception {
        Path file = spec.write(dir.resolve("export-" + spec.lang() + ".csv"));
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(Inspector.Options.DEFAULT_ROWS), (d, t) -> { });
        SalesSchema schema = inspection.schema("export", "export.yaml");
        String text = inspection.text();
        String yaml = inspection.schemaFile("export", "export.yaml", "export.yaml");
        assertEquals(SchemaWriterTest.withoutLines(schema), SchemaWriterTest.withoutLines(SchemaFile.parse("export.yaml", yaml)),
                "the schema file reads back as the schema proposed\n" + yaml);
        String expectedEncoding = spec.doubleDecoded() || spec.encoding().equals("utf-8") ? "utf-8"
                : "windows-1252"; // iso-8859-1 text without bytes 0x80-0x9f reads the same in windows-1252, its superset
        assertEquals(expectedEncoding, schema.dialect().encoding(), text);
        assertEquals(spec.bom(), inspection.files().getFirst().encoding().bom(), text);
        assertEquals(spec.delimiter(), schema.dialect().delimiter(), text);
        assertEquals('"', schema.dialect().quote());
        assertEquals('"', schema.dialect().escape());
        assertTrue(schema.dialect().header(), text);
        assertEquals(spec.titleLines(), schema.dialect().skip(), text);
        assertTrue(schema.dialect().nulls().contains(""), "the empty comments: " + schema.dialect().nulls());
        assertEquals(spec.expectedDates(), schema.dates(), text);
        assertEquals(spec.decimal(), schema.numbers().decimal(), text);
        assertEquals(spec.thousands(), schema.numbers().thousands(), text);
        assertEquals(spec.currency().isEmpty() ? List.of() : List.of(spec.currency()), schema.numbers().currency(), text);

        List<String> header = spec.header();
        assertColumn(schema, Concept.ID, header.get(0), text);
        assertColumn(schema, Concept.DATE, header.get(1), text);
        assertColumn(schema, Concept.CITY, header.get(2), text);
        assertEquals(List.of("trim", "case", "accents"), schema.concepts().get(Concept.CITY).normalise());
        if (spec.typeColumn()) {
            assertColumn(schema, Concept.TYPE, header.get(3), text);
            assertEquals(List.of(spec.typeValues().get(0)), schema.concepts().get(Concept.TYPE).sale(), text);
            assertEquals(List.of(spec.typeValues().get(1)), schema.concepts().get(Concept.TYPE).rental(), text);
        } else {
            assertFalse(schema.has(Concept.TYPE), "no type column: every row is a sale\n" + text);
            assertTrue(text.contains("type      -                      absent: every row is a sale"), text);
        }
        assertColumn(schema, Concept.MODEL, header.get(4), text);
        assertColumn(schema, Concept.MAKE, header.get(5), text);
        assertColumn(schema, Concept.PRICE, header.get(6), text);
        assertColumn(schema, Concept.QUANTITY, header.get(7), text);
        assertFalse(schema.has(Concept.MONTH) || schema.has(Concept.DURATION) || schema.has(Concept.COST), text);
        String gender = Synonyms.normalise(header.get(8));
        assertEquals(List.of(gender), List.copyOf(schema.dimensions().keySet()), "gender is the one low-cardinality text left\n" + text);
        assertEquals(DialectFile.ROWS, inspection.rows(), "every row read, the quoted line breaks inside fields\n" + text);
        assertTrue(text.matches("(?s).*warning    \\d+ rows hold a line break inside a quoted field.*"), text);
        for (Proposal p : inspection.proposals()) {
            assertTrue(p.sure() > 0.5 && p.sure() <= 1, p + "\n" + text);
        }
        assertEquals(spec.doubleDecoded(), text.contains("look like UTF-8 decoded twice"), text);
        if (spec.doubleDecoded()) {
            assertTrue(text.contains("iconv -f UTF-8 -t WINDOWS-1252 " + file + " > " + file + ".fixed"), text);
        } else {
            assertTrue(text.contains("Besançon"), "the accents decoded right\n" + text);
        }
    }

    private static void assertColumn(SalesSchema schema, Concept concept, String column, String text) {
        SalesSchema.Mapping m = schema.concepts().get(concept);
        assertTrue(m != null, concept + " not proposed\n" + text);
        assertEquals(column, m.column(), concept + "\n" + text);
    }

    @Test
    void dayMonthOrder_undecidable_isSaidAmbiguous() throws Exception {
        var spec = new DialectFile("en", "utf-8", false, false, ',', "dd/MM/yyyy", false, '.', (char) 0, "", 0, true);
        Inspection inspection = Inspector.inspect(List.of(spec.write(dir.resolve("ambiguous.csv"))), Inspector.Options.sample(10_000), (d, t) -> { });
        assertEquals(List.of("dd/MM/yyyy"), inspection.schema("a", "t").dates());
        assertTrue(inspection.text().contains("day/month or month/day: no value over 12 tells"), inspection.text());
    }

    @Test
    void monthlyAggregates_withQuantityAndNoPrice_areMonthAndQuantity() throws Exception {
        var csv = new StringBuilder("Mois;Marque;Modèle;Immatriculations\n");
        for (int m = 1; m <= 12; m++) {
            for (String model : List.of("Clio", "208", "Zoe")) {
                csv.append(String.format("%02d/2024;%s;%s;%d%n", m, model.equals("208") ? "Peugeot" : "Renault", model, 100 + m * 7));
            }
        }
        Path file = Files.writeString(dir.resolve("monthly.csv"), csv);
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(10_000), (d, t) -> { });
        SalesSchema schema = inspection.schema("monthly", "t");
        String text = inspection.text();
        assertEquals("Mois", schema.concepts().get(Concept.MONTH).column(), text);
        assertFalse(schema.has(Concept.DATE), text);
        assertEquals(List.of("MM/yyyy"), schema.dates(), text);
        assertEquals("Immatriculations", schema.concepts().get(Concept.QUANTITY).column(), text);
        assertEquals("Marque", schema.concepts().get(Concept.MAKE).column(), text);
        assertEquals("Modèle", schema.concepts().get(Concept.MODEL).column(), text);
        assertFalse(schema.has(Concept.PRICE) || schema.has(Concept.ID) || schema.has(Concept.TYPE), text);
        assertTrue(text.contains("price     -                      absent: no revenue KPIs, units only"), text);
        assertTrue(inspection.hasDateOrMonth());
    }

    @Test
    void noHeader_columnsByPosition_dateAndTypeFromTheirValues() throws Exception {
        var csv = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            csv.append(String.format("T%d,2024-%02d-%02d,Lyon,%s,BMW_X3,%d.50%n", i, 1 + i % 12, 1 + i % 28, i % 3 == 0 ? "location" : "vente", 40000 + i));
        }
        Inspection inspection = Inspector.inspect(List.of(Files.writeString(dir.resolve("bare.csv"), csv)), Inspector.Options.sample(10_000),
                (d, t) -> { });
        SalesSchema schema = inspection.schema("bare", "t");
        assertFalse(schema.dialect().header(), inspection.text());
        assertEquals(2, schema.concepts().get(Concept.DATE).position(), inspection.text());
        assertEquals(List.of("yyyy-MM-dd"), schema.dates());
        assertEquals(4, schema.concepts().get(Concept.TYPE).position(), inspection.text());
        assertEquals(List.of("vente"), schema.concepts().get(Concept.TYPE).sale());
        assertEquals(List.of("location"), schema.concepts().get(Concept.TYPE).rental());
    }

    @Test
    void noDateNorMonth_isMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("nodate.csv"), "Customer,City,Amount\nA,Lyon,12.50\nB,Paris,13.00\nC,Lyon,9.99\n");
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(10_000), (d, t) -> { });
        assertFalse(inspection.hasDateOrMonth());
        assertTrue(inspection.text().contains("missing: date or month (required)"), inspection.text());
        String yaml = inspection.schemaFile("nodate", "nodate.yaml", "nodate.yaml");
        assertTrue(yaml.contains("  # date: {column: ...}    # REQUIRED, not found"), yaml);
        var refused = assertThrows(SalesInputInvalid.class, () -> SchemaFile.parse("nodate.yaml", yaml),
                "until the user names the date, the schema is refused");
        assertTrue(refused.getMessage().startsWith("nodate.yaml:"), refused.getMessage());
        String named = yaml.replace("  # date: {column: ...}", "  date: {column: Customer}").replace("dates: []", "dates: [\"yyyy-MM-dd\"]");
        assertEquals("Customer", SchemaFile.parse("nodate.yaml", named).concepts().get(Concept.DATE).column(), "once named, it reads");
    }

    @Test
    void builtInLayout_generated_isTheBuiltInSchema() throws Exception {
        Path file = dir.resolve("tx.csv.gz");
        SalesGenerator.write(file, new SalesGenerator.Options(5_000, 3, 0), (line, reason) -> { });
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(2_000), (d, t) -> { });
        SalesSchema schema = inspection.schema("tx", "t");
        String text = inspection.text();
        assertEquals(2_000, inspection.rows(), text);
        assertEquals(',', schema.dialect().delimiter());
        assertEquals(List.of("yyyy-MM-dd"), schema.dates(), text);
        assertEquals("transaction_id", schema.concepts().get(Concept.ID).column(), text);
        assertEquals("date", schema.concepts().get(Concept.DATE).column(), text);
        assertEquals("ville", schema.concepts().get(Concept.CITY).column(), text);
        assertEquals("type", schema.concepts().get(Concept.TYPE).column(), text);
        assertEquals(List.of("location"), schema.concepts().get(Concept.TYPE).rental(), text);
        assertEquals("modele", schema.concepts().get(Concept.MODEL).column(), text);
        assertEquals("prix", schema.concepts().get(Concept.PRICE).column(), text);
        assertEquals("duree_location_mois", schema.concepts().get(Concept.DURATION).column(), text);
        assertTrue(schema.dialect().nulls().contains("NULL"), text);
    }

    @Test
    void titleLinesAndQuotedDelimiters_areSkippedAndKept() throws Exception {
        Path file = Files.writeString(dir.resolve("titled.csv"), """
                Dealer report; all sites
                
                Date;City;Price;Note
                2024-01-05;Lyon;"45 000,00";"a; b"
                2024-01-06;"Saint-Étienne; Loire";"1 200,50";""
                2024-02-07;Paris;"999,99";"x"
                """);
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(10_000), (d, t) -> { });
        SalesSchema schema = inspection.schema("t", "t");
        assertEquals(';', schema.dialect().delimiter(), inspection.text());
        assertEquals(2, schema.dialect().skip(), inspection.text());
        assertEquals(',', schema.numbers().decimal(), inspection.text());
        assertEquals(' ', schema.numbers().thousands(), inspection.text());
        assertEquals("City", schema.concepts().get(Concept.CITY).column(), inspection.text());
        assertEquals(3, inspection.rows());
    }

    @Test
    void full_readsEveryRow_distinctCountsAgreeWithDuckDb() throws Exception {
        Path file = dir.resolve("big.csv.gz");
        SalesGenerator.write(file, new SalesGenerator.Options(30_000, 11, 0), (line, reason) -> { });
        var progress = new long[2];
        Inspection inspection = Inspector.inspect(List.of(file), new Inspector.Options(100, Inspector.Options.DEFAULT_BYTES, true),
                (done, total) -> progress[0] = done);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT transaction_id), count(DISTINCT ville), count(DISTINCT modele) "
                     + "FROM read_csv('" + file + "', header = true, all_varchar = true)")) {
            r.next();
            assertEquals(r.getLong(1), inspection.rows(), "--full reads every row, not the 100 sampled");
            assertTrue(progress[0] > 0, "progress was told");
            ColumnProfile id = inspection.columns().get(0);
            assertEquals("transaction_id", id.name);
            assertFalse(id.distinct.exact(), "over " + DistinctCount.EXACT + " values: an estimate");
            double error = Math.abs(id.distinct.count() - r.getLong(2)) / (double) r.getLong(2);
            assertTrue(error < 0.08, "estimate " + id.distinct.count() + " against DuckDB's " + r.getLong(2));
            assertTrue(inspection.text().contains("(estimate, ±3%)"), inspection.text());
            ColumnProfile city = inspection.columns().get(2);
            ColumnProfile model = inspection.columns().get(4);
            assertTrue(city.distinct.exact() && model.distinct.exact());
            assertEquals(r.getLong(3), city.distinct.count(), "the city spellings, counted exactly");
            assertEquals(r.getLong(4), model.distinct.count());
        }
    }

    @Test
    void unitPriceWithQuantity_isAnExpression_andThousandsCommasAreNotDecimals() throws Exception {
        Path file = Files.writeString(dir.resolve("units.csv"), """
                Order Date,Store,Product,Unit Price,Qty
                2024-01-05,North,Widget,"1,200",2
                2024-01-06,South,Gadget,"45,000",1
                2024-02-07,North,Widget,"1,200.50",3
                2024-02-08,North,Gadget,999,1
                """);
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(10_000), (d, t) -> { });
        SalesSchema schema = inspection.schema("u", "t");
        assertEquals("[Unit Price] * [Qty]", schema.concepts().get(Concept.PRICE).expression(), inspection.text());
        assertEquals("Qty", schema.concepts().get(Concept.QUANTITY).column(), inspection.text());
        assertEquals('.', schema.numbers().decimal(), "1,200.50 says the comma groups thousands\n" + inspection.text());
        assertEquals(',', schema.numbers().thousands(), inspection.text());
        assertEquals("Store", schema.concepts().get(Concept.CITY).column(), inspection.text());
    }

    @Test
    void encodings_areToldApartByTheirBytes() {
        byte[] ascii = "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("utf-8", EncodingGuess.of(ascii, ascii.length, true).name());
        byte[] latin = "ville\nBesan\u00e7on\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("windows-1252", EncodingGuess.of(latin, latin.length, true).name(), "no byte 0x80-0x9f: windows-1252 reads it the same");
        byte[] c1 = {'a', '\n', (byte) 0xe9, (byte) 0x81, '\n'};
        assertEquals("iso-8859-1", EncodingGuess.of(c1, c1.length, true).name(), "0x81 is unassigned in windows-1252");
        byte[] cut = "ok \u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("utf-8", EncodingGuess.of(cut, cut.length - 1, false).name(), "a character cut by the sample's end is not an error");
        assertTrue(EncodingGuess.doubleDecoded("Caf\u00e9 cr\u00e8me, l\u2019\u00e9t\u00e9").isEmpty(), "accents and quotes are not mojibake");
        assertFalse(EncodingGuess.doubleDecoded("Besan\u00c3\u00a7on").isEmpty());
        assertTrue(EncodingGuess.doubleDecoded("Besan\u00c3\u0087on").contains("iconv -f UTF-8 -t ISO-8859-1"), "decoded as iso-8859-1");
    }

    @Test
    void filesWithAnotherHeader_areNamedAndLeftOut() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "Date,City,Price\n2024-01-05,Lyon,10\n2024-01-06,Paris,20\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "date,city,price\n2024-02-05,Lyon,30\n");
        Path c = Files.writeString(dir.resolve("c.csv"), "Day,Town,Amount\n2024-03-05,Lyon,40\n");
        Inspection inspection = Inspector.inspect(List.of(a, b, c), Inspector.Options.sample(10_000), (d, t) -> { });
        assertEquals(3, inspection.rows(), "a and b (the same header, another case), not c\n" + inspection.text());
        assertTrue(inspection.text().contains("warning    its header differs from a.csv's (Day, Town, Amount)"), inspection.text());
    }

    @Test
    void timestampsAndMonthNames_areDates() throws Exception {
        var csv = new StringBuilder("Created,Day,Sold on,Amount\n");
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int i = 0; i < 40; i++) {
            int d = 1 + i % 28;
            int m = 1 + i % 12;
            csv.append(String.format("2024-%02d-%02dT%02d:15:30.250+01:00,%02d-%s-2024,\"%s %d, 2024\",%d%n", m, d, i % 24, d, months[m - 1],
                    months[m - 1], d, 100 + i));
        }
        Inspection inspection = Inspector.inspect(List.of(Files.writeString(dir.resolve("stamps.csv"), csv)), Inspector.Options.sample(100),
                (d, t) -> { });
        List<ColumnProfile> columns = inspection.columns();
        String text = inspection.text();
        assertEquals(List.of("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), columns.get(0).datePatterns(), text);
        assertEquals(ColumnProfile.Type.DATE, columns.get(0).type(), text);
        assertEquals(List.of("dd-MMM-yyyy"), columns.get(1).datePatterns(), text);
        assertEquals(ColumnProfile.Type.DATE, columns.get(1).type(), text);
        assertEquals(List.of("MMM d, yyyy"), columns.get(2).datePatterns(), text);
        assertEquals(ColumnProfile.Type.DATE, columns.get(2).type(), text);
        assertFalse(text.contains("ambiguous") || text.contains("no value over 12"), text);
        assertEquals("Day", inspection.schema("s", "t").concepts().get(Concept.DATE).column(), "of three date columns, the one whose header says so\n" + text);
    }

    @Test
    void blankAndRepeatedHeaderNames_areMappedByPosition() throws Exception {
        Path file = Files.writeString(dir.resolve("pandas.csv"), """
                ,Date,City,Price,Price
                0,2024-01-05,Lyon,10.50,11.00
                1,2024-01-06,Paris,20.00,21.00
                2,2024-02-07,Lyon,30.25,31.00
                """);
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(10_000), (d, t) -> { });
        SalesSchema schema = inspection.schema("p", "p.yaml");
        String text = inspection.text();
        assertTrue(schema.dialect().header(), "a blank name, as pandas writes its index, still makes a header\n" + text);
        assertEquals("Date", schema.concepts().get(Concept.DATE).column(), text);
        assertEquals(4, schema.concepts().get(Concept.PRICE).position(), "the first 'Price', by position: its name is not one column's\n" + text);
        assertTrue(text.contains("column 1 has no name in the header: the schema names it by position"), text);
        assertTrue(text.contains("column 5 repeats the name 'Price' in the header"), text);
        String yaml = inspection.schemaFile("p", "p.yaml", "p.yaml");
        assertEquals(SchemaWriterTest.withoutLines(schema), SchemaWriterTest.withoutLines(SchemaFile.parse("p.yaml", yaml)), yaml);
    }

    @Test
    void statisticsOfficeLayout_monthNamedAfterTheYear_valueBesideAUnitOfCount_isAQuantity() throws Exception {
        var csv = new StringBuilder("\"STATISTIC\",\"TLIST(M1)\",\"Month\",\"Make and Model\",\"UNIT\",\"VALUE\"\n");
        String[] months = {"January", "February", "March", "April", "May", "June"};
        for (int m = 0; m < months.length; m++) {
            for (String model : List.of("Toyota Corolla", "Hyundai Tucson", "Kia Sportage")) {
                csv.append(String.format("\"TEM20C01\",\"2024%02d\",\"2024 %s\",\"%s\",\"Number\",\"%d\"%n", m + 1, months[m], model,
                        100 + 13 * m + model.length()));
            }
        }
        Inspection inspection = Inspector.inspect(List.of(Files.writeString(dir.resolve("cso.csv"), csv)), Inspector.Options.sample(10_000),
                (d, t) -> { });
        SalesSchema schema = inspection.schema("cso", "t");
        String text = inspection.text();
        assertEquals("Month", schema.concepts().get(Concept.MONTH).column(), text);
        assertEquals(List.of("yyyy MMMM"), schema.dates(), "May is spelt in full too: MMMM reads it\n" + text);
        assertEquals("VALUE", schema.concepts().get(Concept.QUANTITY).column(), text);
        assertFalse(schema.has(Concept.PRICE), "VALUE beside UNIT = Number counts cars, it is no amount\n" + text);
        assertTrue(text.contains("beside 'UNIT' = Number: a count"), text);
    }

    @Test
    void aRegionGoesBeforeADealersName_asTheCity() throws Exception {
        var csv = new StringBuilder("Date,Dealer_Name,Dealer_Region,Price\n");
        for (int i = 0; i < 30; i++) {
            csv.append(String.format("2024-01-%02d,Dealer %d,Region %d,%d%n", 1 + i % 28, i % 4, i % 6, 1000 + i));
        }
        Inspection inspection = Inspector.inspect(List.of(Files.writeString(dir.resolve("dealers.csv"), csv)), Inspector.Options.sample(10_000),
                (d, t) -> { });
        SalesSchema schema = inspection.schema("d", "t");
        assertEquals("Dealer_Region", schema.concepts().get(Concept.CITY).column(), "fewer distinct values, but a dealer is no place\n"
                + inspection.text());
        assertEquals(List.of("dealer name"), List.copyOf(schema.dimensions().keySet()), inspection.text());
    }
}
