package io.tilework.sales.report;

import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.map.CityNames;
import io.tilework.sales.map.CityTotals;
import io.tilework.sales.map.Partial;
import io.tilework.sales.map.RowParser;
import io.tilework.sales.reduce.SalesScan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The KPIs, from the merged sums: every figure of the {@link Report}. The period runs from the
 * first to the last month in which an accepted transaction was signed; every series covers it.
 */
public final class Kpis {

    static final int TOP = 5;

    private final Partial totals;
    private final Recognition recognition;
    private final Costs costs;
    private final int first;
    private final int last;

    private Kpis(Partial totals, Recognition recognition, Costs costs) {
        this.totals = totals;
        this.recognition = recognition;
        this.costs = costs;
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (CityTotals city : totals.cities.values()) {
            for (int m = 0; m < RowParser.MONTHS; m++) {
                if (city.saleCount[m] + city.rentalCount[m] > 0) {
                    lo = Math.min(lo, m);
                    hi = Math.max(hi, m);
                }
            }
        }
        this.first = hi < 0 ? 0 : lo;
        this.last = hi;
    }

    /**
     * @param costs         null when no costs file was given
     * @param noCostsReason why margins are not computed, when {@code costs} is null
     */
    public static Report compute(SalesScan.Result scan, Recognition recognition, Costs costs, String noCostsReason) {
        return new Kpis(scan.totals(), recognition, costs).report(scan, noCostsReason);
    }

    private Report report(SalesScan.Result scan, String noCostsReason) {
        int months = last - first + 1;
        var cityData = new ArrayList<CityTotals>();
        var names = new ArrayList<String>();
        totals.cities.forEach((name, city) -> {
            if (rows(city) > 0) {
                names.add(name);
                cityData.add(city);
            }
        });
        long[] all = new long[Math.max(months, 0)];
        long allSales = 0;
        long allRentals = 0;
        long allSaleCount = 0;
        long allRentalCount = 0;
        long[] revenue = new long[cityData.size()];
        for (int c = 0; c < cityData.size(); c++) {
            CityTotals city = cityData.get(c);
            for (int m = 0; m < months; m++) {
                long month = sales(city, first + m) + rentals(city, first + m);
                all[m] += month;
                revenue[c] += month;
            }
            allSales += sum(city.saleCents);
            allRentals += periodRentals(city);
            allSaleCount += sum(city.saleCount);
            allRentalCount += sum(city.rentalCount);
        }
        long grand = allSales + allRentals;
        Integer[] order = new Integer[cityData.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -revenue[i]).thenComparing(names::get));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        var cities = new ArrayList<Report.City>();
        for (int c : order) {
            cities.add(city(names.get(c), cityData.get(c), rank[c], revenue[c], grand));
        }
        var spellings = new ArrayList<Report.CityName>();
        totals.spellings.forEach((spelling, rows) -> spellings.add(new Report.CityName(spelling, CityNames.normalise(spelling), rows)));
        spellings.sort(Comparator.comparing(Report.CityName::city).thenComparing(n -> -n.rows()).thenComparing(Report.CityName::spelling));

        var byReason = new EnumMap<RejectReason, Long>(totals.rejectsByReason);
        var input = new Report.Input(scan.files().stream().map(Object::toString).toList(), totals.lines, totals.headerLines,
                totals.blankLines, totals.accepted + totals.rejected, totals.accepted, totals.rejected, byReason,
                scan.rejectsFile().getFileName().toString());
        var totalsReport = new Report.Totals(euros(grand), part(allSaleCount, allSales, grand), part(allRentalCount, allRentals, grand),
                amounts(all));
        return new Report(input, recognition.name().toLowerCase(java.util.Locale.ROOT), monthNames(first, months), totalsReport,
                cities, spellings, marginStatus(noCostsReason));
    }

    private Report.City city(String name, CityTotals city, int rank, long revenue, long grand) {
        int months = last - first + 1;
        long[] sales = new long[months];
        long[] rentals = new long[months];
        long[] total = new long[months];
        int firstActive = -1;
        for (int m = 0; m < months; m++) {
            sales[m] = sales(city, first + m);
            rentals[m] = rentals(city, first + m);
            total[m] = sales[m] + rentals[m];
            if (firstActive < 0 && city.saleCount[first + m] + city.rentalCount[first + m] > 0) {
                firstActive = m;
            }
        }
        long saleSum = sum(sales);
        long rentalSum = sum(rentals);
        long after = 0;
        if (recognition == Recognition.MONTHLY) {
            for (int m = last + 1; m < CityTotals.MONTHS; m++) {
                after += city.rentalRecognisedCents[m];
            }
        }
        return new Report.City(name, rank, euros(revenue), share(revenue, grand),
                part(sum(city.saleCount), saleSum, revenue), part(sum(city.rentalCount), rentalSum, revenue),
                amounts(sales), amounts(rentals), amounts(total), recognition == Recognition.MONTHLY ? euros(after) : null,
                monthName(first + firstActive), growth(total), seasonality(total, firstActive), topModels(city), rotation(city),
                margin(city), trend(total, firstActive));
    }

    private long sales(CityTotals city, int month) {
        return city.saleCents[month];
    }

    private long rentals(CityTotals city, int month) {
        return recognition == Recognition.BOOKED ? city.rentalBookedCents[month] : city.rentalRecognisedCents[month];
    }

    private long periodRentals(CityTotals city) {
        long sum = 0;
        for (int m = first; m <= last; m++) {
            sum += rentals(city, m);
        }
        return sum;
    }

    private Report.Growth growth(long[] total) {
        int n = total.length;
        Double mom = n >= 2 ? percentChange(total[n - 1], total[n - 2]) : null;
        Double yoy = n >= 13 ? percentChange(total[n - 1], total[n - 13]) : null;
        return new Report.Growth(monthName(last), euros(total[n - 1]), mom, yoy);
    }

    private static Double percentChange(long now, long before) {
        return before == 0 ? null : (now - before) * 100.0 / before;
    }

    /** Each month's revenue over the city's mean monthly revenue since its first transaction. */
    private static List<Double> seasonality(long[] total, int firstActive) {
        long sum = 0;
        for (int m = firstActive; m < total.length; m++) {
            sum += total[m];
        }
        double mean = (double) sum / (total.length - firstActive);
        var index = new ArrayList<Double>(total.length);
        for (int m = 0; m < total.length; m++) {
            index.add(m < firstActive || mean == 0 ? null : total[m] / mean);
        }
        return index;
    }

    private Report.Trend trend(long[] total, int firstActive) {
        int n = total.length;
        if (n - firstActive < 3) {
            return null;
        }
        double[] y = {total[n - 3] / 100.0, total[n - 2] / 100.0, total[n - 1] / 100.0};
        double meanY = (y[0] + y[1] + y[2]) / 3;
        double slope = (y[2] - y[0]) / 2; // x = 0, 1, 2: sum((x - 1)(y - mean)) / sum((x - 1)^2)
        double intercept = meanY - slope;
        double residual = 0;
        double spread = 0;
        for (int x = 0; x < 3; x++) {
            double fitted = intercept + slope * x;
            residual += (y[x] - fitted) * (y[x] - fitted);
            spread += (y[x] - meanY) * (y[x] - meanY);
        }
        Double r2 = spread == 0 ? null : 1 - residual / spread;
        return new Report.Trend(monthNames(last - 2, 3), slope, intercept, r2, monthName(last + 1),
                BigDecimal.valueOf(intercept + slope * 3).setScale(2, RoundingMode.HALF_EVEN));
    }

    private static Report.TopModels topModels(CityTotals city) {
        return new Report.TopModels(
                top(city, t -> t.saleCount, t -> t.saleCents, true),
                top(city, t -> t.saleCount, t -> t.saleCents, false),
                top(city, t -> t.rentalCount, t -> t.rentalCents, true),
                top(city, t -> t.rentalCount, t -> t.rentalCents, false));
    }

    private static List<Report.ModelRank> top(CityTotals city, ToLongFunction<CityTotals.ModelTotals> count,
            ToLongFunction<CityTotals.ModelTotals> cents, boolean byCount) {
        Comparator<Map.Entry<String, CityTotals.ModelTotals>> byCountDesc = Comparator.comparingLong(e -> -count.applyAsLong(e.getValue()));
        Comparator<Map.Entry<String, CityTotals.ModelTotals>> byCentsDesc = Comparator.comparingLong(e -> -cents.applyAsLong(e.getValue()));
        Comparator<Map.Entry<String, CityTotals.ModelTotals>> order = byCount ? byCountDesc.thenComparing(byCentsDesc) : byCentsDesc.thenComparing(byCountDesc);
        return city.models.entrySet().stream()
                .filter(e -> count.applyAsLong(e.getValue()) > 0)
                .sorted(order.thenComparing(Map.Entry::getKey))
                .limit(TOP)
                .map(e -> new Report.ModelRank(e.getKey(), count.applyAsLong(e.getValue()), euros(cents.applyAsLong(e.getValue()))))
                .toList();
    }

    private static Report.Rotation rotation(CityTotals city) {
        long rentals = 0;
        long months = 0;
        var byModel = new ArrayList<Report.ModelRotation>();
        for (var entry : city.models.entrySet()) {
            CityTotals.ModelTotals model = entry.getValue();
            if (model.rentalCount > 0) {
                rentals += model.rentalCount;
                months += model.rentalMonths;
                byModel.add(new Report.ModelRotation(entry.getKey(), model.rentalCount, (double) model.rentalMonths / model.rentalCount));
            }
        }
        return new Report.Rotation(rentals, rentals == 0 ? null : (double) months / rentals, byModel);
    }

    private Report.CityMargin margin(CityTotals city) {
        if (costs == null) {
            return null;
        }
        long sales = 0;
        long saleMargin = 0;
        long rentals = 0;
        long rentalMargin = 0;
        for (var entry : city.models.entrySet()) {
            Costs.Cost cost = costs.byModel().get(entry.getKey());
            CityTotals.ModelTotals model = entry.getValue();
            if (cost != null) {
                sales += model.saleCount;
                saleMargin += model.saleCents - cost.purchase() * model.saleCount;
                rentals += model.rentalCount;
                rentalMargin += model.rentalCents - cost.monthly() * model.rentalMonths;
            }
        }
        return new Report.CityMargin(sales, average(saleMargin, sales), rentals, average(rentalMargin, rentals));
    }

    private Report.MarginStatus marginStatus(String noCostsReason) {
        if (costs == null) {
            return new Report.MarginStatus(false, noCostsReason, null, Map.of());
        }
        var missing = new TreeMap<String, Long>();
        for (CityTotals city : totals.cities.values()) {
            city.models.forEach((model, t) -> {
                long transactions = t.saleCount + t.rentalCount;
                if (transactions > 0 && !costs.byModel().containsKey(model)) {
                    missing.merge(model, transactions, Long::sum);
                }
            });
        }
        String reason = missing.isEmpty() ? null
                : missing.size() + " model(s) have no costs in " + costs.file().getFileName() + "; their transactions are left out of the margins";
        return new Report.MarginStatus(true, reason, costs.file().toString(), missing);
    }

    private static BigDecimal average(long cents, long count) {
        return count == 0 ? null : BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(count * 100), 2, RoundingMode.HALF_EVEN);
    }

    private static Report.Part part(long count, long cents, long whole) {
        return new Report.Part(count, euros(cents), share(cents, whole));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static long rows(CityTotals city) {
        return sum(city.saleCount) + sum(city.rentalCount);
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum;
    }

    static BigDecimal euros(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static List<BigDecimal> amounts(long[] cents) {
        var list = new ArrayList<BigDecimal>(cents.length);
        for (long c : cents) {
            list.add(euros(c));
        }
        return list;
    }

    public static String monthName(int month) {
        return String.format("%04d-%02d", RowParser.FIRST_YEAR + month / 12, month % 12 + 1);
    }

    private static List<String> monthNames(int from, int count) {
        var names = new ArrayList<String>(Math.max(count, 0));
        for (int m = from; m < from + count; m++) {
            names.add(monthName(m));
        }
        return names;
    }
}
