package io.tilework.sales.report;

import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.map.CityNames;
import io.tilework.sales.map.CityTotals;
import io.tilework.sales.map.DimensionTotals;
import io.tilework.sales.map.Partial;
import io.tilework.sales.map.RowParser;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The KPIs, from the merged sums: every figure of the {@link Report} that the schema's concepts
 * allow, and for the others a {@link Report.Missing} line. The period runs from the first to the
 * last month in which an accepted transaction was signed; every series covers it.
 */
public final class Kpis {

    static final int TOP = 5;

    private final Partial totals;
    private final SalesSchema schema;
    private final Recognition recognition;
    private final Costs costs;
    /** Whether the data has a price: without one every revenue figure is null and cities rank by units. */
    private final boolean priced;
    private final int first;
    private final int last;

    private Kpis(Partial totals, SalesSchema schema, Recognition recognition, Costs costs) {
        this.totals = totals;
        this.schema = schema;
        this.recognition = recognition;
        this.costs = costs;
        this.priced = schema.has(Concept.PRICE);
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
     * @param schema        the schema the files were read through: which concepts the data has
     * @param costs         null when no costs file was given
     * @param noCostsReason why margins are not computed, when {@code costs} is null and the data has no cost concept
     */
    public static Report compute(SalesScan.Result scan, SalesSchema schema, Recognition recognition, Costs costs,
            String noCostsReason) {
        return new Kpis(scan.totals(), schema, recognition, costs).report(scan, noCostsReason);
    }

    /** The report of data read through the scan's schema ({@link SalesScan.Result#schema()}). */
    public static Report compute(SalesScan.Result scan, Recognition recognition, Costs costs, String noCostsReason) {
        return compute(scan, scan.schema(), recognition, costs, noCostsReason);
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
        long[] allUnits = new long[Math.max(months, 0)];
        long allSales = 0;
        long allRentals = 0;
        long allSaleCount = 0;
        long allRentalCount = 0;
        long allSaleUnits = 0;
        long allRentalUnits = 0;
        long[] revenue = new long[cityData.size()];
        long[] units = new long[cityData.size()];
        for (int c = 0; c < cityData.size(); c++) {
            CityTotals city = cityData.get(c);
            for (int m = 0; m < months; m++) {
                long month = sales(city, first + m) + rentals(city, first + m);
                all[m] += month;
                revenue[c] += month;
                long monthUnits = saleUnits(city, first + m) + rentalUnits(city, first + m);
                allUnits[m] += monthUnits;
                units[c] += monthUnits;
            }
            allSales += sum(city.saleCents);
            allRentals += periodRentals(city);
            allSaleCount += sum(city.saleCount);
            allRentalCount += sum(city.rentalCount);
            for (int m = first; m <= last; m++) {
                allSaleUnits += saleUnits(city, m);
                allRentalUnits += rentalUnits(city, m);
            }
        }
        long grand = allSales + allRentals;
        long grandUnits = allSaleUnits + allRentalUnits;
        // without a price, cities rank by units (ties by name), as they rank by revenue with one
        long[] measure = priced ? revenue : units;
        Integer[] order = new Integer[cityData.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -measure[i]).thenComparing(names::get));
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        var cities = new ArrayList<Report.City>();
        for (int c : order) {
            cities.add(city(names.get(c), cityData.get(c), rank[c], revenue[c], grand, units[c], grandUnits));
        }
        var spellings = new ArrayList<Report.CityName>();
        totals.spellings.forEach((spelling, rows) -> spellings.add(new Report.CityName(spelling, CityNames.normalise(spelling), rows)));
        spellings.sort(Comparator.comparing(Report.CityName::city).thenComparing(n -> -n.rows()).thenComparing(Report.CityName::spelling));

        var byReason = new EnumMap<RejectReason, Long>(totals.rejectsByReason);
        var input = new Report.Input(scan.files().stream().map(Object::toString).toList(), totals.lines, totals.headerLines,
                totals.blankLines, totals.accepted + totals.rejected, totals.accepted, totals.rejected, byReason,
                scan.rejectsFile().getFileName().toString());
        var totalsReport = priced
                ? new Report.Totals(euros(grand), part(allSaleCount, allSales, grand), part(allRentalCount, allRentals, grand), amounts(all))
                : new Report.Totals(null, unitsPart(allSaleCount, allSaleUnits, grandUnits),
                        unitsPart(allRentalCount, allRentalUnits, grandUnits), null);
        var unitsReport = new Report.Units(allSaleUnits, allRentalUnits, counts(allUnits),
                schema.has(Concept.MODEL) ? unitRanks(mergedModels(false), Integer.MAX_VALUE) : List.of(),
                schema.has(Concept.MAKE) ? unitRanks(mergedModels(true), Integer.MAX_VALUE) : List.of());
        return new Report(input, recognition.name().toLowerCase(java.util.Locale.ROOT), monthNames(first, months), totalsReport,
                cities, spellings, marginStatus(noCostsReason), priced ? "revenue" : "units", schemaInfo(), missing(),
                unitsReport, dimensions());
    }

    private Report.City city(String name, CityTotals city, int rank, long revenue, long grand, long units, long grandUnits) {
        int months = last - first + 1;
        long[] sales = new long[months];
        long[] rentals = new long[months];
        long[] total = new long[months];
        long[] saleUnits = new long[months];
        long[] rentalUnits = new long[months];
        long[] totalUnits = new long[months];
        int firstActive = -1;
        for (int m = 0; m < months; m++) {
            sales[m] = sales(city, first + m);
            rentals[m] = rentals(city, first + m);
            total[m] = sales[m] + rentals[m];
            saleUnits[m] = saleUnits(city, first + m);
            rentalUnits[m] = rentalUnits(city, first + m);
            totalUnits[m] = saleUnits[m] + rentalUnits[m];
            if (firstActive < 0 && city.saleCount[first + m] + city.rentalCount[first + m] > 0) {
                firstActive = m;
            }
        }
        var cityUnits = new Report.CityUnits(sum(saleUnits), sum(rentalUnits), units, share(units, grandUnits), counts(saleUnits),
                counts(rentalUnits), counts(totalUnits), seasonality(totalUnits, firstActive), trend(totalUnits, firstActive, 1),
                schema.has(Concept.MODEL) ? unitRanks(city.models, TOP) : List.of(),
                schema.has(Concept.MAKE) ? unitRanks(city.makes, Integer.MAX_VALUE) : List.of());
        if (!priced) {
            return new Report.City(name, rank, null, share(units, grandUnits),
                    unitsPart(sum(city.saleCount), cityUnits.sales(), units), unitsPart(sum(city.rentalCount), cityUnits.rentals(), units),
                    null, null, null, null, monthName(first + firstActive), null, null, topModels(city), rotation(city), null, null,
                    cityUnits);
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
                margin(city), trend(total, firstActive, 100), cityUnits);
    }

    /** Units: the quantity concept's sums, or one per row (the counts) when the data has no quantity. */
    private long saleUnits(CityTotals city, int month) {
        return schema.has(Concept.QUANTITY) ? city.saleUnits[month] : city.saleCount[month];
    }

    private long rentalUnits(CityTotals city, int month) {
        return schema.has(Concept.QUANTITY) ? city.rentalUnits[month] : city.rentalCount[month];
    }

    private long saleUnits(CityTotals.ModelTotals model) {
        return schema.has(Concept.QUANTITY) ? model.saleUnits : model.saleCount;
    }

    private long rentalUnits(CityTotals.ModelTotals model) {
        return schema.has(Concept.QUANTITY) ? model.rentalUnits : model.rentalCount;
    }

    /** Models (or makes) by units, then revenue, then name; the first {@code limit}. */
    private List<Report.UnitRank> unitRanks(Map<String, CityTotals.ModelTotals> models, int limit) {
        return models.entrySet().stream()
                .filter(e -> e.getValue().saleCount + e.getValue().rentalCount > 0)
                .map(e -> {
                    CityTotals.ModelTotals t = e.getValue();
                    long sold = saleUnits(t);
                    long rented = rentalUnits(t);
                    return new Report.UnitRank(e.getKey(), t.make, sold, rented, sold + rented,
                            priced ? euros(t.saleCents + t.rentalCents) : null);
                })
                .sorted(Comparator.comparingLong((Report.UnitRank u) -> -u.units())
                        .thenComparing(u -> u.revenue() == null ? BigDecimal.ZERO : u.revenue(), Comparator.reverseOrder())
                        .thenComparing(Report.UnitRank::name))
                .limit(limit)
                .toList();
    }

    /** The models (or makes) of every city summed, for the units over all cities. */
    private Map<String, CityTotals.ModelTotals> mergedModels(boolean makes) {
        var merged = new TreeMap<String, CityTotals.ModelTotals>();
        for (CityTotals city : totals.cities.values()) {
            (makes ? city.makes : city.models).forEach((name, t) -> {
                CityTotals.ModelTotals sum = merged.computeIfAbsent(name, n -> new CityTotals.ModelTotals());
                sum.saleCount += t.saleCount;
                sum.rentalCount += t.rentalCount;
                sum.saleCents += t.saleCents;
                sum.rentalCents += t.rentalCents;
                sum.saleUnits += t.saleUnits;
                sum.rentalUnits += t.rentalUnits;
                sum.make = makes ? null : (sum.make == null ? t.make : sum.make);
            });
        }
        return merged;
    }

    /** Each extra dimension, by the schema's order (then any other the data has), its values by units then name. */
    private List<Report.Dimension> dimensions() {
        var names = new ArrayList<String>(schema.dimensions().keySet());
        totals.dimensions.keySet().stream().filter(d -> !names.contains(d)).forEach(names::add);
        var dimensions = new ArrayList<Report.Dimension>();
        for (String name : names) {
            Map<String, DimensionTotals> values = totals.dimensions.getOrDefault(name, Map.of());
            boolean quantity = schema.has(Concept.QUANTITY);
            long all = 0;
            for (DimensionTotals t : values.values()) {
                all += quantity ? t.saleUnits + t.rentalUnits : t.saleCount + t.rentalCount;
            }
            var rows = new ArrayList<Report.DimensionValue>();
            for (var entry : values.entrySet()) {
                DimensionTotals t = entry.getValue();
                long sold = quantity ? t.saleUnits : t.saleCount;
                long rented = quantity ? t.rentalUnits : t.rentalCount;
                if (t.saleCount + t.rentalCount == 0) {
                    continue;
                }
                rows.add(new Report.DimensionValue(entry.getKey(), t.saleCount, t.rentalCount, sold, rented, sold + rented,
                        share(sold + rented, all), priced ? euros(t.saleCents) : null, priced ? euros(t.rentalCents) : null,
                        priced ? euros(t.saleCents + t.rentalCents) : null));
            }
            rows.sort(Comparator.comparingLong((Report.DimensionValue v) -> -v.units()).thenComparing(Report.DimensionValue::value));
            dimensions.add(new Report.Dimension(name, rows));
        }
        return dimensions;
    }

    private Report.SchemaInfo schemaInfo() {
        var concepts = new LinkedHashMap<String, String>();
        for (Concept concept : Concept.values()) {
            SalesSchema.Mapping mapping = schema.concepts().get(concept);
            if (mapping != null) {
                concepts.put(concept.key(), describe(mapping));
            }
        }
        return new Report.SchemaInfo(schema.name(), schema.source(), concepts, List.copyOf(schema.dimensions().keySet()));
    }

    /** Where a concept comes from, as a person reads it: {@code column Date}, {@code expression [A] * [B]}. */
    static String describe(SalesSchema.Mapping mapping) {
        if (mapping.column() != null) {
            return "column " + mapping.column();
        } else if (mapping.expression() != null) {
            return "expression " + mapping.expression();
        } else if (mapping.constant() != null) {
            return "constant " + mapping.constant();
        }
        return "position " + mapping.position();
    }

    /** The KPIs the data's concepts do not allow, and the assumptions made for absent concepts. */
    private List<Report.Missing> missing() {
        var missing = new ArrayList<Report.Missing>();
        if (!priced) {
            missing.add(new Report.Missing("revenue", "no price column: revenue KPIs not computed (revenue per month, the "
                    + "sale/rental split in euros, growth, top models by revenue, seasonality and trend on revenue); "
                    + "the units KPIs stand for them"));
        }
        if (!schema.has(Concept.TYPE)) {
            missing.add(new Report.Missing("sale/rental split", "no type column: every row counted as a sale"));
        }
        if (!schema.has(Concept.ID)) {
            missing.add(new Report.Missing("duplicates", "no id column: duplicates not checked"));
        }
        if (!schema.has(Concept.CITY)) {
            missing.add(new Report.Missing("cities", "no city column: every row counted in one group, \"all\""));
        }
        if (!schema.has(Concept.MODEL)) {
            missing.add(new Report.Missing("top models", "no model column: top models and rotation per model not computed"));
        }
        if (!schema.has(Concept.MAKE)) {
            missing.add(new Report.Missing("makes", "no make column: units per make not computed"));
        }
        if (!schema.has(Concept.QUANTITY)) {
            missing.add(new Report.Missing("units", "no quantity column: every row counted as one unit"));
        }
        if (schema.has(Concept.TYPE) && !schema.has(Concept.DURATION)) {
            missing.add(new Report.Missing("rotation", "no duration column: vehicle rotation (average rental months) not computed"));
        }
        if (!priced) {
            missing.add(new Report.Missing("margins", "no price column: margins not computed"));
        } else if (costs == null && !schema.has(Concept.COST)) {
            missing.add(new Report.Missing("margins", "no cost column and no --costs: margins not computed"));
        } else if (costs == null && schema.has(Concept.TYPE)) {
            missing.add(new Report.Missing("rental margins", "the cost column gives sale margins only: rental margins need "
                    + "--costs (model, purchase cost, monthly rental cost)"));
        }
        return missing;
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

    /** @param scale what one of the series' units is worth in the trend's: 100 for cents to euros, 1 for units */
    private Report.Trend trend(long[] total, int firstActive, double scale) {
        int n = total.length;
        if (n - firstActive < 3) {
            return null;
        }
        double[] y = {total[n - 3] / scale, total[n - 2] / scale, total[n - 1] / scale};
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

    private Report.TopModels topModels(CityTotals city) {
        if (!schema.has(Concept.MODEL)) {
            return new Report.TopModels(List.of(), List.of(), List.of(), List.of());
        }
        if (!priced) { // by count only: there is no revenue to rank by
            return new Report.TopModels(top(city, t -> t.saleCount, t -> t.saleCents, true).stream().map(Kpis::withoutRevenue).toList(),
                    List.of(), top(city, t -> t.rentalCount, t -> t.rentalCents, true).stream().map(Kpis::withoutRevenue).toList(),
                    List.of());
        }
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

    private static Report.ModelRank withoutRevenue(Report.ModelRank rank) {
        return new Report.ModelRank(rank.model(), rank.count(), null);
    }

    private Report.Rotation rotation(CityTotals city) {
        if (!schema.has(Concept.DURATION)) {
            return new Report.Rotation(sum(city.rentalCount), null, List.of());
        }
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
        if (costs == null && schema.has(Concept.COST)) { // each sale's own cost: price - cost over every sale
            long sales = sum(city.saleCount);
            return new Report.CityMargin(sales, average(sum(city.saleCents) - sum(city.saleCostCents), sales), 0, null);
        }
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
        if (!priced) {
            return new Report.MarginStatus(false, "no price column: margins not computed", null, Map.of(), null);
        }
        if (costs == null && schema.has(Concept.COST)) {
            String rentals = schema.has(Concept.TYPE) ? "sale margins only (rental margins need --costs)" : null;
            return new Report.MarginStatus(true, rentals, null, Map.of(), describe(schema.concepts().get(Concept.COST)));
        }
        if (costs == null) {
            return new Report.MarginStatus(false, noCostsReason, null, Map.of(), null);
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
        return new Report.MarginStatus(true, reason, costs.file().toString(), missing, costs.file().toString());
    }

    private static BigDecimal average(long cents, long count) {
        return count == 0 ? null : BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(count * 100), 2, RoundingMode.HALF_EVEN);
    }

    private static Report.Part part(long count, long cents, long whole) {
        return new Report.Part(count, euros(cents), share(cents, whole));
    }

    /** Without a price: transactions, no revenue, and the share of the units. */
    private static Report.Part unitsPart(long count, long units, long wholeUnits) {
        return new Report.Part(count, null, share(units, wholeUnits));
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

    private static List<Long> counts(long[] values) {
        var list = new ArrayList<Long>(values.length);
        for (long v : values) {
            list.add(v);
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
