package io.tilework.sales.map;

import java.util.Map;
import java.util.TreeMap;

/**
 * Sums for one city: per month (index: months since January 1970, up to four years past 2099 for
 * rentals recognised monthly) and per model. Amounts are in cents, so sums are exact.
 */
public final class CityTotals {

    public static final int MONTHS = RowParser.MONTHS + 48;

    public final long[] saleCents = new long[MONTHS];
    public final long[] saleCount = new long[MONTHS];
    public final long[] rentalBookedCents = new long[MONTHS];
    public final long[] rentalCount = new long[MONTHS];
    /** A rental's monthly price in each month of its contract. */
    public final long[] rentalRecognisedCents = new long[MONTHS];
    /** Units (the quantity concept; 1 per row without it) of sales and of rentals, per month. */
    public final long[] saleUnits = new long[MONTHS];
    public final long[] rentalUnits = new long[MONTHS];
    /** The cost concept summed over sales, per month (margins); 0 where the data has no cost. */
    public final long[] saleCostCents = new long[MONTHS];
    public final Map<String, ModelTotals> models = new TreeMap<>();
    /** The same sums per make (the make concept), when the data has one. */
    public final Map<String, ModelTotals> makes = new TreeMap<>();

    /** Adds ({@code sign} 1) or takes back ({@code sign} -1, for a duplicate found later) one accepted row. */
    public void add(ModelTotals model, int type, int month, long cents, int months, int sign) {
        if (type == 0) {
            saleCents[month] += sign * cents;
            saleCount[month] += sign;
            model.saleCount += sign;
            model.saleCents += sign * cents;
        } else {
            rentalBookedCents[month] += sign * cents * months;
            rentalCount[month] += sign;
            for (int m = month; m < month + months; m++) {
                rentalRecognisedCents[m] += sign * cents;
            }
            model.rentalCount += sign;
            model.rentalCents += sign * cents * months;
            model.rentalMonths += sign * months;
        }
    }

    /**
     * Adds ({@code sign} 1) or takes back ({@code sign} -1) one accepted row read through a schema: its sums as
     * {@link #add}, its units and sale cost per month and per model, and, when the data has a make, the same per make.
     */
    public void add(ModelTotals model, ModelTotals make, RowReader row, int sign) {
        add(model, row.rowType, row.month, row.cents, row.monthsOfRental, sign);
        if (row.rowType == 0) {
            saleUnits[row.month] += sign * (long) row.units;
            saleCostCents[row.month] += sign * row.costCents;
        } else {
            rentalUnits[row.month] += sign * (long) row.units;
        }
        model.units(row, sign);
        if (make != null) {
            if (row.rowType == 0) {
                make.saleCount += sign;
                make.saleCents += sign * row.cents;
            } else {
                make.rentalCount += sign;
                make.rentalCents += sign * row.cents * row.monthsOfRental;
                make.rentalMonths += sign * row.monthsOfRental;
            }
            make.units(row, sign);
        }
    }

    public ModelTotals model(String name) {
        return models.computeIfAbsent(name, n -> new ModelTotals());
    }

    public ModelTotals make(String name) {
        return makes.computeIfAbsent(name, n -> new ModelTotals());
    }

    void merge(CityTotals other) {
        for (int m = 0; m < MONTHS; m++) {
            saleCents[m] += other.saleCents[m];
            saleCount[m] += other.saleCount[m];
            rentalBookedCents[m] += other.rentalBookedCents[m];
            rentalCount[m] += other.rentalCount[m];
            rentalRecognisedCents[m] += other.rentalRecognisedCents[m];
            saleUnits[m] += other.saleUnits[m];
            rentalUnits[m] += other.rentalUnits[m];
            saleCostCents[m] += other.saleCostCents[m];
        }
        other.models.forEach((name, totals) -> model(name).merge(totals));
        other.makes.forEach((name, totals) -> make(name).merge(totals));
    }

    /** Sums for one model in one city. */
    public static final class ModelTotals {
        public long saleCount;
        public long saleCents;
        public long rentalCount;
        /** Booked: monthly price x months. */
        public long rentalCents;
        public long rentalMonths;
        public long saleUnits;
        public long rentalUnits;
        public long saleCostCents;
        /** A model's make as the data names it (the first seen), or null. */
        public String make;

        void units(RowReader row, int sign) {
            if (row.rowType == 0) {
                saleUnits += sign * (long) row.units;
                saleCostCents += sign * row.costCents;
            } else {
                rentalUnits += sign * (long) row.units;
            }
        }

        void merge(ModelTotals other) {
            saleUnits += other.saleUnits;
            rentalUnits += other.rentalUnits;
            saleCostCents += other.saleCostCents;
            if (make == null) {
                make = other.make;
            }
            saleCount += other.saleCount;
            saleCents += other.saleCents;
            rentalCount += other.rentalCount;
            rentalCents += other.rentalCents;
            rentalMonths += other.rentalMonths;
        }
    }
}
