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

    /** Writes the tables where {@code directory} stages them; returns their file names. */
    public static List<String> write(Report report, Staging directory) throws IOException {
        var written = new ArrayList<String>();
        written.add(table(directory, "cities.csv", List.of("city", "rank", "revenue", "share_of_total", "sales", "sales_revenue",
                "sales_share", "rentals", "rentals_revenue", "rentals_share", "last_month", "last_month_revenue", "mom_percent",
                "yoy_percent", "average_rental_months", "average_sale_margin", "average_rental_margin", "trend_slope_per_month",
                "trend_r2", "forecast_month", "forecast"), report.cities().stream().map(c -> row(c.city(), c.rank(), c.revenue(),
                c.shareOfTotal(), c.sales().count(), c.sales().revenue(), c.sales().share(), c.rentals().count(), c.rentals().revenue(),
                c.rentals().share(), c.growth().month(), c.growth().revenue(), c.growth().monthOnMonthPercent(),
                c.growth().yearOnYearPercent(), c.rotation().averageMonths(),
                c.margin() == null ? null : c.margin().averageSaleMargin(), c.margin() == null ? null : c.margin().averageRentalMargin(),
                c.trend() == null ? null : c.trend().slopePerMonth(), c.trend() == null ? null : c.trend().r2(),
                c.trend() == null ? null : c.trend().forecastMonth(), c.trend() == null ? null : c.trend().forecast()))));
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
        return written;
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
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            case String text -> Csv.field(text);
            default -> String.valueOf(value).toLowerCase(Locale.ROOT);
        };
    }
}
