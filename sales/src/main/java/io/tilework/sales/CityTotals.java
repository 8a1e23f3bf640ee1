package io.tilework.sales;

import java.util.Map;
import java.util.TreeMap;

/**
 * Sums for one city: per month (index: months since January 1970, up to four years past 2099 for
 * rentals recognised monthly) and per model. Amounts are in cents, so sums are exact.
 */
final class CityTotals {

    static final int MONTHS = RowParser.MONTHS + 48;

    final long[] saleCents = new long[MONTHS];
    final long[] saleCount = new long[MONTHS];
    final long[] rentalBookedCents = new long[MONTHS];
    final long[] rentalCount = new long[MONTHS];
    /** A rental's monthly price in each month of its contract. */
    final long[] rentalRecognisedCents = new long[MONTHS];
    final Map<String, ModelTotals> models = new TreeMap<>();

    /** Adds ({@code sign} 1) or takes back ({@code sign} -1, for a duplicate found later) one accepted row. */
    void add(ModelTotals model, int type, int month, long cents, int months, int sign) {
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

    ModelTotals model(String name) {
        return models.computeIfAbsent(name, n -> new ModelTotals());
    }

    void merge(CityTotals other) {
        for (int m = 0; m < MONTHS; m++) {
            saleCents[m] += other.saleCents[m];
            saleCount[m] += other.saleCount[m];
            rentalBookedCents[m] += other.rentalBookedCents[m];
            rentalCount[m] += other.rentalCount[m];
            rentalRecognisedCents[m] += other.rentalRecognisedCents[m];
        }
        other.models.forEach((name, totals) -> model(name).merge(totals));
    }

    /** Sums for one model in one city. */
    static final class ModelTotals {
        long saleCount;
        long saleCents;
        long rentalCount;
        /** Booked: monthly price x months. */
        long rentalCents;
        long rentalMonths;

        void merge(ModelTotals other) {
            saleCount += other.saleCount;
            saleCents += other.saleCents;
            rentalCount += other.rentalCount;
            rentalCents += other.rentalCents;
            rentalMonths += other.rentalMonths;
        }
    }
}
