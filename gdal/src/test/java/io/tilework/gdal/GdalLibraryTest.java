package io.tilework.gdal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.internal.GdalLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("loading and initialising GDAL")
class GdalLibraryTest {

    @Test
    void loadedVersion_isAtLeastTheMinimumAndMatchesGdalinfo() {
        GdalVersion version = Gdal.initialize();
        assertTrue(version.compareTo(Gdal.MINIMUM_VERSION) >= 0, version.toString());
        String gdalinfo = io.tilework.testkit.GdalTools.run("gdalinfo", "--version");
        assertTrue(gdalinfo.startsWith("GDAL " + version + ","), gdalinfo + " vs " + version);
    }

    @Test
    void initialize_setsTheDeliberateCacheSize() {
        Gdal.initialize();
        if (System.getenv("GDAL_CACHEMAX") == null && System.getenv("TILEWORK_GDAL_CACHEMAX") == null) {
            assertEquals(Gdal.DEFAULT_CACHE_MAX_MIB * 1024L * 1024L, Gdal.cacheMaxBytes());
        }
    }

    @Test
    void configOptions_processWideAndPerThread() throws InterruptedException {
        Gdal.setConfigOption("TILEWORK_TEST_OPTION", "everywhere");
        Gdal.setThreadLocalConfigOption("TILEWORK_TEST_OPTION", "here");
        String[] seenElsewhere = new String[1];
        Thread other = Thread.ofPlatform().start(() -> seenElsewhere[0] = Gdal.configOption("TILEWORK_TEST_OPTION"));
        other.join();
        assertEquals("here", Gdal.configOption("TILEWORK_TEST_OPTION"));
        assertEquals("everywhere", seenElsewhere[0]);
        Gdal.setThreadLocalConfigOption("TILEWORK_TEST_OPTION", null);
        Gdal.setConfigOption("TILEWORK_TEST_OPTION", null);
    }

    @Test
    void versions_parseAndOrder() {
        assertEquals(new GdalVersion(3, 10, 0), GdalVersion.parse("3.10.0dev"));
        assertTrue(GdalVersion.parse("3.10.1").compareTo(GdalVersion.parse("3.9.3")) > 0);
        assertTrue(GdalVersion.parse("3.3.3").compareTo(Gdal.MINIMUM_VERSION) < 0);
    }

    @Test
    @DisplayName("a library that cannot be loaded: a clear message, listing what was tried and how to fix it")
    void missingLibrary_explainsWhatToDo() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var command = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), InitializeAndReport.class.getName());
        command.environment().put(GdalLibrary.LIBRARY_VARIABLE, "/nonexistent/libgdal.so.99");
        Process process = command.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(3, process.exitValue(), output);
        assertTrue(output.contains("cannot load the GDAL library; tried /nonexistent/libgdal.so.99"), output);
        assertTrue(output.contains(GdalLibrary.LIBRARY_VARIABLE), output);
    }

    /** Run in a child JVM by the test above. */
    public static final class InitializeAndReport {
        public static void main(String[] args) {
            try {
                Gdal.initialize();
                System.out.println("loaded");
            } catch (GdalException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
