package io.tilework.sales.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures of a {@code report.json} the end-to-end tests compare with DuckDB's, and the same
 * figures computed by DuckDB over its table {@code t} of the file ({@link DuckDbOracle}): per city and
 * month the sale and rental revenue (booked, in cents; -1 for null, as without a price) and units,
 * per city the five models with the most units, over all cities the units per make, and per value of
 * each extra dimension its sales, rentals and units.
 *
 * @param monthly    "group yyyy-MM" -> sale cents, rental cents booked, sale units, rental units
 * @param counts     group -> sales, rentals (transactions)
 * @param topModels  group -> "model units" of the five models with the most units (then revenue, then name)
 * @param makes      make -> units over all cities
 * @param dimensions "dimension | value" -> sales, rentals, units
 */
record ReportFigures(SortedMap<String, List<Long>> monthly, SortedMap<String, List<Long>> counts, SortedMap<String, List<String>> topModels,
                     SortedMap<String, Long> makes, SortedMap<String, List<Long>> dimensions) {

    /** What the report says. */
    static ReportFigures of(JsonNode report) {
        var figures = new ReportFigures(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        JsonNode months = report.get("months");
        for (JsonNode city : report.get("cities")) {
            String group = Figures.group(city.get("city").asText());
            JsonNode units = city.get("units");
            for (int i = 0; i < months.size(); i++) {
                long sales = cents(city.get("monthlySales").get(i));
                long rentals = cents(city.get("monthlyRentals").get(i));
                long saleUnits = units.get("monthlySales").get(i).asLong();
                long rentalUnits = units.get("monthlyRentals").get(i).asLong();
                if (saleUnits != 0 || rentalUnits != 0 || sales > 0 || rentals > 0) {
                    figures.monthly.put(group + " " + months.get(i).asText(), List.of(sales, rentals, saleUnits, rentalUnits));
                }
            }
            figures.counts.put(group, List.of(city.get("sales").get("count").asLong(), city.get("rentals").get("count").asLong()));
            var top = new ArrayList<String>();
            for (JsonNode model : units.get("topModels")) {
                top.add(model.get("name").asText() + " " + model.get("units").asLong());
            }
            figures.topModels.put(group, top);
        }
        for (JsonNode make : report.get("units").get("makes")) {
            figures.makes.put(make.get("name").asText(), make.get("units").asLong());
        }
        for (JsonNode dimension : report.get("dimensions")) {
            for (JsonNode value : dimension.get("values")) {
                figures.dimensions.put(dimension.get("name").asText() + " | " + value.get("value").asText().toLowerCase(java.util.Locale.ROOT),
                        List.of(value.get("sales").asLong(), value.get("rentals").asLong(), value.get("units").asLong()));
            }
        }
        return figures;
    }

    /** What DuckDB computes over {@code t}; {@code priced}: whether the data has a price (else revenues are null, -1 here). */
    static ReportFigures of(DuckDbOracle duck, boolean priced, List<String> dimensions) throws SQLException {
        var figures = new ReportFigures(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        try (ResultSet rs = duck.query("""
                SELECT grp || ' ' || strftime(make_date(1970 + m // 12, m % 12 + 1, 1), '%Y-%m'),
                  coalesce(sum(cents) FILTER (NOT rental), 0), coalesce(sum(cents * months) FILTER (rental), 0),
                  coalesce(sum(units) FILTER (NOT rental), 0), coalesce(sum(units) FILTER (rental), 0)
                FROM t GROUP BY grp, m""")) {
            while (rs.next()) {
                figures.monthly.put(rs.getString(1), List.of(priced ? rs.getLong(2) : -1, priced ? rs.getLong(3) : -1, rs.getLong(4), rs.getLong(5)));
            }
        }
        try (ResultSet rs = duck.query("SELECT grp, count(*) FILTER (NOT rental), count(*) FILTER (rental) FROM t GROUP BY grp")) {
            while (rs.next()) {
                figures.counts.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3)));
            }
        }
        try (ResultSet rs = duck.query("""
                SELECT grp, model, units FROM (
                  SELECT grp, model, sum(units) AS units, sum(CASE WHEN rental THEN cents * months ELSE cents END) AS revenue,
                    row_number() OVER (PARTITION BY grp ORDER BY sum(units) DESC, %s model COLLATE "binary") AS rank
                  FROM t GROUP BY grp, model)
                WHERE rank <= 5 ORDER BY grp, rank""".formatted(priced ? "revenue DESC," : ""))) {
            while (rs.next()) {
                figures.topModels.computeIfAbsent(rs.getString(1), g -> new ArrayList<>()).add(rs.getString(2) + " " + rs.getLong(3));
            }
        }
        try (ResultSet rs = duck.query("SELECT make, sum(units) FROM t WHERE make IS NOT NULL GROUP BY make")) {
            while (rs.next()) {
                figures.makes.put(rs.getString(1), rs.getLong(2));
            }
        }
        for (String dimension : dimensions) {
            String column = dimension.equals("gender") ? "lower(trim(gender))" : "lower(body)";
            try (ResultSet rs = duck.query("SELECT " + column + ", count(*) FILTER (NOT rental), count(*) FILTER (rental), sum(units) FROM t GROUP BY ALL")) {
                while (rs.next()) {
                    figures.dimensions.put(dimension + " | " + rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return figures;
    }

    private static long cents(JsonNode amount) {
        return amount == null || amount.isNull() ? -1 : new BigDecimal(amount.asText()).movePointRight(2).longValueExact();
    }
}
