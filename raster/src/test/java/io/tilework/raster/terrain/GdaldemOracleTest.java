package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("every row of oracles/gdaldem_checksums.csv: same checksum, min, max and mean as gdaldem 3.6.2")
class GdaldemOracleTest {

    /** The CSV prints statistics to 3 decimals. */
    private static final double STATISTICS_TOLERANCE = 0.0005 + 1e-9;

    static Stream<GdaldemOracle.Row> rows() throws IOException {
        return GdaldemOracle.rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row_matchesGdaldem(GdaldemOracle.Row row) {
        Path input = GdaldemOracle.locate(row.input()).orElse(null);
        Assumptions.assumeTrue(input != null, () -> "input " + row.input() + " is not in the shared data folder "
                + TestData.root() + " (neither at that path nor as raster/" + Path.of(row.input()).getFileName() + ")");
        Dem dem = Dem.read(input);
        TerrainOperation operation = TerrainOperations.parse(row.mode(), row.options());
        float[] out = dem.computed(operation);

        int checksum = Outputs.checksum(out, dem.width(), dem.height(), operation.outputType(), operation.outputNoData());
        double[] stats = Outputs.statistics(out, operation.outputNoData());
        assertAll(
                () -> assertEquals(row.width() + "x" + row.height(), dem.width() + "x" + dem.height(), "size"),
                () -> assertEquals(row.noData(), noDataText(operation), "output nodata"),
                () -> assertEquals(row.checksum(), checksum, "checksum"),
                () -> assertEquals(row.min(), stats[0], STATISTICS_TOLERANCE, "min"),
                () -> assertEquals(row.max(), stats[1], STATISTICS_TOLERANCE, "max"),
                () -> assertEquals(row.mean(), stats[2], STATISTICS_TOLERANCE, "mean"));
    }

    private static String noDataText(TerrainOperation operation) {
        return operation.outputNoData().isPresent() ? String.valueOf((long) operation.outputNoData().getAsDouble()) : "";
    }
}
