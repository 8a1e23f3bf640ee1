package io.tilework.sales.report;

import io.tilework.sales.input.Csv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The report's tables as CSV files, one per KPI, for spreadsheets and other tools. */
public final class ReportTables {

    private ReportTables() {
    }

    /** Where a file of the report is written before it is put in place: its temporary path, by file name. */
    @FunctionalInterface
    public interface Staging {
        Path stage(String name) throws IOException;
    }

    /**
     * Writes the tables where {@code directory} stages them; returns their file names. Without a price the revenue
     * tables ({@code monthly_revenue.csv}, {@code seasonality.csv}) are not written and the revenue columns are empty;
     * {@code missing.csv} says why.
     */
    public static List<String> write(Report report, Staging directory) throws IOException {
        var written = new ArrayList<String>();
        boolean priced = report.totals().revenue() != null;
        written.add(table(directory, "cities.csv", List.of("city", "rank", "revenue", "share_of_total", "sales", "sales_revenue",
                "sales_share", "rentals", "rentals_revenue", "rentals_share", "last_month", "last_month_revenue", "mom_percent",
                "yoy_percent", "average_rental_months", "average_sale_margin", "average_rental_margin", "trend_slope_per_month",
                "trend_r2", "forecast_month", "forecast"), report.cities().stream().map(c -> row(c.city(), c.rank(), c.revenue(),
                c.shareOfTotal(), c.sales().count(), c.sales().revenue(), c.sales().share(), c.rentals().count(), c.rentals().revenue(),
                c.rentals().share(), c.growth() == null ? null : c.growth().month(), c.growth() == null ? null : c.growth().revenue(),
                c.growth() == null ? null : c.growth().monthOnMonthPercent(), c.growth() == null ? null : c.growth().yearOnYearPercent(),
                c.rotation().averageMonths(),
                c.margin() == null ? null : c.margin().averageSaleMargin(), c.margin() == null ? null : c.margin().averageRentalMargin(),
                c.trend() == null ? null : c.trend().slopePerMonth(), c.trend() == null ? null : c.trend().r2(),
                c.trend() == null ? null : c.trend().forecastMonth(), c.trend() == null ? null : c.trend().forecast()))));
        if (priced) {
            var monthly = new ArrayList<String>();
            var seasonality = new ArrayList<String>();
            for (Report.City c : report.cities()) {
                for (int m = 0; m < report.months().size(); m++) {
                    monthly.add(row(c.city(), report.months().get(m), c.monthlySales().get(m), c.monthlyRentals().get(m),
                            c.monthlyRevenue().get(m)));
                    seasonality.add(row(c.city(), report.months().get(m), c.seasonality().get(m)));
                }
            }
            written.add(table(directory, "monthly_revenue.csv", List.of("city", "month", "sales", "rentals", "revenue"), monthly.stream()));
            written.add(table(directory, "seasonality.csv", List.of("city", "month", "index"), seasonality.stream()));
        }
        written.add(table(directory, "top_models.csv", List.of("city", "type", "ranked_by", "rank", "model", "count", "revenue"),
                report.cities().stream().flatMap(c -> Stream.of(
                        ranks(c.city(), "sale", "count", c.topModels().salesByCount()),
                        ranks(c.city(), "sale", "revenue", c.topModels().salesByRevenue()),
                        ranks(c.city(), "rental", "count", c.topModels().rentalsByCount()),
                        ranks(c.city(), "rental", "revenue", c.topModels().rentalsByRevenue())).flatMap(s -> s))));
        written.add(table(directory, "rental_duration.csv", List.of("city", "model", "rentals", "average_months"),
                report.cities().stream().flatMap(c -> Stream.concat(
                        Stream.of(row(c.city(), "(all)", c.rotation().rentals(), c.rotation().averageMonths())),
                        c.rotation().byModel().stream().map(m -> row(c.city(), m.model(), m.rentals(), m.averageMonths()))))));
        written.add(table(directory, "city_names.csv", List.of("spelling", "city", "rows"),
                report.cityNames().stream().map(n -> row(n.spelling(), n.city(), n.rows()))));
        written.addAll(unitTables(report, directory));
        if (!report.dimensions().isEmpty()) {
            written.add(table(directory, "dimensions.csv", List.of("dimension", "value", "sales", "rentals", "sale_units",
                    "rental_units", "units", "share_of_units", "sale_revenue", "rental_revenue", "revenue"),
                    report.dimensions().stream().flatMap(d -> d.values().stream().map(v -> row(d.name(), v.value(), v.sales(),
                            v.rentals(), v.saleUnits(), v.rentalUnits(), v.units(), v.shareOfUnits(), v.saleRevenue(),
                            v.rentalRevenue(), v.revenue())))));
        }
        written.add(table(directory, "missing.csv", List.of("kpi", "reason"),
                report.missing().stream().map(m -> row(m.kpi(), m.reason()))));
        return written;
    }

    /** Units per city and month with their seasonality, per model and make, and each city's trend in units. */
    private static List<String> unitTables(Report report, Staging directory) throws IOException {
        var monthly = new ArrayList<String>();
        var ranked = new ArrayList<String>();
        var trends = new ArrayList<String>();
        for (Report.City c : report.cities()) {
            Report.CityUnits u = c.units();
            for (int m = 0; m < report.months().size(); m++) {
                monthly.add(row(c.city(), report.months().get(m), u.monthlySales().get(m), u.monthlyRentals().get(m),
                        u.monthly().get(m), u.seasonality().get(m)));
            }
            for (int i = 0; i < u.topModels().size(); i++) {
                Report.UnitRank r = u.topModels().get(i);
                ranked.add(row(c.city(), "model", i + 1, r.name(), r.make(), r.saleUnits(), r.rentalUnits(), r.units(), r.revenue()));
            }
            for (int i = 0; i < u.makes().size(); i++) {
                Report.UnitRank r = u.makes().get(i);
                ranked.add(row(c.city(), "make", i + 1, r.name(), null, r.saleUnits(), r.rentalUnits(), r.units(), r.revenue()));
            }
            Report.Trend t = u.trend();
            if (t != null) {
                trends.add(row(c.city(), String.join(" ", t.months()), t.slopePerMonth(), t.intercept(), t.r2(), t.forecastMonth(),
                        t.forecast()));
            }
        }
        for (String kind : List.of("model", "make")) {
            List<Report.UnitRank> all = kind.equals("model") ? report.units().models() : report.units().makes();
            for (int i = 0; i < all.size(); i++) {
                Report.UnitRank r = all.get(i);
                ranked.add(row("(all)", kind, i + 1, r.name(), r.make(), r.saleUnits(), r.rentalUnits(), r.units(), r.revenue()));
            }
        }
        return List.of(
                table(directory, "monthly_units.csv", List.of("city", "month", "sale_units", "rental_units", "units", "seasonality"),
                        monthly.stream()),
                table(directory, "top_units.csv", List.of("city", "kind", "rank", "name", "make", "sale_units", "rental_units", "units",
                        "revenue"), ranked.stream()),
                table(directory, "units_trend.csv", List.of("city", "months", "slope_per_month", "intercept", "r2", "forecast_month",
                        "forecast"), trends.stream()));
    }

    private static Stream<String> ranks(String city, String type, String by, List<Report.ModelRank> models) {
        var rows = new ArrayList<String>();
        for (int i = 0; i < models.size(); i++) {
            rows.add(row(city, type, by, i + 1, models.get(i).model(), models.get(i).count(), models.get(i).revenue()));
        }
        return rows.stream();
    }

    private static String table(Staging directory, String name, List<String> header, Stream<String> rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(directory.stage(name), StandardCharsets.UTF_8)) {
            out.write(String.join(",", header));
            out.write('\n');
            for (String row : (Iterable<String>) rows::iterator) {
                out.write(row);
                out.write('\n');
            }
        }
        return name;
    }

    /** One CSV row; null is an empty field, numbers are plain (no exponent). */
    private static String row(Object... values) {
        return Stream.of(values).map(ReportTables::field).collect(Collectors.joining(","));
    }

    private static String field(Object value) {
        return switch (value) {
            case null -> "";
            case BigDecimal amount -> amount.toPlainString();
            case Double d -> d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            case String text -> Csv.field(text);
            default -> String.valueOf(value).toLowerCase(Locale.ROOT);
        };
    }
}
