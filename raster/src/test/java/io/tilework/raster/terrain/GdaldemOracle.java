package io.tilework.raster.terrain;

import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rows of {@code oracles/gdaldem_checksums.csv}, and where their inputs are in the shared data. */
public final class GdaldemOracle {

    private GdaldemOracle() {
    }

    public record Row(int line, String input, String mode, String options, int width, int height, int checksum,
                      double min, double max, double mean, String noData) {

        @Override
        public String toString() {
            return "line " + line + ": " + Path.of(input).getFileName() + " " + mode
                    + (options.isEmpty() ? "" : " " + options);
        }
    }

    public static List<Row> rows() throws IOException {
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
        return rows;
    }

    /**
     * The CSV names inputs by the folders they came from (raster/debian/r-cran-stars/...); the
     * shared folder keeps them flat under raster/.
     */
    public static Optional<Path> locate(String input) {
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
