package io.tilework.sales.failure;

/** Why a row is not counted; each rejected row is written to the rejects file with one of these. */
public enum RejectReason {
    LINE_TOO_LONG("line longer than the maximum line size (--max-line-size)"),
    BAD_ENCODING("bytes that are not text in the schema's encoding (dialect: encoding)"),
    COLUMN_COUNT("wrong number of columns"),
    UNCLOSED_QUOTE("a quoted field is not closed on its line"),
    EMPTY_ID("empty transaction_id"),
    BAD_DATE("bad date (expected YYYY-MM-DD, a real day between 1970 and 2099)"),
    EMPTY_CITY("empty city"),
    UNKNOWN_TYPE("unknown type (expected vente or location)"),
    EMPTY_MODEL("empty model"),
    BAD_PRICE("price is not a number (digits, at most two decimals)"),
    NEGATIVE_PRICE("negative price"),
    RENTAL_WITHOUT_DURATION("rental without duration"),
    BAD_DURATION("rental duration is not a whole number of months from 1 to 48"),
    DURATION_ON_SALE("duration on a sale"),
    BAD_MONTH("bad month (not one of the schema's month patterns, or outside 1970 to 2099)"),
    EMPTY_MAKE("empty make"),
    BAD_QUANTITY("quantity is not a whole number of units, zero or more"),
    BAD_COST("a sale's cost is missing or not an amount (at most two decimals, not negative)"),
    DUPLICATE_ID("duplicate transaction_id");

    private final String message;

    RejectReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /** The message without its explanation in parentheses: {@code bad date}, {@code price is not a number}. */
    public String shortMessage() {
        int open = message.indexOf(" (");
        return open < 0 ? message : message.substring(0, open);
    }
}
