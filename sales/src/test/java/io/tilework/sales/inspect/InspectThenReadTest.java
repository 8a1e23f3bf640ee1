package io.tilework.sales.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.sales.map.CityTotals;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema inspect writes, read back from its file, reads the whole export: every row accepted,
 * and the units and sale revenue the scan sums are DuckDB's on the same file.
 */
@DisplayName("inspect, then read through its schema file: every row accepted, sums equal to DuckDB's")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectThenReadTest {

    @TempDir
    Path dir;

    private final Engine engine = Engine.builder().build();

    @AfterAll
    void close() {
        engine.close();
    }

    static List<DialectFile> dialects() {
        return InspectorTest.dialects().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void schemaFromInspect_readsEveryRow(DialectFile spec) throws Exception {
        // no line break inside a quoted field: the report reads a quoted field within its line (sales/README.md)
        Path file = spec.write(dir.resolve("export-" + spec.lang() + ".csv"), false);
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(Inspector.Options.DEFAULT_ROWS), (d, t) -> { });
        Path schemaFile = Files.writeString(dir.resolve("export.yaml"), inspection.schemaFile("export", "export.yaml", "export.yaml"));
        SalesSchema schema = SchemaFile.read(schemaFile);
        SalesScan.Result result = SalesScan.run(engine, List.of(file), new SalesScan.Options(schema, 1 << 20, false, 100),
                dir.resolve("rejects-" + spec.lang() + ".csv"), JobContext.Progress.NONE);
        String rejects = Files.readString(dir.resolve("rejects-" + spec.lang() + ".csv"));
        assertEquals(Map.of(), result.totals().rejectsByReason, rejects);
        assertEquals(DialectFile.ROWS, result.totals().accepted, rejects);
        long units = 0;
        long saleCents = 0;
        for (CityTotals city : result.totals().cities.values()) {
            for (int m = 0; m < CityTotals.MONTHS; m++) {
                units += city.saleUnits[m] + city.rentalUnits[m];
                saleCents += city.saleCents[m];
            }
        }
        List<String> header = spec.header();
        String price = "regexp_replace(\"" + header.get(6) + "\", '[^0-9,.]', '', 'g')";
        if (spec.thousands() == '.' || spec.thousands() == ',') {
            price = "replace(" + price + ", '" + spec.thousands() + "', '')";
        }
        price = "CAST(replace(" + price + ", ',', '.') AS DECIMAL(18, 2))";
        String sale = spec.typeColumn() ? "lower(\"" + header.get(3) + "\") = '" + spec.typeValues().get(0).toLowerCase() + "'" : "true";
        Path forDuck = file; // DuckDB reads UTF-8 and latin-1, not windows-1252: it gets the text as UTF-8, converted by the JDK
        if (!spec.encoding().equals("utf-8") && !spec.doubleDecoded()) {
            forDuck = Files.writeString(dir.resolve("utf8-" + spec.lang() + ".csv"), new String(Files.readAllBytes(file), Charset.forName(spec.encoding())));
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet r = s.executeQuery("SELECT sum(CAST(\"" + header.get(7) + "\" AS INTEGER)), "
                     + "CAST(100 * sum(" + price + ") FILTER (WHERE " + sale + ") AS BIGINT) FROM read_csv('" + forDuck + "', header = true, "
                     + "all_varchar = true, delim = '" + spec.delimiter() + "', quote = '\"', escape = '\"', skip = " + spec.titleLines()
                     + ")")) {
            r.next();
            assertEquals(r.getLong(1), units, "units");
            assertEquals(r.getLong(2), saleCents, "sale revenue in cents");
        }
    }

    @org.junit.jupiter.api.Test
    void columnsByPosition_underAHeader_areRead() throws Exception {
        Path file = Files.writeString(dir.resolve("pandas.csv"), ",Date,City,Price,Price\n0,2024-01-05,Lyon,10.50,11.00\n"
                + "1,2024-01-06,Paris,20.00,21.00\n2,2024-02-07,Lyon,30.25,31.00\n");
        Inspection inspection = Inspector.inspect(List.of(file), Inspector.Options.sample(100), (d, t) -> { });
        Path schemaFile = Files.writeString(dir.resolve("pandas.yaml"), inspection.schemaFile("pandas", "pandas.yaml", "pandas.yaml"));
        SalesScan.Result result = SalesScan.run(engine, List.of(file), new SalesScan.Options(SchemaFile.read(schemaFile), 1 << 20, false, 100),
                dir.resolve("rejects-pandas.csv"), JobContext.Progress.NONE);
        assertEquals(3, result.totals().accepted, Files.readString(dir.resolve("rejects-pandas.csv")));
        long cents = result.totals().cities.values().stream().mapToLong(c -> java.util.Arrays.stream(c.saleCents).sum()).sum();
        assertEquals(1050 + 2000 + 3025, cents, "the first Price column, by its position");
    }
}
