package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.TaskFailedException;
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
                    .computationTiles(200).compute(request -> request.input("rgb").bands());
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
}
