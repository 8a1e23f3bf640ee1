package io.tilework.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.app.CommandRun;
import io.tilework.app.raster.TiffIndex;
import io.tilework.engine.io.Leftovers;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.Window;
import io.tilework.gdal.srs.SpatialReference;
import io.tilework.testkit.TestData;
import io.tilework.testkit.fuzz.Boundaries;
import io.tilework.testkit.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code tilework info} and {@code tilework raster slope} on damaged GeoTIFFs: the fuzz target of
 * raster reading through the GDAL binding. Seeds: a 256 x 256 DEM in 64 x 64 LZW tiles cut from
 * a real one, and two real striped DEMs (DEFLATE, uncompressed). Truncations stop at the end of
 * each block the file's index lists. Besides the invariant, GDAL must not take the JVM down: a
 * crash in GDAL ends this test's JVM, and the campaign's inputs are reproduced from its seed.
 */
@DisplayName("fuzz: raster info and slope on damaged GeoTIFFs")
class RasterReadFuzzTest {

    private static Path folder;
    private static Path out;
    private static Path cache;
    private static List<byte[]> seeds;

    @BeforeAll
    static void goodOutputFirst() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-raster");
        out = folder.resolve("out");
        cache = folder.resolve("cache");
        Path tiled = tiledDem(folder.resolve("tiled.tif"));
        seeds = List.of(Files.readAllBytes(tiled), Files.readAllBytes(TestData.raster("storml_elev.tif")),
                Files.readAllBytes(TestData.raster("storml_elev_orig.tif")));
        // earlier outputs: a failed run must leave this slope as it is
        CommandRun first = CommandRun.run("raster", "slope", tiled.toString(), out.resolve("slope.tif").toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Leftovers.deleteTree(folder);
    }

    @Test
    @DisplayName("a fixed-seed campaign: every run exits 0 or 1 with one line naming the file, nothing half-written")
    void campaign() {
        FuzzSettings.run(new FuzzCampaign("raster-read", seeds, RasterReadFuzzTest::blockEnds, RasterReadFuzzTest::check));
        OUTCOMES.forEach((kind, count) -> System.out.println("  " + count + " x " + kind));
    }

    @FuzzTest
    void jazzer(byte[] input) throws IOException {
        check(input);
    }

    static void check(byte[] input) throws IOException {
        Path tif = folder.resolve("dem.tif");
        Files.write(tif, input);
        // A new cache for each input: a damaged header changes the grid, and a cache folder holding another grid's tiles
        // is refused before anything is read (CacheConflict), which would end most runs before the reading this target fuzzes.
        Leftovers.deleteTree(cache);
        count("info", CommandInvariant.holds(tif, out, Set.of(), "info", tif.toString()));
        count("slope", CommandInvariant.holds(tif, out, Set.of(), "raster", "slope", tif.toString(), out.resolve("slope.tif").toString(),
                "--cache", cache.toString(), "--quiet"));
    }

    /** What the runs ended with, by command, exit and kind of message (numbers and the folder left out), for the campaign's summary. */
    private static final Map<String, Integer> OUTCOMES = new ConcurrentSkipListMap<>();

    private static void count(String command, CommandRun run) {
        String kind = run.exit() == 0 ? "done" : run.err().strip().replace(folder.toString(), "").replaceAll("\\d+", "N");
        OUTCOMES.merge(command + ": " + kind.substring(0, Math.min(kind.length(), 160)), 1, Integer::sum);
    }

    /** The ends of the blocks the TIFF's index lists, ascending; fixed pieces when the index cannot be read. */
    static int[] blockEnds(byte[] tiff) {
        try {
            TiffIndex index = TiffIndex.of(tiff);
            return LongStream.range(0, index.offsets().length).map(block -> index.end((int) block))
                    .filter(end -> end > 0 && end <= tiff.length).distinct().sorted().mapToInt(Math::toIntExact).toArray();
        } catch (RuntimeException notATiff) {
            return Boundaries.every(1024).recordEnds(tiff);
        }
    }

    /** 256 x 256 pixels of a real DEM in 64 x 64 tiles, LZW: small, tiled, and compressed so that a changed byte shows. */
    private static Path tiledDem(Path file) {
        int size = 256;
        short[] heights = new short[size * size];
        try (RasterDataset source = RasterDataset.open(TestData.raster("srtm_bigtujunga30m_utm11.tif"));
             RasterDataset tiled = RasterDataset.createGeoTiff(file, new RasterSpec(size, size, 1, DataType.INT16),
                     GeoTiffOptions.defaults().tiled(64, 64).compress("LZW"))) {
            source.read(Window.of(size, size), 1, DataType.INT16, heights);
            tiled.setGeoTransform(source.geoTransform().orElseThrow());
            try (SpatialReference srs = source.spatialReference().orElseThrow()) {
                tiled.setSpatialReference(srs);
            }
            tiled.write(Window.of(size, size), 1, DataType.INT16, heights);
        }
        return file;
    }
}
