package io.tilework.sales.dialects;

/** What a column of a generated file holds; the concept it maps to is in {@link Dialect#schemaYaml()}. */
enum Field {
    ID, DATE, MONTH, CITY, TYPE, MAKE, MODEL, PRICE, UNIT_PRICE, QUANTITY, DURATION, COST, GENDER, BODY_STYLE, REMARK,
    /** A column no concept reads (a customer name, a phone number). */
    OTHER
}
