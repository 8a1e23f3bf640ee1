package io.tilework.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.report.Kpis;
import io.tilework.sales.report.Recognition;
import io.tilework.sales.report.Report;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report end to end through schema files: a CSV of monthly registrations (a quantity, no price) and a dealer's
 * export (price = unit price x quantity, a cost column, no type), read by the job in many splits; the report's
 * units, revenue, margins, dimensions and missing lines against DuckDB reading the same file.
 */
@DisplayName("the report through a schema file equals DuckDB on the same file: units-only aggregates and a dealer's export")
class SchemaReportTest {

    private static final List<String> REGIONS = List.of("North", "South", "East", "West", "Centre");
    private static final String[][] MODELS = {{"Renault", "Clio"}, {"Renault", "Megane"}, {"Renault", "Captur"}, {"Peugeot", "208"},
        {"Peugeot", "3008"}, {"Peugeot", "2008"}, {"Tesla", "Model Y"}, {"Tesla", "Model 3"}, {"Dacia", "Sandero"}, {"Dacia", "Duster"}};

    @TempDir
    Path dir;
    private Connection duck;
    private final Engine engine = Engine.builder().build();

    @BeforeEach
    void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws SQLException {
        duck.close();
        engine.close();
    }

    private Report run(Path file, SalesSchema schema) throws Exception {
        Path out = dir.resolve("report-" + schema.name());
        var options = new SalesScan.Options(schema, 16 << 10, false, 5);
        SalesReportJob.run(engine, new SalesReportJob.Request(List.of(file), out, null, Recognition.BOOKED, options),
                JobContext.Progress.NONE);
        return SalesReportJob.json().readValue(out.resolve("report.json").toFile(), Report.class);
    }

    @Test
    @DisplayName("monthly registrations with a quantity and no price: units per month, model, make, trend, body style")
    void monthlyRegistrations() throws Exception {
        var random = new Random(31);
        var lines = new ArrayList<String>();
        lines.add("Month;Region;Make;Model;Registrations;Body Style");
        for (int month = 0; month < 20; month++) {
            for (String region : REGIONS) {
                for (String[] model : MODELS) {
                    if (random.nextInt(5) > 0 && !(region.equals("Centre") && month < 6)) {
                        lines.add(String.format("%02d/%d;%s;%s;%s;%d;%s", month % 12 + 1, 2023 + month / 12, region, model[0], model[1],
                                1 + random.nextInt(random.nextInt(400) + 1), List.of("SUV", "Hatchback", "Saloon").get(random.nextInt(3))));
                    }
                }
            }
        }
        Path file = Files.write(dir.resolve("registrations.csv"), lines);
        SalesSchema schema = SchemaFile.parse("registrations.yaml", """
                schema: registrations
                dialect:
                  encoding: utf-8
                  delimiter: ";"
                  header: true
                dates: ["MM/yyyy"]
                concepts:
                  month: {column: Month}
                  city: {column: Region}
                  make: {column: Make}
                  model: {column: Model}
                  quantity: {column: Registrations}
                dimensions:
                  body style: {column: Body Style}
                """);
        Report report = run(file, schema);
        sql("CREATE TABLE tx AS SELECT (year(d) - 1970) * 12 + month(d) - 1 AS m, Region AS city, Make AS make, Model AS model, "
                + "Registrations::BIGINT AS qty, \"Body Style\" AS body, 0::DECIMAL(18,2) AS price FROM (SELECT *, "
                + "strptime('01/' || Month, '%d/%m/%Y')::DATE AS d FROM read_csv('" + file + "', delim = ';', header = true, all_varchar = true))");

        assertEquals(lines.size() - 1, report.input().accepted());
        assertEquals("units", report.rankedBy());
        assertNull(report.totals().revenue());
        assertEquals(List.of("revenue", "sale/rental split", "duplicates", "margins"),
                report.missing().stream().map(Report.Missing::kpi).toList());
        assertEquals("registrations", report.schema().name());
        assertEquals("registrations.yaml", report.schema().source());
        assertEquals(List.of(file.toString()), report.input().files());
        checkUnits(report, false);
        assertEquals(strings("""
                SELECT body, count(*), sum(qty), sum(qty) / (SELECT sum(qty) FROM tx) FROM tx GROUP BY body ORDER BY sum(qty) DESC, body"""),
                report.dimensions().getFirst().values().stream().map(v -> v.value() + " " + v.sales() + " " + v.units() + " "
                        + round(v.shareOfUnits())).toList());
    }

    @Test
    @DisplayName("a dealer's export: price as unit price x quantity, margins from its cost column, no type, a gender dimension")
    void dealerExport() throws Exception {
        var random = new Random(77);
        var lines = new ArrayList<String>();
        lines.add("Invoice ID,Date,Dealer_Region,Company,Model,Unit Price,Qty,Cost,Gender");
        for (int i = 0; i < 6_000; i++) {
            String[] model = MODELS[(int) Math.min(MODELS.length - 1, Math.abs(random.nextGaussian()) * 4)];
            long unitCents = 1_200_000 + random.nextInt(5_000_000);
            int qty = 1 + random.nextInt(3);
            long costCents = unitCents * qty * (75 + random.nextInt(20)) / 100;
            lines.add(String.format("INV%05d,%02d/%02d/%d,%s,%s,%s,%s,%d,%s,%s", i, 1 + random.nextInt(28), 1 + random.nextInt(12),
                    2022 + random.nextInt(2), REGIONS.get(random.nextInt(REGIONS.size())), model[0], model[1],
                    BigDecimal.valueOf(unitCents, 2).toPlainString(), qty, BigDecimal.valueOf(costCents, 2).toPlainString(),
                    random.nextBoolean() ? "Female" : "Male"));
        }
        Path file = Files.write(dir.resolve("dealer.csv"), lines);
        Path schemaFile = Files.writeString(dir.resolve("dealer.yaml"), """
                schema: dealer
                dialect:
                  encoding: utf-8
                  delimiter: ","
                  header: true
                dates: ["dd/MM/yyyy"]
                concepts:
                  id: {column: Invoice ID}
                  date: {column: Date}
                  city: {column: Dealer_Region}
                  make: {column: Company}
                  model: {column: Model}
                  price: {expression: "[Unit Price] * [Qty]"}
                  quantity: {column: Qty}
                  cost: {column: Cost}
                dimensions:
                  gender: {column: Gender}
                """);
        Report report = run(file, SchemaFile.read(schemaFile));
        sql("CREATE TABLE tx AS SELECT (year(d) - 1970) * 12 + month(d) - 1 AS m, Dealer_Region AS city, Company AS make, "
                + "Model AS model, Qty::BIGINT AS qty, \"Unit Price\"::DECIMAL(18,2) * Qty::BIGINT AS price, Cost::DECIMAL(18,2) AS cost, "
                + "Gender AS gender FROM (SELECT *, strptime(Date, '%d/%m/%Y')::DATE AS d FROM read_csv('" + file
                + "', header = true, all_varchar = true))");

        assertEquals(6_000, report.input().accepted());
        assertEquals("revenue", report.rankedBy());
        assertEquals(List.of("sale/rental split"), report.missing().stream().map(Report.Missing::kpi).toList());
        assertEquals(schemaFile.toString(), report.schema().source());
        assertEquals("expression [Unit Price] * [Qty]", report.schema().concepts().get("price"));
        checkUnits(report, true);
        // revenue per region and month, and the rank by revenue
        var revenue = new TreeMap<String, String>();
        for (Report.City city : report.cities()) {
            for (int i = 0; i < report.months().size(); i++) {
                revenue.put(city.city() + " " + report.months().get(i), city.monthlyRevenue().get(i).stripTrailingZeros().toPlainString());
            }
        }
        var expected = new TreeMap<String, String>();
        try (ResultSet rs = query(SPINE + "SELECT spine.city, spine.m, coalesce(sum(price), 0) FROM spine LEFT JOIN tx USING (city, m) GROUP BY ALL")) {
            while (rs.next()) {
                expected.put(rs.getString(1) + " " + Kpis.monthName(rs.getInt(2)), rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
            }
        }
        assertEquals(expected, revenue);
        assertEquals(strings("SELECT city FROM tx GROUP BY city ORDER BY sum(price) DESC, city"),
                report.cities().stream().map(Report.City::city).toList());
        // sale margins from the cost column: (price - cost) averaged over each region's sales
        var margins = new ArrayList<String>();
        try (ResultSet rs = query("SELECT city, count(*), sum(price - cost) FROM tx GROUP BY city ORDER BY city")) {
            while (rs.next()) {
                margins.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getBigDecimal(3)
                        .divide(BigDecimal.valueOf(rs.getLong(2)), 2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
            }
        }
        assertEquals(margins, report.cities().stream().sorted(java.util.Comparator.comparing(Report.City::city)).map(c -> c.city() + " "
                        + c.margin().salesCounted() + " " + c.margin().averageSaleMargin().stripTrailingZeros().toPlainString()).toList());
        assertEquals("column Cost", report.margin().source());
        assertEquals(strings("""
                SELECT gender, count(*), sum(qty), sum(price) FROM tx GROUP BY gender ORDER BY sum(qty) DESC, gender"""),
                report.dimensions().getFirst().values().stream().map(v -> v.value() + " " + v.sales() + " " + v.units() + " "
                        + v.revenue().stripTrailingZeros().toPlainString()).toList());
    }

    /** Units per region and month, per make over all regions, the top five models per region by units, the trend in units. */
    private void checkUnits(Report report, boolean priced) throws SQLException {
        var units = new ArrayList<String>();
        for (Report.City city : report.cities()) {
            for (int i = 0; i < report.months().size(); i++) {
                units.add(city.city() + " " + report.months().get(i) + " " + city.units().monthly().get(i));
            }
        }
        units.sort(null);
        var expected = new ArrayList<String>();
        try (ResultSet rs = query(SPINE + "SELECT spine.city, spine.m, coalesce(sum(qty), 0) FROM spine LEFT JOIN tx USING (city, m) GROUP BY ALL")) {
            while (rs.next()) {
                expected.add(rs.getString(1) + " " + Kpis.monthName(rs.getInt(2)) + " " + rs.getLong(3));
            }
        }
        expected.sort(null);
        assertEquals(expected, units);
        String order = priced ? "sum(qty) DESC, sum(price) DESC, name" : "sum(qty) DESC, name";
        assertEquals(strings("SELECT make AS name, sum(qty) FROM tx GROUP BY make ORDER BY " + order),
                report.units().makes().stream().map(r -> r.name() + " " + r.units()).toList());
        for (Report.City city : report.cities()) {
            assertEquals(strings("SELECT model AS name, make, sum(qty) FROM tx WHERE city = '" + city.city() + "' GROUP BY ALL ORDER BY "
                    + order + " LIMIT 5"), city.units().topModels().stream().map(r -> r.name() + " " + r.make() + " " + r.units()).toList(),
                    city.city() + " top five by units");
        }
        try (ResultSet rs = query("""
                WITH spine AS (SELECT c.city, s.range AS m FROM (SELECT DISTINCT city FROM tx) c,
                               range((SELECT min(m) FROM tx), (SELECT max(m) + 1 FROM tx)) s),
                     last AS (SELECT max(m) AS l FROM tx),
                     monthly AS (SELECT spine.city, spine.m, coalesce(sum(qty), 0) AS y FROM spine LEFT JOIN tx USING (city, m) GROUP BY ALL)
                SELECT city, regr_slope(y, m - l + 2), regr_intercept(y, m - l + 2), count(*) FROM monthly, last WHERE m > l - 3
                GROUP BY city""")) {
            while (rs.next()) {
                Report.Trend trend = report.cities().stream().filter(c -> {
                    try {
                        return c.city().equals(rs.getString(1));
                    } catch (SQLException e) {
                        throw new AssertionError(e);
                    }
                }).findFirst().orElseThrow().units().trend();
                assertEquals(3, rs.getInt(4));
                assertEquals(rs.getDouble(2), trend.slopePerMonth(), 1e-9, rs.getString(1) + " slope in units");
                assertEquals(rs.getDouble(3), trend.intercept(), 1e-9, rs.getString(1) + " intercept in units");
            }
        }
    }

    /** Each region and each month of the period, for series with empty months. */
    private static final String SPINE = """
            WITH spine AS (SELECT c.city, s.range AS m FROM (SELECT DISTINCT city FROM tx) c,
                           range((SELECT min(m) FROM tx), (SELECT max(m) + 1 FROM tx)) s)
            """;

    private static String round(double share) {
        return BigDecimal.valueOf(share).setScale(9, RoundingMode.HALF_EVEN).toPlainString();
    }

    private List<String> strings(String select) throws SQLException {
        var rows = new ArrayList<String>();
        try (ResultSet rs = query(select)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var row = new ArrayList<String>();
                for (int c = 1; c <= columns; c++) {
                    Object value = rs.getObject(c);
                    row.add(switch (value) {
                        case BigDecimal amount -> amount.stripTrailingZeros().toPlainString();
                        case Double d -> round(d);
                        default -> String.valueOf(value);
                    });
                }
                rows.add(String.join(" ", row));
            }
        }
        return rows;
    }

    private void sql(String statement) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute(statement);
        }
    }

    private ResultSet query(String select) throws SQLException {
        return duck.createStatement().executeQuery(select);
    }
}
