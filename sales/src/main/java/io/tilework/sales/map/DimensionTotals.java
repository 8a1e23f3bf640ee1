package io.tilework.sales.map;

/** Sums for one value of an extra dimension (a gender, a body style...): rows, units and amounts, sales and rentals. */
public final class DimensionTotals {
    public long saleCount;
    public long saleUnits;
    public long saleCents;
    public long rentalCount;
    public long rentalUnits;
    /** Booked: monthly price x months. */
    public long rentalCents;

    /** Adds ({@code sign} 1) or takes back ({@code sign} -1) one accepted row. */
    public void add(RowReader row, int sign) {
        if (row.rowType == 0) {
            saleCount += sign;
            saleUnits += sign * (long) row.units;
            saleCents += sign * row.cents;
        } else {
            rentalCount += sign;
            rentalUnits += sign * (long) row.units;
            rentalCents += sign * row.cents * row.monthsOfRental;
        }
    }

    void merge(DimensionTotals other) {
        saleCount += other.saleCount;
        saleUnits += other.saleUnits;
        saleCents += other.saleCents;
        rentalCount += other.rentalCount;
        rentalUnits += other.rentalUnits;
        rentalCents += other.rentalCents;
    }
}
