package io.tilework.app;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.GdalException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code tilework --version}: Tilework's version and commit as the build recorded them, Java's and
 * GDAL's versions. Reads only the GDAL version (no driver registration) so that it starts fast.
 */
final class Version implements IVersionProvider {

    /** Written by Maven's resources filtering when the app module is built. */
    static final String BUILD_PROPERTIES = "build.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "tilework " + tilework(),
            "Java " + Runtime.version(),
            "GDAL " + gdal()
        };
    }

    /**
     * Whether {@code args} ask for the version and nothing else. {@link Tilework#main} then answers
     * without building the command line: picocli is Java 5 bytecode, which the JVM's
     * ahead-of-time cache cannot hold, and loading it took longer than the rest of the answer.
     */
    static boolean askedAlone(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** Prints what {@code tilework --version} prints. */
    static void print(PrintStream out) {
        for (String line : new Version().getVersion()) {
            out.println(line);
        }
        out.flush();
    }

    /** GDAL's version, or why it cannot be loaded: the version of Tilework is worth printing anyway. */
    private static String gdal() {
        try {
            return Gdal.version().toString();
        } catch (GdalException e) {
            return "not loaded: " + e.getMessage();
        }
    }

    /** Tilework's version, e.g. {@code 0.1.0-SNAPSHOT (commit 78a1325)}, as the build recorded it. */
    static String tilework() {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(BUILD_PROPERTIES)) {
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
}
