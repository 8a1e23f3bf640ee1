package io.tilework.sales.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tilework.sales.report.ReportInBrowser.Chart;
import io.tilework.sales.report.ReportInBrowser.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/**
 * The charts report.html must draw, worked out from report.json on its own (not from the page's
 * script): which charts, their categories, and each series' values. {@link #assertShown} compares
 * them with what ECharts holds, so a missing chart, an extra one or another number fails.
 */
public final class ExpectedCharts {

    private ExpectedCharts() {
    }

    /** Asserts that {@code shown} (from {@link ReportInBrowser#charts()}) are exactly the charts of {@code report}. */
    public static void assertShown(JsonNode report, Map<String, Chart> shown) {
        Map<String, Chart> expected = of(report);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(shown.keySet()), "the page's charts");
        expected.forEach((id, chart) -> {
            Chart actual = shown.get(id);
            assertTrue(actual.drawn(), "#" + id + " is drawn on a canvas");
            assertEquals(chart.categories(), actual.categories(), "#" + id + ": categories");
            assertEquals(chart.series().stream().map(Series::name).toList(), actual.series().stream().map(Series::name).toList(),
                    "#" + id + ": series");
            for (int s = 0; s < chart.series().size(); s++) {
                assertValues(chart.series().get(s).data(), actual.series().get(s).data(), "#" + id + ", " + chart.series().get(s).name());
            }
        });
    }

    /** The charts for {@code report}, by element id, in page order. */
    static Map<String, Chart> of(JsonNode r) {
        var charts = new LinkedHashMap<String, Chart>();
        List<JsonNode> cities = list(r.get("cities"));
        List<String> months = list(r.get("months")).stream().map(JsonNode::asText).toList();
        List<String> names = cities.stream().map(c -> c.get("city").asText()).toList();
        boolean priced = !"units".equals(r.get("rankedBy").asText());
        if (priced) {
            put(charts, "revenue", months, perCity(cities, c -> numbers(c.get("monthlyRevenue"))));
            put(charts, "split", names, List.of(new Series("Sales", cities.stream().map(c -> c.at("/sales/revenue").asDouble()).toList()),
                    new Series("Rentals", cities.stream().map(c -> c.at("/rentals/revenue").asDouble()).toList())));
            put(charts, "seasonality", months, perCity(cities, c -> numbers(c.get("seasonality"))));
            trend(charts, "forecast", cities, c -> c.get("trend"), c -> numbers(c.get("monthlyRevenue")));
            for (int i = 0; i < cities.size(); i++) {
                JsonNode top = cities.get(i).get("topModels");
                var models = new LinkedHashSet<String>();
                list(top.get("salesByRevenue")).forEach(m -> models.add(m.get("model").asText()));
                list(top.get("rentalsByRevenue")).forEach(m -> models.add(m.get("model").asText()));
                put(charts, "models-" + i, List.copyOf(models), List.of(
                        new Series("Sales revenue (top 5)", revenueOf(top.get("salesByRevenue"), models)),
                        new Series("Rental revenue (top 5)", revenueOf(top.get("rentalsByRevenue"), models))));
            }
        }
        if (!priced || r.at("/schema/concepts").has("quantity")) {
            put(charts, "units", months, perCity(cities, c -> numbers(c.at("/units/monthly"))));
            put(charts, "units-seasonality", months, perCity(cities, c -> numbers(c.at("/units/seasonality"))));
            trend(charts, "units-forecast", cities, c -> c.at("/units/trend"), c -> numbers(c.at("/units/monthly")));
            for (int i = 0; i < cities.size(); i++) {
                List<JsonNode> top = list(cities.get(i).at("/units/topModels"));
                if (!top.isEmpty()) {
                    put(charts, "units-models-" + i, top.stream().map(m -> m.get("name").asText()).toList(), List.of(
                            new Series("Units sold", top.stream().map(m -> m.get("saleUnits").asDouble()).toList()),
                            new Series("Units rented", top.stream().map(m -> m.get("rentalUnits").asDouble()).toList())));
                }
            }
        }
        List<JsonNode> dimensions = list(r.get("dimensions"));
        for (int d = 0; d < dimensions.size(); d++) {
            List<JsonNode> values = list(dimensions.get(d).get("values"));
            var series = new ArrayList<>(List.of(new Series("Units", values.stream().map(v -> v.get("units").asDouble()).toList())));
            if (priced) {
                series.add(new Series("Revenue", values.stream().map(v -> v.get("revenue").asDouble()).toList()));
            }
            put(charts, "dimension-" + d, values.stream().map(v -> v.get("value").asText()).toList(), series);
        }
        return charts;
    }

    /**
     * Each city with a trend: its last three months, then the fitted line over them and one month on (dashed),
     * whose last point must be the forecast report.json gives (rounded to the cent there).
     */
    private static void trend(Map<String, Chart> charts, String id, List<JsonNode> cities, Function<JsonNode, JsonNode> trendOf,
                              Function<JsonNode, List<Double>> monthly) {
        List<JsonNode> trended = cities.stream().filter(c -> !trendOf.apply(c).isNull() && !trendOf.apply(c).isMissingNode()).toList();
        if (trended.isEmpty()) {
            return;
        }
        var series = new ArrayList<Series>();
        for (JsonNode city : trended) {
            JsonNode t = trendOf.apply(city);
            List<Double> all = monthly.apply(city);
            var actual = new ArrayList<>(all.subList(all.size() - 3, all.size()));
            actual.add(null);
            List<Double> line = IntStream.range(0, 4).mapToObj(x -> t.get("intercept").asDouble() + t.get("slopePerMonth").asDouble() * x).toList();
            assertEquals(t.get("forecast").asDouble(), line.get(3), 0.0051, city.get("city").asText() + ": the line one month on is the forecast");
            series.add(new Series(city.get("city").asText(), actual));
            series.add(new Series(city.get("city").asText(), line)); // the same name: one legend entry for both
        }
        JsonNode first = trendOf.apply(trended.getFirst());
        var labels = new ArrayList<>(list(first.get("months")).stream().map(JsonNode::asText).toList());
        labels.add(first.get("forecastMonth").asText());
        put(charts, id, labels, series);
    }

    private static void put(Map<String, Chart> charts, String id, List<String> categories, List<Series> series) {
        charts.put(id, new Chart(id, true, categories, series));
    }

    private static List<Series> perCity(List<JsonNode> cities, Function<JsonNode, List<Double>> values) {
        return cities.stream().map(c -> new Series(c.get("city").asText(), values.apply(c))).toList();
    }

    private static List<Double> revenueOf(JsonNode ranks, LinkedHashSet<String> models) {
        Map<String, Double> revenue = new LinkedHashMap<>();
        list(ranks).forEach(m -> revenue.put(m.get("model").asText(), m.get("revenue").asDouble()));
        return models.stream().map(revenue::get).toList();
    }

    private static List<Double> numbers(JsonNode array) {
        assertNotNull(array);
        return list(array).stream().map(v -> v.isNull() ? null : v.asDouble()).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static void assertValues(List<Double> expected, List<Double> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": how many values");
        for (int i = 0; i < expected.size(); i++) {
            Double e = expected.get(i);
            Double a = actual.get(i);
            if (e == null || a == null) {
                assertEquals(e, a, what + " [" + i + "]");
            } else {
                assertEquals(e, a, Math.max(1e-9, Math.abs(e) * 1e-12), what + " [" + i + "]");
            }
        }
    }
}
