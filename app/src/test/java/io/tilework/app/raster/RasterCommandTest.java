package io.tilework.app.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.Tilework;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework raster: gdaldem's answers, a cache that works, clear errors")
class RasterCommandTest {

    private static final Path DEM = TestData.raster("srtm_bigtujunga30m_utm11.tif");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var command = Tilework.commandLine(io.tilework.app.CommandRun.TEST_LOG);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static int checksum(Path file) {
        return GdalTools.gdalinfo(file.toString(), "-checksum").path("bands").get(0).path("checksum").asInt();
    }

    @Test
    @DisplayName("hillshade with options equals gdaldem run here; a second run reads every tile from the cache, the same output again is linked")
    void hillshade_equalsGdaldem_andCaches() {
        Path expected = dir.resolve("gdaldem.tif");
        GdalTools.run("gdaldem", "hillshade", "-q", "-compute_edges", "-z", "2", "-az", "270", DEM.toString(), expected.toString());
        Path cache = dir.resolve("cache");
        Path out = dir.resolve("shade.tif");
        Run first = run("raster", "hillshade", DEM.toString(), out.toString(), "-compute_edges", "-z", "2", "-az", "270",
                "--tile", "256", "--cache", cache.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
        assertEquals(checksum(expected), checksum(out));
        assertTrue(first.out().contains("0 tiles read, 15 computed"), first.out());
        Run second = run("raster", "hillshade", DEM.toString(), out.toString(), "-compute_edges", "-z", "2", "-az", "270",
                "--tile", "256", "--cache", cache.toString(), "--cog");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("15 tiles read, 0 computed"), second.out());
        assertTrue(second.err().contains("15/15 tiles"), "progress: " + second.err());
        assertEquals(checksum(expected), checksum(out));
        Path again = dir.resolve("shade-again.tif");
        Run third = run("raster", "hillshade", DEM.toString(), again.toString(), "-compute_edges", "-z", "2", "-az", "270",
                "--tile", "256", "--cache", cache.toString(), "--quiet");
        assertEquals(0, third.exit(), third.err());
        assertTrue(third.out().contains("the same output reused (hard link), 0 tiles read, 0 computed"), third.out());
        assertEquals(checksum(expected), checksum(again));
    }

    @Test
    @DisplayName("uncompressed by default like gdaldem; -co creation options reach the GeoTIFF; bad ones are explained")
    void creationOptions() {
        Path plain = dir.resolve("plain.tif");
        Run none = run("raster", "slope", DEM.toString(), plain.toString(), "--quiet");
        assertEquals(0, none.exit(), none.err());
        var metadata = GdalTools.gdalinfo(plain.toString()).path("metadata").path("IMAGE_STRUCTURE");
        assertTrue(metadata.path("COMPRESSION").isMissingNode(), "uncompressed by default, like gdaldem: " + metadata);
        Path packed = dir.resolve("packed.tif");
        Run deflate = run("raster", "slope", DEM.toString(), packed.toString(), "-co", "compress=deflate", "-co", "predictor=3",
                "-co", "ZLEVEL=1", "--quiet");
        assertEquals(0, deflate.exit(), deflate.err());
        metadata = GdalTools.gdalinfo(packed.toString()).path("metadata").path("IMAGE_STRUCTURE");
        assertEquals("DEFLATE", metadata.path("COMPRESSION").asText(), metadata.toString());
        assertEquals("3", metadata.path("PREDICTOR").asText(), metadata.toString());
        assertEquals(checksum(plain), checksum(packed), "same pixels");
        Run bad = run("raster", "slope", DEM.toString(), dir.resolve("o.tif").toString(), "-co", "BLOCKXSIZE=256");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("BLOCKXSIZE") && bad.err().contains("tile size"), bad.err());
        Run noValue = run("raster", "slope", DEM.toString(), dir.resolve("o.tif").toString(), "-co", "COMPRESS");
        assertEquals(2, noValue.exit());
        assertTrue(noValue.err().contains("NAME=VALUE"), noValue.err());
    }

    @Test
    @DisplayName("a --cache folder holding another raster's tiles: exit 1, one line naming the folder and the input")
    void cacheOfAnotherRaster_namesTheFolderAndTheInput() {
        Path cache = dir.resolve("cache");
        Run first = run("raster", "slope", DEM.toString(), dir.resolve("a.tif").toString(), "--cache", cache.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
        Path other = TestData.raster("storml_elev_orig.tif");
        Run second = run("raster", "slope", other.toString(), dir.resolve("b.tif").toString(), "--cache", cache.toString(), "--quiet");
        assertEquals(1, second.exit(), second.err());
        assertEquals(1, second.err().lines().count(), second.err());
        assertTrue(second.err().contains(cache.toString()) && second.err().contains(other.toString()), second.err());
    }

    @Test
    @DisplayName("bad input: a missing file, an option of another mode, a wrong number of files")
    void badInput_isExplained() {
        Run missing = run("raster", "slope", dir.resolve("nope.tif").toString(), dir.resolve("o.tif").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.tif: no such file"), missing.err());
        Run wrongOption = run("raster", "slope", DEM.toString(), dir.resolve("o.tif").toString(), "-z", "2");
        assertEquals(1, wrongOption.exit());
        assertTrue(wrongOption.err().contains("-z"), wrongOption.err());
        Run files = run("raster", "ndvi", DEM.toString(), dir.resolve("o.tif").toString());
        assertEquals(2, files.exit());
        assertTrue(files.err().contains("takes 2 input files"), files.err());
    }
}
