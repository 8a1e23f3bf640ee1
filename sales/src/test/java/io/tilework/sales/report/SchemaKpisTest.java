package io.tilework.sales.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.sales.input.Csv;
import io.tilework.sales.map.CityTotals;
import io.tilework.sales.map.DimensionTotals;
import io.tilework.sales.map.Partial;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.schema.Concept;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KPIs a schema's concepts allow, from partials built here the way the map step fills them, against DuckDB
 * computing the same definitions over the same rows (written as a CSV it reads): units per month, per make and
 * model, top five, seasonality and trend on units; margins from the cost concept; extra dimensions; and the
 * missing lines for the concepts the data lacks.
 */
@DisplayName("KPIs through a schema: units, makes, cost margins, dimensions and what is missing, against DuckDB")
class SchemaKpisTest {

    /** January 2023, as months since January 1970. */
    private static final int START = (2023 - 1970) * 12;
    private static final int MONTHS = 24;
    private static final List<String> CITIES = List.of("Lyon", "Paris", "Nice", "Lille");
    private static final Map<String, String> MAKES = new LinkedHashMap<>();

    static {
        for (String make : List.of("Renault", "Peugeot", "Tesla", "BMW")) {
            for (int i = 1; i <= 4; i++) {
                MAKES.put(make + "_M" + i, make);
            }
        }
    }

    @TempDir
    Path dir;
    private Connection duck;

    /** One accepted row as the map step reads it; absent concepts are read as the contract says. */
    record Row(String id, int month, String city, boolean rental, String model, String make, long cents, long units, int months,
            long costCents, String gender, String body) {
    }

    @BeforeEach
    void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws SQLException {
        duck.close();
    }

    // ---------------------------------------------------------------- the data, the partial and DuckDB

    /** Rows over two years; Nice opens in the 9th month, Lille has a month without rows; quantities 1-4 (or aggregates). */
    static List<Row> rows(long seed, int count, boolean aggregates) {
        var random = new Random(seed);
        var models = new ArrayList<>(MAKES.keySet());
        var rows = new ArrayList<Row>();
        for (int i = 0; i < count; i++) {
            String city = CITIES.get(random.nextInt(CITIES.size()));
            int month = START + random.nextInt(MONTHS);
            if (city.equals("Nice") && month < START + 8 || city.equals("Lille") && month == START + 20) {
                month = START + 8 + random.nextInt(MONTHS - 8);
                month = city.equals("Lille") && month == START + 20 ? START + 21 : month;
            }
            // skewed popularity, so the top five is not a tie everywhere
            String model = models.get((int) Math.min(models.size() - 1, Math.abs(random.nextGaussian()) * 5));
            boolean rental = !aggregates && random.nextInt(4) == 0;
            long cents = rental ? 30_000 + random.nextInt(120_000) : 1_500_000 + random.nextInt(6_000_000);
            long units = aggregates ? 1 + random.nextInt(300) : 1 + random.nextInt(4);
            int months = rental ? 1 + random.nextInt(36) : 0;
            long cost = rental ? 0 : cents * (70 + random.nextInt(25)) / 100;
            rows.add(new Row("T" + i, month, city, rental, model, MAKES.get(model), cents, units, months, cost,
                    List.of("F", "M", "X").get(random.nextInt(3)), List.of("SUV", "Sedan", "Coupe", "Van").get(random.nextInt(4))));
        }
        return rows;
    }

    /** The sums the map step adds for {@code rows} read through {@code schema} (see the issue 24 contract). */
    static Partial partial(List<Row> rows, SalesSchema schema) {
        var partial = new Partial();
        for (Row row : rows) {
            String cityName = schema.has(Concept.CITY) ? row.city() : "all";
            int type = schema.has(Concept.TYPE) && row.rental() ? 1 : 0;
            long cents = schema.has(Concept.PRICE) ? row.cents() : 0;
            long units = schema.has(Concept.QUANTITY) ? row.units() : 1;
            int months = type == 1 ? row.months() : 0;
            CityTotals city = partial.city(cityName);
            CityTotals.ModelTotals model = city.model(schema.has(Concept.MODEL) ? row.model() : "(none)");
            city.add(model, type, row.month(), cents, months, 1);
            List<CityTotals.ModelTotals> byUnits = new ArrayList<>(List.of(model));
            if (schema.has(Concept.MAKE)) {
                model.make = row.make();
                CityTotals.ModelTotals make = city.make(row.make());
                byUnits.add(make);
                if (type == 0) {
                    make.saleCount++;
                    make.saleCents += cents;
                } else {
                    make.rentalCount++;
                    make.rentalCents += cents * months;
                    make.rentalMonths += months;
                }
            }
            for (CityTotals.ModelTotals t : byUnits) {
                if (type == 0) {
                    t.saleUnits += units;
                } else {
                    t.rentalUnits += units;
                }
            }
            if (type == 0) {
                city.saleUnits[row.month()] += units;
            } else {
                city.rentalUnits[row.month()] += units;
            }
            if (type == 0 && schema.has(Concept.COST)) {
                city.saleCostCents[row.month()] += row.costCents();
                model.saleCostCents += row.costCents();
            }
            for (String dimension : schema.dimensions().keySet()) {
                DimensionTotals d = partial.dimension(dimension, dimension.equals("gender") ? row.gender() : row.body());
                if (type == 0) {
                    d.saleCount++;
                    d.saleUnits += units;
                    d.saleCents += cents;
                } else {
                    d.rentalCount++;
                    d.rentalUnits += units;
                    d.rentalCents += cents * months;
                }
            }
            partial.spellings.merge(cityName, 1L, Long::sum);
            partial.accepted++;
            partial.lines++;
        }
        partial.headerLines = 1;
        partial.lines++;
        return partial;
    }

    /** The same rows as a CSV file, loaded into DuckDB as table {@code tx}, with absent concepts read as the report reads them. */
    private Path load(List<Row> rows, SalesSchema schema) throws Exception {
        Path file = dir.resolve(schema.name() + ".csv");
        var lines = new ArrayList<String>();
        lines.add("id,m,city,rental,model,make,price,qty,months,cost,gender,body");
        for (Row r : rows) {
            lines.add(String.join(",", r.id(), Integer.toString(r.month()), Csv.field(r.city()), Boolean.toString(r.rental()), r.model(),
                    r.make(), BigDecimal.valueOf(r.cents(), 2).toPlainString(), Long.toString(r.units()), Integer.toString(r.months()),
                    BigDecimal.valueOf(r.costCents(), 2).toPlainString(), r.gender(), r.body()));
        }
        Files.write(file, lines);
        sql("CREATE OR REPLACE TABLE raw AS SELECT * FROM read_csv('" + file + "', header = true, columns = {'id': 'VARCHAR', "
                + "'m': 'INTEGER', 'city': 'VARCHAR', 'rental': 'BOOLEAN', 'model': 'VARCHAR', 'make': 'VARCHAR', "
                + "'price': 'DECIMAL(18,2)', 'qty': 'BIGINT', 'months': 'INTEGER', 'cost': 'DECIMAL(18,2)', 'gender': 'VARCHAR', "
                + "'body': 'VARCHAR'})");
        sql("CREATE OR REPLACE TABLE tx AS SELECT m, "
                + (schema.has(Concept.CITY) ? "city" : "'all'") + " AS city, "
                + (schema.has(Concept.TYPE) ? "rental" : "false") + " AS rental, "
                + "model, make, "
                + (schema.has(Concept.PRICE) ? "price" : "0::DECIMAL(18,2)") + " AS price, "
                + (schema.has(Concept.QUANTITY) ? "qty" : "1::BIGINT") + " AS qty, "
                + "CASE WHEN " + (schema.has(Concept.TYPE) ? "rental" : "false") + " THEN months ELSE 0 END AS months, "
                + "cost, gender, body FROM raw");
        sql("CREATE OR REPLACE TABLE spine AS SELECT c.city, s.range AS m FROM (SELECT DISTINCT city FROM tx) c, "
                + "range((SELECT min(m) FROM tx), (SELECT max(m) FROM tx) + 1) s");
        sql("""
                CREATE OR REPLACE TABLE monthly_units AS
                SELECT spine.city, spine.m,
                       coalesce(sum(qty) FILTER (WHERE NOT rental), 0) AS sold,
                       coalesce(sum(qty) FILTER (WHERE rental), 0) AS rented,
                       coalesce(sum(qty), 0) AS units
                FROM spine LEFT JOIN tx USING (city, m) GROUP BY ALL""");
        return file;
    }

    private Report report(List<Row> rows, SalesSchema schema, Path file, Costs costs) {
        var scan = new SalesScan.Result(partial(rows, schema), List.of(file), 0, dir.resolve("rejects.csv"));
        return Kpis.compute(scan, schema, Recognition.BOOKED, costs, "no cost file was given (--costs FILE)");
    }

    static SalesSchema schema(String name, Set<Concept> concepts, List<String> dimensions) {
        var mappings = new EnumMap<Concept, SalesSchema.Mapping>(Concept.class);
        for (Concept concept : concepts) {
            mappings.put(concept, concept == Concept.PRICE
                    ? new SalesSchema.Mapping(null, 0, null, "[Unit Price] * [Qty]", List.of(), List.of(), List.of(), 0)
                    : new SalesSchema.Mapping(concept.key().toUpperCase(java.util.Locale.ROOT), 0, null, null, List.of(),
                            List.of(), List.of(), 0));
        }
        var dims = new LinkedHashMap<String, SalesSchema.Mapping>();
        for (String dimension : dimensions) {
            dims.put(dimension, new SalesSchema.Mapping(dimension, 0, null, null, List.of("trim"), List.of(), List.of(), 0));
        }
        return new SalesSchema(name, name + ".yaml", new SalesSchema.Dialect("utf-8", ';', '"', '"', true, 0, List.of("")),
                new SalesSchema.Numbers(',', ' ', List.of("€")), List.of("dd/MM/yyyy"), mappings, dims);
    }

    private void sql(String statement) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute(statement);
        }
    }

    private List<List<Object>> query(String select) throws SQLException {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(select)) {
            var rows = new ArrayList<List<Object>>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var row = new ArrayList<Object>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static Report.City city(Report report, String name) {
        return report.cities().stream().filter(c -> c.city().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no city " + name + " in " + report.cities().stream().map(Report.City::city).toList()));
    }

    private static void assertClose(Number expected, Double actual, String what) {
        assertNotNull(actual, what);
        double e = expected.doubleValue();
        assertEquals(e, actual, Math.abs(e) * 1e-9 + 1e-9, what);
    }

    private static void assertAmount(Object expected, BigDecimal actual, String what) {
        assertNotNull(actual, what);
        assertEquals(0, new BigDecimal(expected.toString()).compareTo(actual), what + ": expected " + expected + ", was " + actual);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    // ---------------------------------------------------------------- checks shared by the scenarios

    /** Units per city and month, their seasonality, and the trend of the last three months, against DuckDB. */
    private void checkUnitsPerMonth(Report report) throws SQLException {
        int first = (int) number(query("SELECT min(m) FROM tx").getFirst().getFirst());
        int last = (int) number(query("SELECT max(m) FROM tx").getFirst().getFirst());
        assertEquals(last - first + 1, report.months().size());
        int checked = 0;
        for (List<Object> row : query("SELECT city, m, sold, rented, units FROM monthly_units")) {
            Report.CityUnits units = city(report, (String) row.get(0)).units();
            int i = (int) number(row.get(1)) - first;
            String what = row.get(0) + " " + report.months().get(i);
            assertEquals(number(row.get(2)), units.monthlySales().get(i), what + " units sold");
            assertEquals(number(row.get(3)), units.monthlyRentals().get(i), what + " units rented");
            assertEquals(number(row.get(4)), units.monthly().get(i), what + " units");
            checked++;
        }
        assertEquals(report.cities().size() * report.months().size(), checked);
        for (List<Object> row : query("""
                WITH opened AS (SELECT city, min(m) AS since FROM tx GROUP BY city),
                     mean AS (SELECT city, avg(units) AS mean FROM monthly_units JOIN opened USING (city) WHERE m >= since GROUP BY city)
                SELECT city, m, CASE WHEN m >= since THEN units / mean END FROM monthly_units JOIN opened USING (city) JOIN mean USING (city)
                """)) {
            Double index = city(report, (String) row.get(0)).units().seasonality().get((int) number(row.get(1)) - first);
            if (row.get(2) == null) {
                assertNull(index, row.get(0) + " before its first row");
            } else {
                assertClose((Number) row.get(2), index, row.get(0) + " seasonality of month " + row.get(1));
            }
        }
        int trends = 0;
        for (List<Object> row : query("""
                SELECT city, regr_slope(y, x), regr_intercept(y, x), regr_r2(y, x) FROM (
                  SELECT city, CAST(m - %d AS DOUBLE) AS x, CAST(units AS DOUBLE) AS y FROM monthly_units WHERE m > %d)
                GROUP BY city""".formatted(last - 2, last - 3))) {
            Report.Trend trend = city(report, (String) row.get(0)).units().trend();
            String what = row.get(0) + " units trend";
            assertEquals(List.of(Kpis.monthName(last - 2), Kpis.monthName(last - 1), Kpis.monthName(last)), trend.months());
            assertClose((Number) row.get(1), trend.slopePerMonth(), what + " slope");
            assertClose((Number) row.get(2), trend.intercept(), what + " intercept");
            if (row.get(3) == null) {
                assertNull(trend.r2(), what + " R² of a flat line");
            } else {
                assertClose((Number) row.get(3), trend.r2(), what + " R²");
            }
            assertEquals(Kpis.monthName(last + 1), trend.forecastMonth());
            double forecast = ((Number) row.get(2)).doubleValue() + 3 * ((Number) row.get(1)).doubleValue();
            assertAmount(BigDecimal.valueOf(forecast).setScale(2, RoundingMode.HALF_EVEN), trend.forecast(), what + " forecast");
            trends++;
        }
        assertEquals(report.cities().size(), trends);
        List<Object> all = query("SELECT sum(qty) FILTER (WHERE NOT rental), coalesce(sum(qty) FILTER (WHERE rental), 0) FROM tx").getFirst();
        assertEquals(number(all.get(0)), report.units().sales());
        assertEquals(number(all.get(1)), report.units().rentals());
    }

    /** Top five models by units per city, every make per city, and every model and make over all cities. */
    private void checkUnitsPerModelAndMake(Report report, boolean priced) throws SQLException {
        String revenue = "sum(CASE WHEN rental THEN price * months ELSE price END)";
        String order = priced ? "units DESC, revenue DESC, name" : "units DESC, name";
        String ranked = """
                SELECT * FROM (
                  SELECT %s AS scope, %s AS name, %s AS make, coalesce(sum(qty) FILTER (WHERE NOT rental), 0) AS sold,
                         coalesce(sum(qty) FILTER (WHERE rental), 0) AS rented, sum(qty) AS units, %s AS revenue
                  FROM tx GROUP BY ALL)
                QUALIFY row_number() OVER (PARTITION BY scope ORDER BY %s) <= %d ORDER BY scope, %s""";
        var expected = new TreeMap<String, List<String>>();
        for (String[] query : new String[][] {{"city", "model", "make", "5", "top"}, {"city", "make", "NULL", "1000", "makes"},
                {"'(all)'", "model", "make", "1000", "models"}, {"'(all)'", "make", "NULL", "1000", "makes"}}) {
            for (List<Object> row : query(ranked.formatted(query[0], query[1], query[2], revenue, order, Integer.parseInt(query[3]), order))) {
                expected.computeIfAbsent(row.get(0) + " " + query[4], k -> new ArrayList<>()).add(row.get(1) + " " + row.get(2) + " "
                        + row.get(3) + " " + row.get(4) + " " + row.get(5) + " "
                        + (priced ? new BigDecimal(row.get(6).toString()).stripTrailingZeros().toPlainString() : "null"));
            }
        }
        var found = new TreeMap<String, List<String>>();
        for (Report.City c : report.cities()) {
            found.put(c.city() + " top", text(c.units().topModels()));
            found.put(c.city() + " makes", text(c.units().makes()));
        }
        found.put("(all) models", text(report.units().models()));
        found.put("(all) makes", text(report.units().makes()));
        assertEquals(expected, found);
        assertEquals(5, report.cities().getFirst().units().topModels().size());
        assertEquals(4, report.units().makes().size());
    }

    private static List<String> text(List<Report.UnitRank> ranks) {
        return ranks.stream().map(r -> r.name() + " " + r.make() + " " + r.saleUnits() + " " + r.rentalUnits() + " " + r.units() + " "
                + (r.revenue() == null ? "null" : r.revenue().stripTrailingZeros().toPlainString())).toList();
    }

    /** Each dimension's values: rows, units, booked revenue and share of units, by units then value. */
    private void checkDimensions(Report report, List<String> names, boolean priced) throws SQLException {
        assertEquals(names, report.dimensions().stream().map(Report.Dimension::name).toList());
        for (Report.Dimension dimension : report.dimensions()) {
            String column = dimension.name().equals("gender") ? "gender" : "body";
            var expected = new ArrayList<String>();
            for (List<Object> row : query("""
                    SELECT %s AS value, count(*) FILTER (WHERE NOT rental), count(*) FILTER (WHERE rental),
                           coalesce(sum(qty) FILTER (WHERE NOT rental), 0), coalesce(sum(qty) FILTER (WHERE rental), 0), sum(qty),
                           sum(qty) / (SELECT sum(qty) FROM tx), coalesce(sum(price) FILTER (WHERE NOT rental), 0),
                           coalesce(sum(price * months) FILTER (WHERE rental), 0)
                    FROM tx GROUP BY ALL ORDER BY sum(qty) DESC, value""".formatted(column))) {
                expected.add(row.subList(0, 6).stream().map(String::valueOf).collect(Collectors.joining(" ")) + " "
                        + (priced ? amount(row.get(7)) + " " + amount(row.get(8)) : "null null"));
                Report.DimensionValue value = dimension.values().stream().filter(v -> v.value().equals(row.get(0))).findFirst().orElseThrow();
                assertClose((Number) row.get(6), value.shareOfUnits(), dimension.name() + " " + value.value() + " share");
                if (priced) {
                    assertEquals(0, value.saleRevenue().add(value.rentalRevenue()).compareTo(value.revenue()));
                } else {
                    assertNull(value.revenue());
                }
            }
            assertEquals(expected, dimension.values().stream().map(v -> v.value() + " " + v.sales() + " " + v.rentals() + " "
                    + v.saleUnits() + " " + v.rentalUnits() + " " + v.units() + " "
                    + (v.saleRevenue() == null ? "null null" : amount(v.saleRevenue()) + " " + amount(v.rentalRevenue()))).toList(),
                    dimension.name());
        }
    }

    /** An exact sum over a count, to the cent, half-even. */
    private static BigDecimal average(Object sum, Object count) {
        return new BigDecimal(sum.toString()).divide(BigDecimal.valueOf(number(count)), 2, RoundingMode.HALF_EVEN);
    }

    private static String amount(Object value) {
        return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }

    private static List<String> kpis(Report report) {
        return report.missing().stream().map(Report.Missing::kpi).toList();
    }

    private static String reason(Report report, String kpi) {
        return report.missing().stream().filter(m -> m.kpi().equals(kpi)).map(Report.Missing::reason).findFirst()
                .orElseThrow(() -> new AssertionError("no missing line for " + kpi + ": " + report.missing()));
    }

    // ---------------------------------------------------------------- the scenarios

    @Test
    @DisplayName("every concept and two dimensions: revenue and units both, makes, margins from the cost column, dimensions")
    void everyConcept() throws Exception {
        SalesSchema schema = schema("dealer", Set.of(Concept.ID, Concept.DATE, Concept.CITY, Concept.TYPE, Concept.MODEL, Concept.MAKE,
                Concept.PRICE, Concept.QUANTITY, Concept.DURATION, Concept.COST), List.of("gender", "body style"));
        List<Row> rows = rows(11, 8_000, false);
        Path file = load(rows, schema);
        Report report = report(rows, schema, file, null);

        assertEquals("revenue", report.rankedBy());
        checkUnitsPerMonth(report);
        checkUnitsPerModelAndMake(report, true);
        checkDimensions(report, List.of("gender", "body style"), true);
        // revenue is still there, ranked by it
        var ranks = query("""
                SELECT city, sum(CASE WHEN rental THEN price * months ELSE price END) AS revenue FROM tx GROUP BY city
                ORDER BY revenue DESC, city""");
        assertEquals(ranks.stream().map(r -> (String) r.get(0)).toList(), report.cities().stream().map(Report.City::city).toList());
        for (List<Object> row : ranks) {
            assertAmount(row.get(1), city(report, (String) row.get(0)).revenue(), row.get(0) + " revenue");
        }
        // margins from each sale's own cost; rentals need --costs
        for (List<Object> row : query("SELECT city, count(*), sum(price - cost) FROM tx WHERE NOT rental GROUP BY city")) {
            Report.CityMargin margin = city(report, (String) row.get(0)).margin();
            assertEquals(number(row.get(1)), margin.salesCounted());
            assertAmount(average(row.get(2), row.get(1)), margin.averageSaleMargin(), row.get(0) + " sale margin");
            assertNull(margin.averageRentalMargin());
        }
        assertTrue(report.margin().computed());
        assertEquals("column COST", report.margin().source());
        assertEquals(List.of("rental margins"), kpis(report), report.missing().toString());
        assertTrue(reason(report, "rental margins").contains("--costs"));
        // the schema that produced it
        assertEquals("dealer", report.schema().name());
        assertEquals("dealer.yaml", report.schema().source());
        assertEquals("expression [Unit Price] * [Qty]", report.schema().concepts().get("price"));
        assertEquals("column QUANTITY", report.schema().concepts().get("quantity"));
        assertEquals(List.of("gender", "body style"), report.schema().dimensions());
        assertEquals(List.of(file.toString()), report.input().files());

        // with a costs file as well, the file gives both margins (as before the schema)
        Path costsFile = Files.writeString(dir.resolve("costs.csv"), "model,purchase,monthly\nRenault_M1,10000,250\n");
        Report withCosts = report(rows, schema, file, Costs.read(costsFile, ','));
        assertEquals(costsFile.toString(), withCosts.margin().costsFile());
        assertEquals(List.of(), kpis(withCosts));
        for (List<Object> row : query("""
                SELECT city, count(*) FILTER (WHERE rental), sum((price - 250) * months) FILTER (WHERE rental)
                FROM tx WHERE model = 'Renault_M1' GROUP BY city""")) {
            Report.CityMargin margin = city(withCosts, (String) row.get(0)).margin();
            assertEquals(number(row.get(1)), margin.rentalsCounted());
            assertAmount(average(row.get(2), row.get(1)), margin.averageRentalMargin(), row.get(0) + " rental margin from the file");
        }
    }

    @Test
    @DisplayName("monthly aggregates with a quantity and no price, type, id or cost: the units KPIs are the report, and why the rest is not")
    void unitsOnly() throws Exception {
        SalesSchema schema = schema("registrations", Set.of(Concept.MONTH, Concept.CITY, Concept.MODEL, Concept.MAKE, Concept.QUANTITY),
                List.of("body style"));
        List<Row> rows = rows(23, 3_000, true);
        Path file = load(rows, schema);
        Report report = report(rows, schema, file, null);

        assertEquals("units", report.rankedBy());
        assertNull(report.totals().revenue());
        assertNull(report.totals().monthlyRevenue());
        checkUnitsPerMonth(report);
        checkUnitsPerModelAndMake(report, false);
        checkDimensions(report, List.of("body style"), false);
        var ranks = query("SELECT city, sum(qty), sum(qty) / (SELECT sum(qty) FROM tx) FROM tx GROUP BY city ORDER BY sum(qty) DESC, city");
        assertEquals(ranks.stream().map(r -> (String) r.get(0)).toList(), report.cities().stream().map(Report.City::city).toList(),
                "ranked by units");
        for (List<Object> row : ranks) {
            Report.City city = city(report, (String) row.get(0));
            assertEquals(number(row.get(1)), city.units().total());
            assertClose((Number) row.get(2), city.shareOfTotal(), city.city() + " share of units");
            assertNull(city.revenue());
            assertNull(city.monthlyRevenue());
            assertNull(city.seasonality());
            assertNull(city.trend());
            assertNull(city.margin());
            assertEquals(List.of(), city.topModels().salesByRevenue());
        }
        assertFalse(report.margin().computed());
        assertEquals(List.of("revenue", "sale/rental split", "duplicates", "margins"), kpis(report), "what is missing: " + report.missing());
        assertTrue(reason(report, "revenue").startsWith("no price column: revenue KPIs not computed"));
        assertEquals("no type column: every row counted as a sale", reason(report, "sale/rental split"));
        assertEquals("no id column: duplicates not checked", reason(report, "duplicates"));
        assertEquals("no price column: margins not computed", reason(report, "margins"));

        // the files: no revenue tables, units tables and the missing lines instead
        var files = new HashMap<String, Path>();
        List<String> written = ReportTables.write(report, name -> {
            files.put(name, dir.resolve("out-" + name));
            return files.get(name);
        });
        assertFalse(written.contains("monthly_revenue.csv"));
        assertTrue(written.containsAll(List.of("cities.csv", "monthly_units.csv", "top_units.csv", "units_trend.csv", "dimensions.csv",
                "missing.csv")), written.toString());
        List<String> missingCsv = Files.readAllLines(files.get("missing.csv"));
        assertEquals("kpi,reason", missingCsv.getFirst());
        assertTrue(missingCsv.contains("duplicates,no id column: duplicates not checked"), missingCsv.toString());
        assertEquals(1 + report.cities().size() * report.months().size(), Files.readAllLines(files.get("monthly_units.csv")).size());
        // and report.json reads back as the same report
        var json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        assertEquals(json.writeValueAsString(report), json.writeValueAsString(json.readValue(json.writeValueAsString(report), Report.class)));
    }

    @Test
    @DisplayName("the built-in layout: units are the transaction counts; makes, quantity and costs are said to be missing")
    void builtInLayout() throws Exception {
        SalesSchema schema = SchemaFile.builtIn();
        List<Row> rows = rows(5, 4_000, false);
        Path file = load(rows, schema);
        var scan = new SalesScan.Result(partial(rows, schema), List.of(file), 0, dir.resolve("rejects.csv"));
        Report report = Kpis.compute(scan, Recognition.BOOKED, null, "no cost file was given (--costs FILE)");

        assertEquals("revenue", report.rankedBy());
        checkUnitsPerMonth(report); // qty is 1 a row here: units are counts
        for (Report.City city : report.cities()) {
            assertEquals(city.sales().count(), city.units().sales());
            assertEquals(city.rentals().count(), city.units().rentals());
            assertEquals(List.of(), city.units().makes());
            assertNotNull(city.trend());
        }
        assertEquals(List.of("makes", "units", "margins"), kpis(report));
        assertEquals("no cost column and no --costs: margins not computed", reason(report, "margins"));
        assertEquals("no cost file was given (--costs FILE)", report.margin().reason(), "the margin's reason is as before");
        assertEquals("tilework", report.schema().name());
        assertEquals("built-in", report.schema().source());
        assertEquals(List.of(), report.dimensions());
    }

    @Test
    @DisplayName("no city, model or duration: one group, no top models, no rotation, each said")
    void fewConcepts() throws Exception {
        SalesSchema schema = schema("minimal", Set.of(Concept.DATE, Concept.TYPE, Concept.PRICE), List.of());
        List<Row> rows = rows(7, 1_000, false);
        Path file = load(rows, schema);
        Report report = report(rows, schema, file, null);
        assertEquals(List.of("all"), report.cities().stream().map(Report.City::city).toList());
        assertEquals(List.of("duplicates", "cities", "top models", "makes", "units", "rotation", "margins"), kpis(report));
        Report.City all = report.cities().getFirst();
        assertEquals(List.of(), all.topModels().salesByCount());
        assertEquals(List.of(), all.units().topModels());
        assertNull(all.rotation().averageMonths());
        assertAmount(query("SELECT sum(CASE WHEN rental THEN price * months ELSE price END) FROM tx").getFirst().getFirst(),
                all.revenue(), "revenue of the one group");
    }
}
