package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.ResultStream;
import io.tilework.raster.footprint.Footprint;
import io.tilework.testkit.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module README's example, as written there, checked against the same formula over the whole file. */
@DisplayName("raster/README.md: the DSM -> slope pipeline feeding tiles to a consumer works as shown")
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void dsmToSlope_feedsEveryTileInOrder() {
        Path dsmFile = TestData.raster("srtm_bigtujunga30m_utm11.tif");
        List<Tile> trained = new ArrayList<>();
        Footprint whole;
        Tile all;
        try (RasterSession session = RasterSession.create()) {
            FileRaster dsm = session.open(dsmFile);
            double xres = dsm.footprint().geoTransform().pixelWidth();
            Recipe slope = session.recipe("slope", 1)
                    .parameters("horn;degrees")
                    .input("dsm", dsm, f -> f.dilate(1))
                    .noData(-9999)
                    .cache(dir.resolve("cache/slope"))
                    .compute(tile -> {
                        Tile in = tile.input("dsm");
                        int w = tile.footprint().width(), h = tile.footprint().height();
                        float[] out = new float[w * h];
                        for (int y = 0; y < h; y++) {
                            for (int x = 0; x < w; x++) {
                                double dx = (in.get(0, x + 2, y + 1) - in.get(0, x, y + 1)) / (2 * xres);
                                double dy = (in.get(0, x + 1, y + 2) - in.get(0, x + 1, y)) / (2 * xres);
                                out[y * w + x] = (float) Math.toDegrees(Math.atan(Math.hypot(dx, dy)));
                            }
                        }
                        return new float[][] {out};
                    });
            List<Footprint> batches = slope.footprint().tile(256).tiles();
            try (ResultStream<Tile> tiles = slope.queue(batches, 8)) {
                while (tiles.hasNext()) {
                    trained.add(tiles.next()); // the README's model.train(...)
                }
            }
            assertEquals(batches.size(), trained.size());
            for (int i = 0; i < batches.size(); i++) {
                assertEquals(batches.get(i), trained.get(i).footprint(), "tile " + i + " in request order");
            }
            whole = dsm.footprint();
            all = dsm.get(whole.dilate(1));
            double xresAgain = xres;
            // the same formula over the whole file (with the same nodata padding outside it)
            int checked = 0;
            for (Tile tile : trained) {
                var at = tile.footprint().sliceIn(whole);
                for (int y = 0; y < tile.height(); y++) {
                    for (int x = 0; x < tile.width(); x++) {
                        if (at.x() + x >= whole.width() || at.y() + y >= whole.height()) {
                            // tile(256) extends the last tiles past the raster: nodata there
                            assertEquals(-9999f, tile.get(0, x, y), "outside at " + (at.x() + x) + "," + (at.y() + y));
                            continue;
                        }
                        int gx = at.x() + x + 1, gy = at.y() + y + 1;
                        double dx = (all.get(0, gx + 1, gy) - all.get(0, gx - 1, gy)) / (2 * xresAgain);
                        double dy = (all.get(0, gx, gy + 1) - all.get(0, gx, gy - 1)) / (2 * xresAgain);
                        float expected = (float) Math.toDegrees(Math.atan(Math.hypot(dx, dy)));
                        assertEquals(expected, tile.get(0, x, y), 0f, "pixel " + (at.x() + x) + "," + (at.y() + y));
                        checked++;
                    }
                }
            }
            assertEquals(whole.pixelCount(), checked);
            assertTrue(slope.footprint().pixelCount() > 700_000);
        }
    }
}
