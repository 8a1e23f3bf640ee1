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

    void merge(DimensionTotals other) {
        saleCount += other.saleCount;
        saleUnits += other.saleUnits;
        saleCents += other.saleCents;
        rentalCount += other.rentalCount;
        rentalUnits += other.rentalUnits;
        rentalCents += other.rentalCents;
    }
}
