package io.tilework.sales.report;

import io.tilework.sales.failure.RejectReason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a sales report, as written to {@code report.json}. Amounts are euros, exact to
 * the cent; shares are fractions of one; growth is in percent; months are {@code YYYY-MM}.
 * A figure that cannot be computed (a growth over a month without revenue) is null; so is every
 * revenue figure when the data has no price (then {@code missing} says so and the cities are ranked
 * by units). Units are the quantity concept, or one per row when the data has none.
 *
 * @param rankedBy   {@code revenue}, or {@code units} when the data has no price
 * @param schema     the schema the files were read through
 * @param missing    the KPIs the data's concepts do not allow, and the assumptions made, each with why
 * @param units      units over all cities: per month, per model and per make
 * @param dimensions the schema's extra dimensions, each broken down by value
 */
public record Report(
        Input input,
        String recognition,
        List<String> months,
        Totals totals,
        List<City> cities,
        List<CityName> cityNames,
        MarginStatus margin,
        String rankedBy,
        SchemaInfo schema,
        List<Missing> missing,
        Units units,
        List<Dimension> dimensions) {

    /**
     * Which schema produced the report: its name, where it was read from, and where each concept
     * came from ({@code column Date}, {@code position 3}, {@code constant 1}, {@code expression [A] * [B]}).
     */
    public record SchemaInfo(String name, String source, Map<String, String> concepts, List<String> dimensions) {
    }

    /** A KPI not computed (or computed on an assumption), and why: {@code no price column: revenue KPIs not computed}. */
    public record Missing(String kpi, String reason) {
    }

    /** Units over all cities: sales and rentals, per month of the period, per model and per make (by units, then name). */
    public record Units(long sales, long rentals, List<Long> monthly, List<UnitRank> models, List<UnitRank> makes) {
    }

    /**
     * A model's or a make's units. {@code make} is the model's make (null for a make, or without a make concept);
     * {@code revenue} is booked (rentals: price x months), null without a price.
     */
    public record UnitRank(String name, String make, long saleUnits, long rentalUnits, long units, BigDecimal revenue) {
    }

    /**
     * A city's units: per month, their seasonality and the trend of the last three months (in units),
     * the five models with the most units (then revenue, then name), and every make.
     */
    public record CityUnits(long sales, long rentals, long total, double shareOfTotal, List<Long> monthlySales,
            List<Long> monthlyRentals, List<Long> monthly, List<Double> seasonality, Trend trend, List<UnitRank> topModels,
            List<UnitRank> makes) {
    }

    /** An extra dimension of the schema (a gender, a body style): its values by units, then name. */
    public record Dimension(String name, List<DimensionValue> values) {
    }

    /** Revenue is booked (rentals: price x months), null without a price; the share is of all units. */
    public record DimensionValue(String value, long sales, long rentals, long saleUnits, long rentalUnits, long units,
            double shareOfUnits, BigDecimal saleRevenue, BigDecimal rentalRevenue, BigDecimal revenue) {
    }

    /** What was read: rows read are the data lines (not the header, not blank lines). */
    public record Input(List<String> files, long lines, long headerLines, long blankLines, long rowsRead, long accepted,
            long rejected, Map<RejectReason, Long> rejectedByReason, String rejectsFile) {
    }

    /** All cities together. */
    public record Totals(BigDecimal revenue, Part sales, Part rentals, List<BigDecimal> monthlyRevenue) {
    }

    /** One side of the sale/rental split: transactions, revenue, share of the revenue. */
    public record Part(long count, BigDecimal revenue, double share) {
    }

    public record City(
            String city,
            int rank,
            BigDecimal revenue,
            double shareOfTotal,
            Part sales,
            Part rentals,
            List<BigDecimal> monthlySales,
            List<BigDecimal> monthlyRentals,
            List<BigDecimal> monthlyRevenue,
            // monthly recognition only: rental revenue of this period's contracts falling after its last month
            BigDecimal rentalRevenueAfterPeriod,
            String firstMonth,
            Growth growth,
            List<Double> seasonality,
            TopModels topModels,
            Rotation rotation,
            CityMargin margin,
            Trend trend,
            CityUnits units) {
    }

    /** The last month against the one before and the same month a year before. */
    public record Growth(String month, BigDecimal revenue, Double monthOnMonthPercent, Double yearOnYearPercent) {
    }

    /** Five models each: by count (then revenue, then name) and by revenue (then count, then name). */
    public record TopModels(List<ModelRank> salesByCount, List<ModelRank> salesByRevenue,
            List<ModelRank> rentalsByCount, List<ModelRank> rentalsByRevenue) {
    }

    /** A model's transactions and revenue (rentals: monthly price x months, whatever the recognition). */
    public record ModelRank(String model, long count, BigDecimal revenue) {
    }

    /** Average rental duration in months, for the city and per model. */
    public record Rotation(long rentals, Double averageMonths, List<ModelRotation> byModel) {
    }

    public record ModelRotation(String model, long rentals, double averageMonths) {
    }

    /** Average margin per transaction, over the transactions whose model has costs. */
    public record CityMargin(long salesCounted, BigDecimal averageSaleMargin, long rentalsCounted, BigDecimal averageRentalMargin) {
    }

    /**
     * Least squares over the last three months (x = 0, 1, 2), and the line's value at the next month; in euros
     * for revenue, in units for {@link CityUnits#trend}.
     */
    public record Trend(List<String> months, double slopePerMonth, double intercept, Double r2, String forecastMonth,
            BigDecimal forecast) {
    }

    /** A spelling found in the input, the city it was counted as, and how many accepted rows used it. */
    public record CityName(String spelling, String city, long rows) {
    }

    /**
     * Whether margins were computed, and if not why; the models that had no costs. {@code source} says where the
     * costs came from: the costs file, or the schema's cost concept ({@code column Cost}: sale margins only).
     */
    public record MarginStatus(boolean computed, String reason, String costsFile, Map<String, Long> transactionsWithoutCosts,
            String source) {
    }
}
