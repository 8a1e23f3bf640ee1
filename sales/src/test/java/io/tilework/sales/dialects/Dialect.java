package io.tilework.sales.dialects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * How one generated sales file is written: what a dealer's export, a spreadsheet saved as CSV or a
 * registrations table look like. The same {@link SaleRow}s are written in every dialect, so every
 * dialect's figures are the same rows' figures (less the rentals when there is no type column).
 *
 * @param name         a short name, used for the file and the schema
 * @param encoding     {@code utf-8} or {@code windows-1252}
 * @param bom          whether a UTF-8 file starts with a byte-order mark
 * @param delimiter    the field delimiter
 * @param crlf         CR LF line ends (else LF)
 * @param titleLines   lines written before the header (an export's title and date), to skip
 * @param decimal      the decimal separator of amounts
 * @param thousands    the thousands separator of amounts, 0 for none
 * @param currencyPrefix written before amounts ({@code $}), or ""
 * @param currencySuffix written after amounts ({@code " €"}), or ""
 * @param datePattern  java.time pattern of the date (or, for monthly data, the month) column
 * @param columns      the file's columns in order: header -> what it holds
 * @param sale         the type column's word for a sale (when there is one)
 * @param rental       the type column's word for a rental
 * @param nullMarker   written where a value is missing (a sale's duration, a rental's cost)
 * @param lineBreaks   whether remarks may hold line breaks (inside quotes)
 */
record Dialect(String name, String encoding, boolean bom, char delimiter, boolean crlf, int titleLines, char decimal,
               char thousands, String currencyPrefix, String currencySuffix, String datePattern,
               SequencedMap<String, Field> columns, String sale, String rental, String nullMarker, boolean lineBreaks) {

    boolean has(Field field) {
        return columns.containsValue(field);
    }

    /** The header of the column holding {@code field}. */
    String header(Field field) {
        for (var column : columns.entrySet()) {
            if (column.getValue() == field) {
                return column.getKey();
            }
        }
        throw new IllegalArgumentException(name + " has no " + field + " column");
    }

    /** The same file with {@code field} read from another column (the one {@code inspect} chose); the old column is read by no concept. */
    Dialect remap(Field field, String header) {
        var remapped = new LinkedHashMap<String, Field>();
        columns.forEach((name, f) -> remapped.put(name, f == field ? Field.OTHER : f));
        remapped.put(header, field);
        return new Dialect(name, encoding, bom, delimiter, crlf, titleLines, decimal, thousands, currencyPrefix, currencySuffix, datePattern,
                remapped, sale, rental, nullMarker, lineBreaks);
    }

    /** The same file with its dates (or months) read by another pattern (another column's: {@code 2024 January}). */
    Dialect withDatePattern(String pattern) {
        return new Dialect(name, encoding, bom, delimiter, crlf, titleLines, decimal, thousands, currencyPrefix, currencySuffix, pattern,
                columns, sale, rental, nullMarker, lineBreaks);
    }

    /** Data already aggregated by month: a month column, units, no price. */
    boolean monthly() {
        return has(Field.MONTH);
    }

    /** The rows this dialect's file holds: the sales only without a type column; monthly sums of units for monthly data. */
    List<SaleRow> rowsOf(List<SaleRow> rows) {
        if (!monthly()) {
            return has(Field.TYPE) ? rows : SaleRows.salesOnly(rows);
        }
        // one row per month, city as spelt, make and model: the units summed, the first row's spelling kept
        var sums = new TreeMap<String, SaleRow>();
        for (SaleRow row : SaleRows.salesOnly(rows)) {
            String key = row.date().getYear() + "-" + row.date().getMonthValue() + "|" + row.city() + "|" + row.make() + "|" + row.model();
            sums.merge(key, new SaleRow(null, row.date().withDayOfMonth(1), row.city(), false, row.make(), row.model(), 0,
                    row.quantity(), 0, 0, null, null, null), (a, b) -> new SaleRow(null, a.date(), a.city(), false, a.make(),
                    a.model(), 0, a.quantity() + b.quantity(), 0, 0, null, null, null));
        }
        return new ArrayList<>(sums.values());
    }

    /** The schema a person would write for this file (the contract's YAML), which {@code inspect} should propose. */
    String schemaYaml() {
        var yaml = new StringBuilder();
        yaml.append("# Sales schema for the generated dialect ").append(name).append('\n');
        yaml.append("schema: ").append(name).append('\n');
        yaml.append("dialect:\n");
        yaml.append("  encoding: ").append(encoding).append('\n');
        yaml.append("  delimiter: ").append(delimiter == '\t' ? "\"\\t\"" : "\"" + delimiter + "\"").append('\n');
        yaml.append("  quote: '\"'\n  escape: '\"'\n  header: true\n");
        yaml.append("  skip: ").append(titleLines).append('\n');
        yaml.append("  nulls: [\"\"").append(nullMarker.isEmpty() ? "" : ", \"" + nullMarker + "\"").append("]\n");
        yaml.append("numbers:\n");
        yaml.append("  decimal: \"").append(decimal).append("\"\n");
        yaml.append("  thousands: \"").append(thousands == 0 ? "" : String.valueOf(thousands)).append("\"\n");
        String currency = (currencyPrefix + currencySuffix).strip();
        yaml.append("  currency: [").append(currency.isEmpty() ? "" : "\"" + currency + "\"").append("]\n");
        yaml.append("dates: [\"").append(datePattern).append("\"]\n");
        yaml.append("concepts:\n");
        for (var concept : concepts().entrySet()) {
            yaml.append("  ").append(concept.getKey()).append(": ").append(concept.getValue()).append('\n');
        }
        if (has(Field.GENDER) || has(Field.BODY_STYLE)) {
            yaml.append("dimensions:\n");
            if (has(Field.GENDER)) {
                yaml.append("  gender: {column: \"").append(header(Field.GENDER)).append("\", normalise: [trim, case]}\n");
            }
            if (has(Field.BODY_STYLE)) {
                yaml.append("  body style: {column: \"").append(header(Field.BODY_STYLE)).append("\"}\n");
            }
        }
        return yaml.toString();
    }

    /** Concept key -> its mapping in flow style, in the contract's order. */
    Map<String, String> concepts() {
        var concepts = new LinkedHashMap<String, String>();
        put(concepts, "id", Field.ID, "");
        put(concepts, "date", Field.DATE, "");
        put(concepts, "month", Field.MONTH, "");
        put(concepts, "city", Field.CITY, ", normalise: [trim, case, accents]");
        if (has(Field.TYPE)) {
            concepts.put("type", "{column: \"" + header(Field.TYPE) + "\", sale: [\"" + sale + "\"], rental: [\"" + rental + "\"]}");
        }
        put(concepts, "model", Field.MODEL, "");
        put(concepts, "make", Field.MAKE, "");
        put(concepts, "price", Field.PRICE, "");
        if (has(Field.UNIT_PRICE)) {
            concepts.put("price", "{expression: \"[" + header(Field.UNIT_PRICE) + "] * [" + header(Field.QUANTITY) + "]\"}");
        }
        put(concepts, "quantity", Field.QUANTITY, "");
        put(concepts, "duration", Field.DURATION, "");
        put(concepts, "cost", Field.COST, "");
        return concepts;
    }

    private void put(Map<String, String> concepts, String key, Field field, String more) {
        if (has(field)) {
            concepts.put(key, "{column: \"" + header(field) + "\"" + more + "}");
        }
    }
}
