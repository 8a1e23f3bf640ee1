package io.tilework.app;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.GdalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code tilework --version} prints: Tilework's version and commit as the build recorded them
 * (a resource Maven fills in), Java's and GDAL's versions.
 *
 * <p>Free of picocli on purpose: {@link Main} answers {@code --version} alone from here
 * without building the command line. Picocli is Java 5 bytecode, which the JVM's ahead-of-time
 * cache cannot hold, so its first class costs opening the 20 MB jar and verifying classes the
 * old, slow way; that was most of the answer's time.
 */
public final class BuildVersion {

    /** Written by Maven's resources filtering when the app module is built. */
    static final String BUILD_PROPERTIES = "build.properties";

    private BuildVersion() {
    }

    /** Whether {@code args} ask for the version and nothing else. */
    static boolean askedAlone(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** The lines of {@code tilework --version}. */
    static String[] lines() {
        return new String[] {
            "tilework " + tilework(),
            "Java " + Runtime.version(),
            "GDAL " + gdal()
        };
    }

    /** Prints the lines of {@code tilework --version}. */
    static void print(PrintStream out) {
        for (String line : lines()) {
            out.println(line);
        }
        out.flush();
    }

    /** Tilework's version, e.g. {@code 0.1.0-SNAPSHOT (commit 78a1325)}, as the build recorded it. */
    public static String tilework() {
        Properties build = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_PROPERTIES + " is missing from the build; build with 'make build'");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILD_PROPERTIES + " from the build", e);
        }
        String version = build.getProperty("version", "").strip();
        String commit = build.getProperty("commit", "").strip();
        if (version.isEmpty() || version.startsWith("${")) {
            throw new IllegalStateException(BUILD_PROPERTIES + " was not filled in by the build; build with 'make build'");
        }
        return commit.isEmpty() || commit.startsWith("${") ? version : version + " (commit " + commit + ")";
    }

    /** GDAL's version, or why it cannot be loaded: Tilework's version is worth printing anyway. */
    private static String gdal() {
        try {
            return Gdal.version().toString();
        } catch (GdalException e) {
            return "not loaded: " + e.getMessage();
        }
    }
}
