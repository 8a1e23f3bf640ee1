package io.tilework.sales.dialects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generator and the oracle checked against each other before either judges Tilework: each
 * dialect file, read by DuckDB with the dialect given explicitly, gives the figures the test
 * computes in Java from the rows it wrote. A dialect written wrongly (a separator left in an
 * amount, a date in the other order, a quote not doubled) or read wrongly fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("each generated dialect file, read by DuckDB with its dialect, gives the figures of the rows written")
class DialectFilesTest {

    static final List<SaleRow> ROWS = SaleRows.generate(3_000, 24);

    @TempDir
    Path dir;
    private DuckDbOracle duck;

    @BeforeAll
    void open() throws Exception {
        duck = new DuckDbOracle();
    }

    @AfterAll
    void close() throws Exception {
        duck.close();
    }

    static Stream<Dialect> dialects() {
        return Dialects.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void duckDbReadsWhatWasWritten(Dialect dialect) throws Exception {
        Path file = dir.resolve(dialect.name() + ".csv");
        List<SaleRow> written = DialectWriter.write(file, dialect, ROWS);
        Figures expected = Figures.of(dialect, written);
        Figures actual = duck.figures(file, dialect);
        assertEquals(expected.rows(), actual.rows(), "rows");
        assertEquals(expected.byMonth(), actual.byMonth(), "per group and month");
        assertEquals(expected.byModel(), actual.byModel(), "per group and model");
        assertEquals(expected.byMake(), actual.byMake(), "per group and make");
        assertEquals(expected.byDimension(), actual.byDimension(), "per dimension value");
        assertTrue(expected.byMonth().size() > 20, "several groups and months");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    @DisplayName("each dialect's schema, as a person would write it, is read by SchemaFile with the concepts and numbers it names")
    void schemaOfEachDialectParses(Dialect dialect) {
        SalesSchema schema = SchemaFile.parse(dialect.name() + ".yaml", dialect.schemaYaml());
        assertEquals(dialect.name(), schema.name());
        assertEquals(dialect.delimiter(), schema.dialect().delimiter());
        assertEquals(dialect.encoding(), schema.dialect().encoding());
        assertEquals(dialect.titleLines(), schema.dialect().skip());
        assertEquals(dialect.decimal(), schema.numbers().decimal());
        assertEquals(dialect.thousands(), schema.numbers().thousands());
        assertEquals(List.of(dialect.datePattern()), schema.dates());
        var keys = schema.concepts().keySet().stream().map(Concept::key).collect(Collectors.toSet());
        assertEquals(dialect.concepts().keySet(), keys);
        if (dialect.has(Field.UNIT_PRICE)) {
            assertEquals("[unit price] * [qty]", schema.concepts().get(Concept.PRICE).expression());
        } else if (dialect.has(Field.PRICE)) {
            assertEquals(dialect.header(Field.PRICE), schema.concepts().get(Concept.PRICE).column());
        }
    }

    @Test
    @DisplayName("the built-in dialect's schema maps the concepts as the shipped built-in schema does")
    void builtInDialectIsTheBuiltInSchema() {
        SalesSchema ours = SchemaFile.parse("builtin.yaml", Dialects.BUILT_IN.schemaYaml());
        SalesSchema shipped = SchemaFile.builtIn();
        assertEquals(shipped.concepts().keySet(), ours.concepts().keySet());
        shipped.concepts().forEach((concept, mapping) -> assertEquals(mapping.column(), ours.concepts().get(concept).column(), concept.key()));
        assertEquals(shipped.dates(), ours.dates());
    }

    @Test
    @DisplayName("the dialects hold what they are for: a BOM, windows-1252 bytes, quoted delimiters, thousands separators")
    void dialectsHoldTheirTraits() throws Exception {
        Path bom = dir.resolve("bom.csv");
        DialectWriter.write(bom, Dialects.FRENCH_BOM, ROWS);
        byte[] bytes = Files.readAllBytes(bom);
        assertEquals(0xef, bytes[0] & 0xff);
        String french = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(french.contains("\"Série 3; M Sport\""), "a quoted field holding the delimiter");
        assertTrue(french.matches("(?s).*;\\d{1,3} \\d{3},\\d{2} €;.*"), "12 345,67 €");
        Path legacy = dir.resolve("legacy.csv");
        DialectWriter.write(legacy, Dialects.LEGACY_1252, ROWS);
        byte[] cp1252 = Files.readAllBytes(legacy);
        assertTrue(indexOf(cp1252, (byte) 0x80) >= 0, "the euro sign as windows-1252's 0x80");
        assertTrue(indexOf(cp1252, (byte) 0xe9) >= 0, "é as one byte");
        Path lines = dir.resolve("lines.csv");
        DialectWriter.write(lines, Dialects.LINE_BREAKS, ROWS);
        assertTrue(Files.readString(lines).contains("\"delivered late\nsee mail\""), "a line break inside quotes");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
