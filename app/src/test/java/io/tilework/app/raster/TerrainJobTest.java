package io.tilework.app.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.Tilework;
import io.tilework.engine.CancellationToken;
import io.tilework.engine.Engine;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameters;
import io.tilework.engine.job.Jobs;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.Window;
import io.tilework.raster.RasterWriter;
import io.tilework.raster.TerrainProduct;
import io.tilework.testkit.TestData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("job raster.terrain: the command's output, on the engine it is given, cached, stopped by an interrupt")
class TerrainJobTest {

    private static final Path DEM = TestData.raster("srtm_bigtujunga30m_utm11.tif");

    @TempDir
    Path dir;

    @Test
    @DisplayName("slope with gdaldem options: the job's pixels equal the command's; a second run reads every tile from the cache")
    void equalsCommand_andReadsCache() throws Exception {
        Path byCommand = dir.resolve("command.tif");
        var err = new StringWriter();
        var command = Tilework.commandLine(io.tilework.app.CommandRun.TEST_LOG);
        command.setOut(new PrintWriter(new StringWriter(), true));
        command.setErr(new PrintWriter(err, true));
        assertEquals(0, command.execute("raster", "slope", DEM.toString(), byCommand.toString(), "-compute_edges", "-p", "-s", "2",
                "--tile", "256", "--quiet"), err.toString());

        Path cache = dir.resolve("cache");
        var progress = new ArrayList<String>();
        var first = (TerrainProduct.Result) run(Map.of("mode", "slope", "inputs", List.of(DEM.toString()),
                "output", dir.resolve("job.tif").toString(), "cache", cache.toString(), "tile", 256,
                "gdaldem", Map.of("compute_edges", true, "p", "true", "s", 2)), progress, CancellationToken.NONE);
        assertArrayEquals(pixels(byCommand), pixels(dir.resolve("job.tif")));
        assertEquals(0, first.cacheHits());
        assertEquals(15, first.cacheMisses(), "tiles of 256 over 1,171 x 797 pixels... " + first);
        assertEquals("15/15 tiles", progress.getLast());

        // another output format: not a reused output, every tile from the cache
        var second = (TerrainProduct.Result) run(Map.of("mode", "slope", "inputs", List.of(DEM.toString()),
                "output", dir.resolve("job-cog.tif").toString(), "cache", cache.toString(), "tile", 256, "cog", true,
                "gdaldem", Map.of("compute_edges", true, "p", "true", "s", 2)), new ArrayList<>(), CancellationToken.NONE);
        assertEquals(RasterWriter.Written.WRITTEN, second.written());
        assertEquals(15, second.cacheHits());
        assertEquals(0, second.cacheMisses());
        assertArrayEquals(pixels(byCommand), pixels(dir.resolve("job-cog.tif")));
    }

    @Test
    @DisplayName("an interrupted job thread stops between tiles and writes no output; a cancelled token too")
    void interruptedOrCancelled_stops() {
        Path out = dir.resolve("stopped.tif");
        var parameters = Map.<String, Object>of("mode", "hillshade", "inputs", List.of(DEM.toString()), "output", out.toString(), "tile", 128);
        var updates = new ArrayList<String>();
        try {
            Exception thrown = assertThrows(Exception.class, () -> run(parameters, new ArrayList<>() {
                @Override
                public boolean add(String update) {
                    Thread.currentThread().interrupt(); // as the server does to cancel the job's thread
                    updates.add(update);
                    return true;
                }
            }, CancellationToken.NONE));
            assertTrue(thrown.getMessage().contains("interrupted"), thrown.toString());
        } finally {
            Thread.interrupted(); // clear it for the next test
        }
        assertEquals(1, updates.size(), "stopped at the next tile: " + updates);
        assertFalse(Files.exists(out));

        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        assertThrows(java.util.concurrent.CancellationException.class, () -> run(parameters, new ArrayList<>() {
            @Override
            public boolean add(String update) {
                cancelled.set(true);
                return true;
            }
        }, cancelled::get));
        assertFalse(Files.exists(out));
    }

    @SuppressWarnings("unchecked")
    private static Object run(Map<String, ?> parameters, List<String> progress, CancellationToken cancellation) throws Exception {
        Job<Object> job = (Job<Object>) Jobs.discover().get("raster.terrain");
        Object bound = JobParameters.bind(parameters, job.parametersType());
        // the engine is the caller's, as the server builds one per run; the job leaves it open
        try (Engine engine = Engine.builder().build()) {
            return job.run(new JobContext(engine, (done, total, message) -> progress.add(done + "/" + total + " " + message), cancellation), bound);
        }
    }

    private static float[] pixels(Path file) {
        try (RasterDataset dataset = RasterDataset.open(file)) {
            float[] values = new float[dataset.width() * dataset.height()];
            dataset.read(new Window(0, 0, dataset.width(), dataset.height()), 1, DataType.FLOAT32, values);
            return values;
        }
    }
}
