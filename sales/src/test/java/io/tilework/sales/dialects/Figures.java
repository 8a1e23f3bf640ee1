package io.tilework.sales.dialects;

import io.tilework.sales.map.CityTotals;
import io.tilework.sales.map.Partial;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sums every KPI of a report is computed from, in exact integers, as the tests compare them: per
 * group (the city concept, folded) and month, per group and model, per group and make, per extra
 * dimension value. DuckDB computes them from a file ({@link DuckDbOracle}), the test from the rows it
 * wrote, Tilework in its map step and its report; they must be equal.
 *
 * @param rows        the data rows
 * @param byMonth     "group yyyy-MM" -> sale count, sale units, sale cents, sale cost cents, rental count, rental units, rental cents booked
 * @param byModel     "group | model" -> sale count, sale units, sale cents, rental count, rental units, rental cents booked, rental months
 * @param byMake      "group | make" -> as byModel; empty when the data has no make
 * @param byDimension "dimension | value" -> sale count, sale units, sale cents, rental count, rental units, rental cents booked
 */
record Figures(long rows, SortedMap<String, List<Long>> byMonth, SortedMap<String, List<Long>> byModel,
               SortedMap<String, List<Long>> byMake, SortedMap<String, List<Long>> byDimension) {

    Figures() {
        this(0, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    /** The figures of the rows {@code dialect} wrote (from {@link Dialect#rowsOf}), computed in Java. */
    static Figures of(Dialect dialect, List<SaleRow> written) {
        var figures = new Figures(written.size(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        for (SaleRow row : written) {
            String group = group(row.city());
            long units = dialect.has(Field.QUANTITY) ? row.quantity() : 1;
            long cents = dialect.monthly() ? 0 : row.priceCents();
            long booked = row.rental() ? cents * row.months() : 0;
            long cost = dialect.has(Field.COST) && !row.rental() ? row.costCents() : 0;
            String model = dialect.has(Field.MODEL) ? row.model().strip() : "(none)";
            if (row.rental()) {
                add(figures.byMonth, group + " " + month(row.month()), 0, 0, 0, 0, 1, units, booked);
                add(figures.byModel, group + " | " + model, 0, 0, 0, 1, units, booked, row.months());
            } else {
                add(figures.byMonth, group + " " + month(row.month()), 1, units, cents, cost, 0, 0, 0);
                add(figures.byModel, group + " | " + model, 1, units, cents, 0, 0, 0, 0);
            }
            if (dialect.has(Field.MAKE)) {
                long[] sums = row.rental() ? new long[] {0, 0, 0, 1, units, booked, row.months()} : new long[] {1, units, cents, 0, 0, 0, 0};
                add(figures.byMake, group + " | " + row.make().strip(), sums);
            }
            long[] dimension = row.rental() ? new long[] {0, 0, 0, 1, units, booked} : new long[] {1, units, cents, 0, 0, 0};
            if (dialect.has(Field.GENDER)) {
                add(figures.byDimension, "gender | " + row.gender().strip().toLowerCase(Locale.ROOT), dimension);
            }
            if (dialect.has(Field.BODY_STYLE)) {
                add(figures.byDimension, "body style | " + row.bodyStyle().toLowerCase(Locale.ROOT), dimension);
            }
        }
        return figures;
    }

    /** The figures Tilework's map step summed (after the reduce and the duplicate check). */
    static Figures of(Partial totals) {
        var figures = new Figures(totals.accepted, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
        totals.cities.forEach((name, city) -> {
            String group = group(name);
            for (int m = 0; m < CityTotals.MONTHS; m++) {
                if (city.saleCount[m] != 0 || city.rentalCount[m] != 0) {
                    add(figures.byMonth, group + " " + month(m), city.saleCount[m], city.saleUnits[m], city.saleCents[m], city.saleCostCents[m],
                            city.rentalCount[m], city.rentalUnits[m], city.rentalBookedCents[m]);
                }
            }
            city.models.forEach((model, t) -> add(figures.byModel, group + " | " + model, t.saleCount, t.saleUnits, t.saleCents,
                    t.rentalCount, t.rentalUnits, t.rentalCents, t.rentalMonths));
            city.makes.forEach((make, t) -> add(figures.byMake, group + " | " + make, t.saleCount, t.saleUnits, t.saleCents,
                    t.rentalCount, t.rentalUnits, t.rentalCents, t.rentalMonths));
        });
        totals.dimensions.forEach((dimension, values) -> values.forEach((value, t) -> add(figures.byDimension,
                dimension + " | " + value.toLowerCase(Locale.ROOT), t.saleCount, t.saleUnits, t.saleCents, t.rentalCount, t.rentalUnits, t.rentalCents)));
        return figures;
    }

    static void add(SortedMap<String, List<Long>> sums, String key, long... values) {
        sums.merge(key, Arrays.stream(values).boxed().toList(), (a, b) -> {
            var sum = new ArrayList<Long>(a.size());
            for (int i = 0; i < a.size(); i++) {
                sum.add(a.get(i) + b.get(i));
            }
            return sum;
        });
    }

    /** A city as the report groups it: accents removed, spaces trimmed and collapsed, case folded (here: lower). */
    static String group(String city) {
        String plain = Normalizer.normalize(city, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** {@code yyyy-MM} of a month index (months since January 1970). */
    static String month(int index) {
        return "%04d-%02d".formatted(1970 + index / 12, index % 12 + 1);
    }
}
