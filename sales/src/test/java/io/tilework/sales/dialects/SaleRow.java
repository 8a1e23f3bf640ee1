package io.tilework.sales.dialects;

import java.time.LocalDate;

/**
 * One transaction as the dialect files hold it, before any dialect writes it: amounts in cents so
 * every sum the tests compare is exact.
 *
 * @param priceCents the row's amount: a sale's price (all its units), a rental's monthly price
 * @param months     a rental's duration, 0 for a sale
 * @param costCents  what the sold units cost the dealer
 * @param remark     free text; may hold the delimiter, quotes and (in the dialects that allow it) line breaks
 */
record SaleRow(String id, LocalDate date, String city, boolean rental, String make, String model, long priceCents,
               int quantity, int months, long costCents, String gender, String bodyStyle, String remark) {

    /** Months since January 1970, as the map step counts them. */
    int month() {
        return (date.getYear() - 1970) * 12 + date.getMonthValue() - 1;
    }

    /** The unit price in cents (the amount divided by the units: the generator makes it whole). */
    long unitCents() {
        return priceCents / quantity;
    }
}
