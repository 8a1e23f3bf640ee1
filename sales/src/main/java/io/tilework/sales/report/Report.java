package io.tilework.sales.report;

import io.tilework.sales.failure.RejectReason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a sales report, as written to {@code report.json}. Amounts are euros, exact to
 * the cent; shares are fractions of one; growth is in percent; months are {@code YYYY-MM}.
 * A figure that cannot be computed (a growth over a month without revenue) is null.
 */
public record Report(
        Input input,
        String recognition,
        List<String> months,
        Totals totals,
        List<City> cities,
        List<CityName> cityNames,
        MarginStatus margin) {

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
            Trend trend) {
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

    /** Least squares over the last three months (x = 0, 1, 2), and the line's value at the next month. */
    public record Trend(List<String> months, double slopePerMonth, double intercept, Double r2, String forecastMonth,
            BigDecimal forecast) {
    }

    /** A spelling found in the input, the city it was counted as, and how many accepted rows used it. */
    public record CityName(String spelling, String city, long rows) {
    }

    /** Whether margins were computed, and if not why; the models that had no costs. */
    public record MarginStatus(boolean computed, String reason, String costsFile, Map<String, Long> transactionsWithoutCosts) {
    }
}
