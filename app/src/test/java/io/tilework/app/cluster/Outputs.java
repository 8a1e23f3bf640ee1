package io.tilework.app.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Comparisons of a clustered run's outputs with the embedded run's. */
final class Outputs {

    private Outputs() {
    }

    static void assertSameBytes(Path expected, Path actual) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), actual + " differs from " + expected);
    }

    /** The same files, by relative name, each byte-identical. */
    static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> names = relativeFiles(expected);
        assertFalse(names.isEmpty(), "nothing in " + expected);
        assertEquals(names, relativeFiles(actual), "the files of " + actual);
        for (Path name : names) {
            assertSameBytes(expected.resolve(name), actual.resolve(name));
        }
    }

    /** The same tiles in the MBTiles, the same features in the GeoPackage. */
    static void assertSameProduct(Path expected, Path actual) throws Exception {
        assertEquals(rows(only(expected, ".mbtiles"), "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles ORDER BY 1, 2, 3"),
                rows(only(actual, ".mbtiles"), "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles ORDER BY 1, 2, 3"), "MBTiles tiles");
        Path gpkg = only(expected, ".gpkg");
        for (String table : rows(gpkg, "SELECT table_name FROM gpkg_contents ORDER BY 1")) {
            String query = "SELECT * FROM \"" + table + "\" ORDER BY 1";
            assertEquals(rows(gpkg, query), rows(only(actual, ".gpkg"), query), "GeoPackage table " + table);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static Path only(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one " + suffix + " in " + folder + ": " + found);
            return found.get(0);
        }
    }

    /** Each row as text, blobs by their SHA-256. */
    private static List<String> rows(Path database, String query) throws SQLException {
        var rows = new ArrayList<String>();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             var statement = connection.createStatement();
             var result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.append(i > 1 ? "|" : "").append(value instanceof byte[] bytes ? sha256(bytes) : String.valueOf(value));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
