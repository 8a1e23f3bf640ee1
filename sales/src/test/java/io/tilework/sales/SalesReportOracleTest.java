package io.tilework.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.sales.input.CsvLayout;
import io.tilework.sales.map.CityNames;
import io.tilework.sales.reduce.RejectsFile;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.report.Kpis;
import io.tilework.sales.report.Recognition;
import io.tilework.sales.report.Report;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every KPI against DuckDB computing the same definition in SQL over the rows the generator wrote
 * as good; the rejects file against the rows it wrote as bad. The data has bad rows of every kind,
 * duplicates, city spellings, quoted fields, two cities opening late, and is cut into many splits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the sales report equals DuckDB's answers, and rejects exactly the generator's bad rows")
class SalesReportOracleTest {

    private static final int ROWS = 120_000;
    private static final long SPLIT = 256 << 10;

    private Path dir;

    private final Engine engine = Engine.builder().build();
    private Path input;
    private Path costs;
    private final TreeMap<Long, RejectReason> bad = new TreeMap<>();
    private Connection duck;
    private int first;
    private int last;

    @BeforeAll
    void generateAndLoad(@TempDir Path directory) throws Exception {
        dir = directory;
        input = dir.resolve("transactions.csv");
        SalesGenerator.write(input, new SalesGenerator.Options(ROWS, 42, 0.03), bad::put);
        List<String> lines = Files.readAllLines(input);
        var clean = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            if (!bad.containsKey(i + 1L)) {
                clean.add(lines.get(i));
            }
        }
        Path good = Files.write(dir.resolve("good.csv"), clean);
        costs = Files.writeString(dir.resolve("costs.csv"), """
                modele,cout_achat,cout_location_mensuel
                BMW_X3,41000,420.50
                Tesla_Model_3,36000,390
                Audi_Q5,43000.99,450
                Mercedes_Classe_C,40000,410
                Porsche_911,110000,1500
                """);
        duck = DriverManager.getConnection("jdbc:duckdb:");
        sql("CREATE TABLE raw AS SELECT * FROM read_csv('" + good + "', header = true, all_varchar = true, quote = '\"', escape = '\"')");
        sql("""
                CREATE TABLE tx AS SELECT
                  transaction_id AS id,
                  (year(CAST(date AS DATE)) - 1970) * 12 + month(CAST(date AS DATE)) - 1 AS m,
                  trim(regexp_replace(lower(strip_accents(ville)), '\\s+', ' ', 'g')) AS city,
                  lower(type) = 'location' AS rental,
                  trim(modele) AS model,
                  CAST(prix AS DECIMAL(18, 2)) AS price,
                  CASE WHEN lower(type) = 'location' THEN CAST(duree_location_mois AS INTEGER) ELSE 0 END AS months
                FROM raw""");
        sql("CREATE TABLE costs AS SELECT * FROM read_csv('" + costs + "', header = true, columns = {'model': 'VARCHAR', 'purchase': 'DECIMAL(18,2)', 'monthly': 'DECIMAL(18,2)'})");
        try (ResultSet period = query("SELECT min(m), max(m) FROM tx")) {
            period.next();
            first = period.getInt(1);
            last = period.getInt(2);
        }
        sql("CREATE TABLE spine AS SELECT c.city, s.range AS m FROM (SELECT DISTINCT city FROM tx) c, range(" + first + ", " + (last + 1) + ") s");
        sql("CREATE TABLE sales AS SELECT city, m, sum(price) AS amount, count(*) AS n FROM tx WHERE NOT rental GROUP BY ALL");
        sql("CREATE TABLE booked AS SELECT city, m, sum(price * months) AS amount, count(*) AS n FROM tx WHERE rental GROUP BY ALL");
        sql("""
                CREATE TABLE recognised AS SELECT city, m, sum(price) AS amount FROM (
                  SELECT city, m + unnest(range(0, months)) AS m, price FROM tx WHERE rental) GROUP BY ALL""");
        for (String recognition : List.of("booked", "recognised")) {
            sql("CREATE TABLE monthly_" + recognition + " AS SELECT spine.city, spine.m, coalesce(s.amount, 0) AS sales, "
                    + "coalesce(r.amount, 0) AS rentals, coalesce(s.amount, 0) + coalesce(r.amount, 0) AS total "
                    + "FROM spine LEFT JOIN sales s USING (city, m) LEFT JOIN " + recognition + " r USING (city, m)");
        }
    }

    @AfterAll
    void close() throws SQLException {
        engine.close();
        if (duck != null) {
            duck.close();
        }
    }

    private void sql(String statement) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute(statement);
        }
    }

    private ResultSet query(String select) throws SQLException {
        return duck.createStatement().executeQuery(select);
    }

    private Report report(List<Path> files, Recognition recognition, Path costsFile, String name) throws Exception {
        Path out = dir.resolve(name);
        var options = new SalesScan.Options(CsvLayout.defaults(), SPLIT, false, 5);
        SalesReportJob.run(engine, new SalesReportJob.Request(files, out, costsFile, recognition, options), JobContext.Progress.NONE);
        return SalesReportJob.json().readValue(out.resolve("report.json").toFile(), Report.class);
    }

    private static String key(String city) {
        return city.toLowerCase(Locale.ROOT);
    }

    private static void assertAmount(BigDecimal expected, BigDecimal actual, String what) {
        assertEquals(0, expected.compareTo(actual), what + ": expected " + expected + ", was " + actual);
    }

    private static void assertClose(double expected, Double actual, String what) {
        assertNotNull(actual, what);
        assertEquals(expected, actual, Math.abs(expected) * 1e-9 + 1e-9, what);
    }

    @Test
    @DisplayName("rejects.csv lists exactly the bad rows, with their lines and reasons; the counts add up")
    void rejects() throws Exception {
        Report report = report(List.of(input), Recognition.BOOKED, null, "rejects");
        var found = new TreeMap<Long, RejectReason>();
        List<String> rows = Files.readAllLines(dir.resolve("rejects/rejects.csv"));
        assertEquals(RejectsFile.HEADER, rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            String[] fields = row.split(",", 4);
            assertEquals(input.toString(), fields[0]);
            assertNull(found.put(Long.parseLong(fields[1]), RejectReason.valueOf(fields[2])), "one line once");
        }
        assertEquals(bad, found);
        assertEquals(ROWS, report.input().rowsRead());
        assertEquals(bad.size(), report.input().rejected());
        assertEquals(ROWS - bad.size(), report.input().accepted());
        for (RejectReason reason : List.of(RejectReason.COLUMN_COUNT, RejectReason.BAD_DATE, RejectReason.UNKNOWN_TYPE,
                RejectReason.BAD_PRICE, RejectReason.NEGATIVE_PRICE, RejectReason.RENTAL_WITHOUT_DURATION,
                RejectReason.BAD_DURATION, RejectReason.DURATION_ON_SALE, RejectReason.DUPLICATE_ID)) {
            assertTrue(report.input().rejectedByReason().getOrDefault(reason, 0L) > 0, reason + " occurs");
        }
        try (ResultSet count = query("SELECT count(*) FROM tx")) {
            count.next();
            assertEquals(count.getLong(1), report.input().accepted());
        }
    }

    @Test
    @DisplayName("monthly revenue per city, booked and recognised; the split; ranks, shares and growth")
    void revenueSplitAndComparison() throws Exception {
        for (Recognition recognition : Recognition.values()) {
            String table = monthlyTable(recognition);
            Report report = report(List.of(input), recognition, null, "revenue-" + recognition);
            assertEquals(last - first + 1, report.months().size());
            assertEquals(Kpis.monthName(first), report.months().get(0));
            var expected = new HashMap<String, Map<Integer, BigDecimal[]>>();
            try (ResultSet rs = query("SELECT city, m, sales, rentals, total FROM " + table)) {
                while (rs.next()) {
                    expected.computeIfAbsent(rs.getString(1), c -> new HashMap<>()).put(rs.getInt(2),
                            new BigDecimal[] {rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5)});
                }
            }
            assertEquals(5, report.cities().size());
            assertEquals(expected.keySet(), new java.util.HashSet<>(report.cities().stream().map(c -> key(c.city())).toList()));
            for (Report.City city : report.cities()) {
                var months = expected.get(key(city.city()));
                for (int i = 0; i < report.months().size(); i++) {
                    BigDecimal[] e = months.get(first + i);
                    String what = recognition + " " + city.city() + " " + report.months().get(i);
                    assertAmount(e[0], city.monthlySales().get(i), what + " sales");
                    assertAmount(e[1], city.monthlyRentals().get(i), what + " rentals");
                    assertAmount(e[2], city.monthlyRevenue().get(i), what + " total");
                }
            }
            try (ResultSet rs = query("""
                    SELECT city, sum(total) AS revenue, sum(sales) AS s, sum(rentals) AS r,
                           sum(total) / (SELECT sum(total) FROM %1$s) AS share,
                           row_number() OVER (ORDER BY sum(total) DESC, city) AS rank
                    FROM %1$s GROUP BY city ORDER BY rank""".formatted(table))) {
                int i = 0;
                while (rs.next()) {
                    Report.City city = report.cities().get(i++);
                    assertEquals(rs.getString(1), key(city.city()), "rank " + rs.getInt(6));
                    assertEquals(rs.getInt(6), city.rank());
                    assertAmount(rs.getBigDecimal(2), city.revenue(), city.city() + " revenue");
                    assertAmount(rs.getBigDecimal(3), city.sales().revenue(), city.city() + " sales");
                    assertAmount(rs.getBigDecimal(4), city.rentals().revenue(), city.city() + " rentals");
                    assertClose(rs.getDouble(5), city.shareOfTotal(), city.city() + " share");
                    assertClose(rs.getBigDecimal(4).doubleValue() / rs.getBigDecimal(2).doubleValue(), city.rentals().share(),
                            city.city() + " rental share");
                }
                assertEquals(5, i);
            }
            try (ResultSet rs = query("SELECT city, count(*) FILTER (WHERE NOT rental), count(*) FILTER (WHERE rental) FROM tx GROUP BY city")) {
                while (rs.next()) {
                    Report.City city = city(report, rs.getString(1));
                    assertEquals(rs.getLong(2), city.sales().count());
                    assertEquals(rs.getLong(3), city.rentals().count());
                }
            }
            try (ResultSet rs = query("""
                    SELECT city, total, (total - lag(total, 1) OVER w) * 100.0 / nullif(lag(total, 1) OVER w, 0),
                           (total - lag(total, 12) OVER w) * 100.0 / nullif(lag(total, 12) OVER w, 0)
                    FROM %s WINDOW w AS (PARTITION BY city ORDER BY m) QUALIFY m = %d""".formatted(table, last))) {
                while (rs.next()) {
                    Report.Growth growth = city(report, rs.getString(1)).growth();
                    assertEquals(Kpis.monthName(last), growth.month());
                    assertAmount(rs.getBigDecimal(2), growth.revenue(), "last month");
                    assertClose(rs.getDouble(3), growth.monthOnMonthPercent(), rs.getString(1) + " month on month");
                    if (rs.getObject(4) == null) {
                        assertNull(growth.yearOnYearPercent(), rs.getString(1) + ": no revenue a year before");
                    } else {
                        assertClose(rs.getDouble(4), growth.yearOnYearPercent(), rs.getString(1) + " year on year");
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("top 5 models per city for sales and rentals, by count and by revenue, ties broken the same way")
    void topModels() throws Exception {
        Report report = report(List.of(input), Recognition.BOOKED, null, "models");
        for (boolean rental : new boolean[] {false, true}) {
            for (boolean byCount : new boolean[] {true, false}) {
                String order = byCount ? "n DESC, revenue DESC, model" : "revenue DESC, n DESC, model";
                var expected = new HashMap<String, List<String>>();
                try (ResultSet rs = query("""
                        SELECT city, model, count(*) AS n, sum(CASE WHEN rental THEN price * months ELSE price END) AS revenue
                        FROM tx WHERE rental = %s GROUP BY city, model
                        QUALIFY row_number() OVER (PARTITION BY city ORDER BY %s) <= 5
                        ORDER BY city, %s""".formatted(rental, order, order))) {
                    while (rs.next()) {
                        expected.computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
                                .add(rs.getString(2) + " " + rs.getLong(3) + " " + rs.getBigDecimal(4).stripTrailingZeros().toPlainString());
                    }
                }
                for (Report.City city : report.cities()) {
                    Report.TopModels top = city.topModels();
                    List<Report.ModelRank> ranks = rental ? (byCount ? top.rentalsByCount() : top.rentalsByRevenue())
                            : (byCount ? top.salesByCount() : top.salesByRevenue());
                    assertEquals(expected.get(key(city.city())),
                            ranks.stream().map(r -> r.model() + " " + r.count() + " " + r.revenue().stripTrailingZeros().toPlainString()).toList(),
                            city.city() + (rental ? " rentals" : " sales") + (byCount ? " by count" : " by revenue"));
                }
            }
        }
    }

    @Test
    @DisplayName("seasonality index and the trend of the last three months with its forecast")
    void seasonalityAndTrend() throws Exception {
        for (Recognition recognition : Recognition.values()) {
            String table = monthlyTable(recognition);
            Report report = report(List.of(input), recognition, null, "season-" + recognition);
            try (ResultSet rs = query("""
                    WITH opened AS (SELECT city, min(m) AS since FROM tx GROUP BY city),
                         mean AS (SELECT city, avg(total) AS mean FROM %s JOIN opened USING (city) WHERE m >= since GROUP BY city)
                    SELECT city, m, CASE WHEN m >= since THEN total / mean END FROM %s JOIN opened USING (city) JOIN mean USING (city)
                    """.formatted(table, table))) {
                int checked = 0;
                while (rs.next()) {
                    Double index = city(report, rs.getString(1)).seasonality().get(rs.getInt(2) - first);
                    if (rs.getObject(3) == null) {
                        assertNull(index, rs.getString(1) + " before it opened");
                    } else {
                        assertClose(rs.getDouble(3), index, rs.getString(1) + " " + Kpis.monthName(rs.getInt(2)));
                    }
                    checked++;
                }
                assertEquals(5 * (last - first + 1), checked);
            }
            assertNull(city(report, "bordeaux").seasonality().get(0), "Bordeaux opens later");
            try (ResultSet rs = query("""
                    SELECT city, regr_slope(y, x), regr_intercept(y, x), regr_r2(y, x) FROM (
                      SELECT city, CAST(m - %d AS DOUBLE) AS x, CAST(total AS DOUBLE) AS y FROM %s WHERE m > %d)
                    GROUP BY city""".formatted(last - 2, table, last - 3))) {
                int cities = 0;
                while (rs.next()) {
                    Report.Trend trend = city(report, rs.getString(1)).trend();
                    String what = recognition + " " + rs.getString(1) + " trend";
                    assertEquals(List.of(Kpis.monthName(last - 2), Kpis.monthName(last - 1), Kpis.monthName(last)), trend.months());
                    assertClose(rs.getDouble(2), trend.slopePerMonth(), what + " slope");
                    assertClose(rs.getDouble(3), trend.intercept(), what + " intercept");
                    assertClose(rs.getDouble(4), trend.r2(), what + " R²");
                    assertEquals(Kpis.monthName(last + 1), trend.forecastMonth());
                    assertAmount(BigDecimal.valueOf(rs.getDouble(3) + 3 * rs.getDouble(2)).setScale(2, java.math.RoundingMode.HALF_EVEN),
                            trend.forecast(), what + " forecast");
                    cities++;
                }
                assertEquals(5, cities);
            }
        }
    }

    @Test
    @DisplayName("average rental duration per city and model; margins per type and city from the cost file, or why not")
    void rotationAndMargins() throws Exception {
        Report withCosts = report(List.of(input), Recognition.BOOKED, costs, "margins");
        try (ResultSet rs = query("SELECT city, count(*), avg(months) FROM tx WHERE rental GROUP BY city")) {
            while (rs.next()) {
                Report.Rotation rotation = city(withCosts, rs.getString(1)).rotation();
                assertEquals(rs.getLong(2), rotation.rentals());
                assertClose(rs.getDouble(3), rotation.averageMonths(), rs.getString(1) + " average months");
            }
        }
        try (ResultSet rs = query("SELECT city, model, count(*), avg(months) FROM tx WHERE rental GROUP BY ALL")) {
            int rows = 0;
            while (rs.next()) {
                String model = rs.getString(2);
                Report.ModelRotation rotation = city(withCosts, rs.getString(1)).rotation().byModel().stream()
                        .filter(m -> m.model().equals(model)).findFirst().orElseThrow();
                assertEquals(rs.getLong(3), rotation.rentals());
                assertClose(rs.getDouble(4), rotation.averageMonths(), rs.getString(1) + " " + model);
                rows++;
            }
            assertEquals(rows, withCosts.cities().stream().mapToInt(c -> c.rotation().byModel().size()).sum());
        }
        try (ResultSet rs = query("""
                SELECT city,
                       count(*) FILTER (WHERE NOT rental), avg(price - purchase) FILTER (WHERE NOT rental),
                       count(*) FILTER (WHERE rental), avg((price - monthly) * months) FILTER (WHERE rental)
                FROM tx JOIN costs USING (model) GROUP BY city""")) {
            while (rs.next()) {
                Report.CityMargin margin = city(withCosts, rs.getString(1)).margin();
                assertEquals(rs.getLong(2), margin.salesCounted());
                assertAmount(rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_EVEN), margin.averageSaleMargin(), "sale margin");
                assertEquals(rs.getLong(4), margin.rentalsCounted());
                assertAmount(rs.getBigDecimal(5).setScale(2, java.math.RoundingMode.HALF_EVEN), margin.averageRentalMargin(), "rental margin");
            }
        }
        assertTrue(withCosts.margin().computed());
        try (ResultSet rs = query("SELECT model, count(*) FROM tx WHERE model NOT IN (SELECT model FROM costs) GROUP BY model")) {
            var missing = new TreeMap<String, Long>();
            while (rs.next()) {
                missing.put(rs.getString(1), rs.getLong(2));
            }
            assertEquals(missing, withCosts.margin().transactionsWithoutCosts());
        }
        Report without = report(List.of(input), Recognition.BOOKED, null, "no-margins");
        assertFalse(without.margin().computed());
        assertTrue(without.margin().reason().startsWith("no cost file was given"), without.margin().reason());
        assertNull(without.cities().get(0).margin());
    }

    @Test
    @DisplayName("city spellings are normalised and reported with their row counts")
    void cityNames() throws Exception {
        Report report = report(List.of(input), Recognition.BOOKED, null, "names");
        try (ResultSet rs = query("SELECT ville, count(*) FROM raw GROUP BY ville")) {
            var expected = new TreeMap<String, Long>();
            while (rs.next()) {
                expected.put(rs.getString(1), rs.getLong(2));
            }
            var found = new TreeMap<String, Long>();
            report.cityNames().forEach(n -> found.put(n.spelling(), n.rows()));
            assertEquals(expected, found);
            assertTrue(expected.size() > 5, "the data has other spellings: " + expected.keySet());
        }
        for (Report.CityName name : report.cityNames()) {
            assertEquals(CityNames.normalise(name.spelling()), name.city());
        }
        assertEquals(List.of("Bordeaux", "Lyon", "Marseille", "Paris", "Toulouse"),
                report.cities().stream().map(Report.City::city).sorted().toList());
    }

    @Test
    @DisplayName("the same rows as several files, gzip, CRLF and a byte-order mark give the same KPIs")
    void layoutsOfTheSameRows() throws Exception {
        Report plain = report(List.of(input), Recognition.MONTHLY, null, "plain");
        List<String> lines = Files.readAllLines(input);
        String header = lines.get(0);
        int half = lines.size() / 2;
        Path a = dir.resolve("part-a.csv");
        Files.writeString(a, "\uFEFF" + String.join("\r\n", lines.subList(0, half)) + "\r\n", StandardCharsets.UTF_8);
        Path b = dir.resolve("part-b.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(b))) {
            out.write((header + "\n" + String.join("\n", lines.subList(half, lines.size()))).getBytes(StandardCharsets.UTF_8));
        }
        Report parts = report(List.of(a, b), Recognition.MONTHLY, null, "parts");
        var json = SalesReportJob.json();
        assertEquals(json.writeValueAsString(plain.cities()), json.writeValueAsString(parts.cities()));
        assertEquals(plain.input().accepted(), parts.input().accepted());
        assertEquals(plain.input().rejectedByReason(), parts.input().rejectedByReason());
        assertEquals(plain.input().rowsRead(), parts.input().rowsRead(), "the second file's header is not a row");
    }

    /** DuckDB's monthly sums per city under one recognition. */
    private static String monthlyTable(Recognition recognition) {
        return recognition == Recognition.BOOKED ? "monthly_booked" : "monthly_recognised";
    }

    private static Report.City city(Report report, String name) {
        return report.cities().stream().filter(c -> key(c.city()).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no city " + name));
    }
}
