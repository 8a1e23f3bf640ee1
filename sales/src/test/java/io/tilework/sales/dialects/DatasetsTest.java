package io.tilework.sales.dialects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped datasets are what {@link DatasetWriter} writes, and DuckDB reads every row of them in their dialect. */
@DisplayName("the shipped dataset look-alikes: reproducible, small, read whole by DuckDB")
class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("each shipped file is what DatasetWriter writes, under 2 MB")
    void shippedFilesAreReproducible() throws Exception {
        Path cars = Datasets.copy(Datasets.CAR_SALES, dir);
        Path registrations = Datasets.copy(Datasets.NEW_CARS, dir);
        assertEquals(DatasetWriter.carSales(2_500, 2022), Files.readString(cars));
        assertEquals(DatasetWriter.newCars(YearMonth.of(2024, 1), 18), Files.readString(registrations));
        assertTrue(Files.size(cars) < 2 << 20 && Files.size(registrations) < 2 << 20);
    }

    @Test
    @DisplayName("DuckDB reads every data line of both, with the dialects the end-to-end tests give")
    void duckDbReadsThemWhole() throws Exception {
        try (var duck = new DuckDbOracle()) {
            Path cars = Datasets.copy(Datasets.CAR_SALES, dir);
            Figures sales = duck.figures(cars, Datasets.CAR_SALES_DIALECT);
            assertEquals(2_500, sales.rows());
            assertEquals(7 * 24, sales.byMonth().size(), "7 regions x 24 months");
            Path registrations = Datasets.copy(Datasets.NEW_CARS, dir);
            Figures units = duck.figures(registrations, Datasets.NEW_CARS_DIALECT);
            assertEquals(18 * 20, units.rows());
            assertEquals(18, units.byMonth().size(), "one group, all, over 18 months");
            assertTrue(units.byMonth().keySet().stream().allMatch(key -> key.startsWith("all ")));
        }
    }
}
