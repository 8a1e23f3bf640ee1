package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("every row of oracles/gdaldem_checksums.csv: same checksum, min, max and mean as gdaldem 3.6.2")
class GdaldemOracleTest {

    /** The CSV prints statistics to 3 decimals. */
    private static final double STATISTICS_TOLERANCE = 0.0005 + 1e-9;

    record Row(int line, String input, String mode, String options, int width, int height, int checksum,
               double min, double max, double mean, String noData) {

        @Override
        public String toString() {
            return "line " + line + ": " + Path.of(input).getFileName() + " " + mode
                    + (options.isEmpty() ? "" : " " + options);
        }
    }

    static Stream<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(TestData.oracle("gdaldem_checksums.csv"));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = csvFields(lines.get(i));
            if (f.size() != 10) {
                throw new IllegalStateException("gdaldem_checksums.csv line " + (i + 1) + " has " + f.size()
                        + " fields, expected 10: " + lines.get(i));
            }
            rows.add(new Row(i + 1, f.get(0), f.get(1), f.get(2), Integer.parseInt(f.get(3)), Integer.parseInt(f.get(4)),
                    Integer.parseInt(f.get(5)), Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7)),
                    Double.parseDouble(f.get(8)), f.get(9)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row_matchesGdaldem(Row row) {
        Path input = locate(row.input()).orElse(null);
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

    /**
     * The CSV names inputs by the folders they came from (raster/debian/r-cran-stars/...); the
     * shared folder keeps them flat under raster/.
     */
    private static Optional<Path> locate(String input) {
        Path exact = TestData.root().resolve(input);
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        Path flat = TestData.root().resolve("raster").resolve(Path.of(input).getFileName().toString());
        return Files.isRegularFile(flat) ? Optional.of(flat) : Optional.empty();
    }

    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
