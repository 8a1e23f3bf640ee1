package io.tilework.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared real test data ({@code ../shared/data} beside the repository, see its
 * SOURCES.md) or the folder named by {@code TILEWORK_TEST_DATA}.
 */
public final class TestData {

    public static final String VARIABLE = "TILEWORK_TEST_DATA";
    private static final Path ROOT = locate();

    private TestData() {
    }

    /** The data folder (the one holding SOURCES.md). */
    public static Path root() {
        return ROOT;
    }

    /** A file under {@code raster/}. */
    public static Path raster(String name) {
        return existing(ROOT.resolve("raster").resolve(name));
    }

    /** A file or folder under {@code s57/}. */
    public static Path s57(String relative) {
        return existing(ROOT.resolve("s57").resolve(relative));
    }

    /** A file or folder under {@code oracles/}. */
    public static Path oracle(String relative) {
        return existing(ROOT.resolve("oracles").resolve(relative));
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("test data file " + path + " is missing from " + ROOT);
        }
        return path;
    }

    private static Path locate() {
        String configured = System.getenv(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(root.resolve("SOURCES.md"))) {
                throw new IllegalStateException(VARIABLE + "=" + configured + " does not hold the shared test data "
                        + "(no SOURCES.md there)");
            }
            return root;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared test data not found: expected ../shared/data beside the repository "
                + "(with SOURCES.md), or set " + VARIABLE + " to its path");
    }
}
