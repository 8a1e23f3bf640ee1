package io.tilework.sales.dialects;

import static io.tilework.sales.dialects.Field.BODY_STYLE;
import static io.tilework.sales.dialects.Field.CITY;
import static io.tilework.sales.dialects.Field.DATE;
import static io.tilework.sales.dialects.Field.GENDER;
import static io.tilework.sales.dialects.Field.ID;
import static io.tilework.sales.dialects.Field.MAKE;
import static io.tilework.sales.dialects.Field.MODEL;
import static io.tilework.sales.dialects.Field.MONTH;
import static io.tilework.sales.dialects.Field.OTHER;
import static io.tilework.sales.dialects.Field.PRICE;
import static io.tilework.sales.dialects.Field.QUANTITY;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * The two datasets under {@code src/test/resources/datasets} (see {@code SOURCES.md} there): look-alikes
 * of two public layouts, written by {@link DatasetWriter}, with the dialect each is read in.
 */
final class Datasets {

    /** A US car dealer network's sales export: M/d/yyyy dates, its own headers, no type column, doubly decoded text. */
    static final String CAR_SALES = "car-sales-us.csv";
    /** New private cars licensed for the first time, per month and make-and-model: units, no price, no city. */
    static final String NEW_CARS = "new-cars-by-month.csv";

    static final Dialect CAR_SALES_DIALECT = new Dialect("car-sales-us", "utf-8", false, ',', false, 0, '.', (char) 0, "", "", "M/d/yyyy",
            columns("Car_id", ID, "Date", DATE, "Customer Name", OTHER, "Gender", GENDER, "Annual Income", OTHER, "Dealer_Name", OTHER,
                    "Company", MAKE, "Model", MODEL, "Engine", OTHER, "Transmission", OTHER, "Color", OTHER, "Price ($)", PRICE,
                    "Dealer_No ", OTHER, "Body Style", BODY_STYLE, "Phone", OTHER, "Dealer_Region", CITY), "", "", "", false);

    static final Dialect NEW_CARS_DIALECT = new Dialect("new-cars-by-month", "utf-8", false, ',', false, 0, '.', (char) 0, "", "", "yyyyMM",
            columns("STATISTIC", OTHER, "Statistic Label", OTHER, "TLIST(M1)", MONTH, "Month", OTHER, "C02411V02908", OTHER,
                    "Make and Model", MODEL, "UNIT", OTHER, "VALUE", QUANTITY), "", "", "", false);

    private Datasets() {
    }

    /** The dataset copied out of the test resources into {@code dir}, to be read as a file. */
    static Path copy(String name, Path dir) {
        try (InputStream in = Datasets.class.getResourceAsStream("/datasets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource datasets/" + name + ": regenerate it with DatasetWriter");
            }
            Path file = dir.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SequencedMap<String, Field> columns(Object... headerThenField) {
        var columns = new LinkedHashMap<String, Field>();
        for (int i = 0; i < headerThenField.length; i += 2) {
            columns.put((String) headerThenField[i], (Field) headerThenField[i + 1]);
        }
        return columns;
    }
}
