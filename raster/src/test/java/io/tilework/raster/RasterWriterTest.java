package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.TaskFailedException;
import io.tilework.raster.cache.OutputCache;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("writing rasters to GeoTIFF and COG, tile by tile")
class RasterWriterTest {

    private static final Path RGB = TestData.raster("RGB.byte.tif");

    @TempDir
    Path dir;

    @Test
    @DisplayName("a recipe streamed into a GeoTIFF and a COG has the source's checksums, CRS and geotransform")
    void recipe_isWrittenExactly() throws Exception {
        try (RasterSession session = RasterSession.create()) {
            FileRaster rgb = session.open(RGB);
            Recipe copy = session.recipe("test.copy", 1).bands(3).dataType(rgb.dataType()).noData(0).input("rgb", rgb)
                    .computationTiles(200).compute(request -> request.input("rgb").floats());
            var progress = new AtomicInteger();
            RasterWriter.geoTiff().write(copy, dir.resolve("copy.tif"), (done, total) -> progress.set(done * 1000 + total));
            RasterWriter.cog().write(copy, dir.resolve("copy-cog.tif"), (done, total) -> { });
            assertEquals(4 * 1000 + 4, progress.get(), "progress after each of the 4 tiles of 512");
            var source = GdalTools.gdalinfo(RGB.toString(), "-checksum");
            for (String written : new String[] {"copy.tif", "copy-cog.tif"}) {
                var info = GdalTools.gdalinfo(dir.resolve(written).toString(), "-checksum");
                for (int band = 0; band < 3; band++) {
                    assertEquals(source.path("bands").get(band).path("checksum").asInt(),
                            info.path("bands").get(band).path("checksum").asInt(), written + " band " + (band + 1));
                }
                assertEquals(source.path("geoTransform").toString(), info.path("geoTransform").toString());
                assertEquals(source.path("coordinateSystem").path("wkt").asText(), info.path("coordinateSystem").path("wkt").asText());
            }
            assertTrue(GdalTools.gdalinfo(dir.resolve("copy-cog.tif").toString()).path("metadata").toString().contains("COG"));
        }
    }

    @Test
    @DisplayName("a failure while writing leaves no file behind")
    void failure_leavesNothing() throws Exception {
        try (RasterSession session = RasterSession.create()) {
            FileRaster rgb = session.open(RGB);
            Recipe broken = session.recipe("test.broken", 1).input("rgb", rgb).computationTiles(256)
                    .compute(request -> {
                        throw new IllegalStateException("no");
                    });
            assertThrows(TaskFailedException.class, () -> RasterWriter.geoTiff().write(broken, dir.resolve("out.tif"), (d, t) -> { }));
            try (var files = Files.list(dir)) {
                assertFalse(files.findAny().isPresent(), "no partial output");
            }
        }
    }

    @Test
    @DisplayName("with an output cache, writing the same raster again links the kept file: no tile computed, same bytes")
    void sameOutputAgain_isLinkedFromTheOutputCache() throws Exception {
        Path cache = dir.resolve("cache");
        var computed = new AtomicInteger();
        try (RasterSession session = RasterSession.create()) {
            FileRaster rgb = session.open(RGB);
            Recipe copy = session.recipe("test.copy", 1).bands(3).dataType(rgb.dataType()).noData(0).input("rgb", rgb)
                    .computationTiles(256).compute(request -> {
                        computed.incrementAndGet();
                        return request.input("rgb").floats();
                    });
            RasterWriter writer = RasterWriter.geoTiff().reuseOutputs(OutputCache.in(cache, false));
            Path first = dir.resolve("first.tif");
            assertEquals(RasterWriter.Written.WRITTEN, writer.write(copy, first, (d, t) -> { }));
            int afterFirst = computed.get();
            assertTrue(afterFirst > 0);

            Path second = dir.resolve("second.tif");
            var progress = new AtomicInteger();
            assertEquals(RasterWriter.Written.REUSED, writer.write(copy, second, (done, total) -> progress.set(done * 1000 + total)));
            assertEquals(afterFirst, computed.get(), "nothing computed for the reused output");
            assertEquals(4 * 1000 + 4, progress.get(), "progress says done");
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));

            // other options: another output, written from the tiles
            Path deflate = dir.resolve("deflate.tif");
            RasterWriter compressed = writer.options(writer.options().compress("DEFLATE"));
            assertEquals(RasterWriter.Written.WRITTEN, compressed.write(copy, deflate, (d, t) -> { }));
            assertEquals(GdalTools.gdalinfo(first.toString(), "-checksum").path("bands").toString(),
                    GdalTools.gdalinfo(deflate.toString(), "-checksum").path("bands").toString());

            // overwrite: nothing reused, the new file kept
            RasterWriter overwriting = RasterWriter.geoTiff().reuseOutputs(OutputCache.in(cache, true));
            assertEquals(RasterWriter.Written.WRITTEN, overwriting.write(copy, dir.resolve("third.tif"), (d, t) -> { }));
            assertEquals(RasterWriter.Written.REUSED, writer.write(copy, dir.resolve("fourth.tif"), (d, t) -> { }));
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(dir.resolve("fourth.tif")));
        }
    }

    @Test
    @DisplayName("an output edited in place after it was kept is never served: the next write recomputes it")
    void editedOutput_isNotReused() throws Exception {
        Path cache = dir.resolve("cache");
        try (RasterSession session = RasterSession.create()) {
            FileRaster rgb = session.open(RGB);
            RasterWriter writer = RasterWriter.geoTiff().reuseOutputs(OutputCache.in(cache, false));
            Path out = dir.resolve("out.tif");
            assertEquals(RasterWriter.Written.WRITTEN, writer.write(rgb, out, (d, t) -> { }));
            byte[] original = Files.readAllBytes(out);
            // gdal_edit-style change in place: same file (so the kept link sees it), new content
            GdalTools.run("gdal_edit.py", "-mo", "EDITED=yes", out.toString());
            Path again = dir.resolve("again.tif");
            assertEquals(RasterWriter.Written.WRITTEN, writer.write(rgb, again, (d, t) -> { }));
            assertArrayEquals(original, Files.readAllBytes(again), "written afresh, without the edit");
            assertEquals(RasterWriter.Written.REUSED, writer.write(rgb, dir.resolve("third.tif"), (d, t) -> { }));
        }
    }
}
