package io.tilework.sales.report;

/** When a rental's revenue counts. A sale always counts its price in the month it is signed. */
public enum Recognition {
    /** A rental books {@code prix x duree} in the month it is signed (the default). */
    BOOKED,
    /** A rental earns {@code prix} in each month of its contract, from the signing month on. */
    MONTHLY
}
