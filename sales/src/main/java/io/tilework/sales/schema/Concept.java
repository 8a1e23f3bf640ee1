package io.tilework.sales.schema;

import java.util.Locale;

/**
 * What a column of a sales file means for the KPIs. A schema maps each concept the data has to a
 * column, a constant or an expression; the report computes every KPI whose concepts are there and
 * says, for the others, which concept is missing.
 */
public enum Concept {
    /** A row's identifier; absent: no duplicate check. */
    ID("the row's identifier (duplicates are checked on it)"),
    /** The day of the transaction; one of date or month is required. */
    DATE("the day of the transaction"),
    /** The month, for data already aggregated by month; one of date or month is required. */
    MONTH("the month, for data already aggregated by month"),
    /** The dimension the report groups by: a city, a region, a dealer, a store. */
    CITY("the dimension the report groups by (a city, a region, a dealer, a store)"),
    /** Sale or rental; absent: every row is a sale. */
    TYPE("sale or rental (absent: every row is a sale)"),
    MODEL("the model sold"),
    MAKE("the make (brand) of the model"),
    /** The row's amount: a sale's price, a rental's monthly price; with a currency and separators. */
    PRICE("the row's amount: a sale's price, a rental's monthly price"),
    /** Units per row; absent: 1. */
    QUANTITY("units per row (absent: 1)"),
    /** A rental's months. */
    DURATION("a rental's duration in months"),
    /** The row's cost (purchase cost of what was sold), for margins. */
    COST("the row's cost, for margins");

    private final String meaning;

    Concept(String meaning) {
        this.meaning = meaning;
    }

    /** Its name in schema files and messages: {@code price}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String meaning() {
        return meaning;
    }

    /** The concept named {@code key} in a schema file, or null. */
    public static Concept of(String key) {
        for (Concept concept : values()) {
            if (concept.key().equals(key)) {
                return concept;
            }
        }
        return null;
    }
}
