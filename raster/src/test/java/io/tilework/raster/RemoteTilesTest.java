package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Engine;
import io.tilework.engine.Task;
import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.SerializingPool;
import io.tilework.engine.pool.TaskDescriptor;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.Window;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.terrain.Ndvi;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terrain and NDVI tiles that leave the JVM: with a {@link SerializingPool} as the "cpu" pool,
 * every computation tile travels as a "raster.tile" descriptor (serialised, deserialised, run by
 * the functions found with ServiceLoader, which rebuild the recipe from its files), and the files
 * written are the embedded run's, byte for byte, and gdaldem's pixel for pixel.
 */
@DisplayName("raster tiles computed from their descriptors alone equal the embedded run")
class RemoteTilesTest {

    private static final Path DEM = TestData.raster("srtm_bigtujunga30m_utm11.tif"); // 1197 x 643, Int16
    private static final int TILE = 128; // 10 x 6 tiles
    private static final int TILES = 60;

    @TempDir
    Path dir;

    /** The discovered functions, each run counted: proof that tiles went through their descriptors. */
    private static final class CountingRegistry {
        final AtomicInteger runs = new AtomicInteger();
        final FunctionRegistry registry = new FunctionRegistry();

        CountingRegistry() {
            FunctionRegistry discovered = FunctionRegistry.discover();
            assertTrue(discovered.names().contains(RasterFunctions.TILE), "ServiceLoader finds " + RasterFunctions.TILE
                    + ": " + discovered.names());
            for (String name : discovered.names()) {
                registry.register(name, (parameters, inputs) -> {
                    runs.incrementAndGet();
                    return discovered.run(new TaskDescriptor(name, parameters, inputs));
                });
            }
        }

        RasterSession session() {
            return RasterSession.create(Engine.builder().pool(new SerializingPool("cpu", 2, registry)));
        }
    }

    @Test
    @DisplayName("slope: every tile a descriptor, the GeoTIFF identical to the embedded run's and equal to gdaldem's")
    void slope_remoteEqualsEmbeddedAndGdaldem() throws Exception {
        Function<RasterSession, Recipe> slope = session -> TerrainRecipes.terrain(session, session.open(DEM), "slope",
                List.of(), TILE, null, false);
        Path embedded = dir.resolve("embedded.tif");
        Path remote = dir.resolve("remote.tif");
        try (RasterSession session = RasterSession.create()) {
            write(slope.apply(session), embedded);
        }
        var counting = new CountingRegistry();
        try (RasterSession session = counting.session()) {
            assertEquals(TILES, write(slope.apply(session), remote), "progress counts every tile on the coordinator");
        }
        assertEquals(TILES, counting.runs.get(), "one descriptor run per tile");
        assertEquals(-1, Files.mismatch(embedded, remote), "the remote run's file is the embedded run's, byte for byte");
        assertSameBits(gdaldem(DEM, "slope"), read(remote));
    }

    @Test
    @DisplayName("hillshade with options: gdaldem's options travel in the descriptor; identical to embedded and gdaldem")
    void hillshadeWithOptions_remoteEqualsEmbeddedAndGdaldem() throws Exception {
        List<String> options = List.of("-z", "2", "-az", "270", "-alt", "30", "-compute_edges");
        Function<RasterSession, Recipe> shade = session -> TerrainRecipes.terrain(session, session.open(DEM), "hillshade",
                options, TILE, null, false);
        Path embedded = dir.resolve("embedded.tif");
        Path remote = dir.resolve("remote.tif");
        try (RasterSession session = RasterSession.create()) {
            write(shade.apply(session), embedded);
        }
        var counting = new CountingRegistry();
        try (RasterSession session = counting.session()) {
            write(shade.apply(session), remote);
        }
        assertEquals(TILES, counting.runs.get());
        assertEquals(-1, Files.mismatch(embedded, remote));
        // gdaldem's hillshade follows the CPU's inverse square root estimate; ours is AMD's
        Assumptions.assumeTrue(cpuVendor().equals("AuthenticAMD"), "hillshade equals gdaldem's only where gdaldem runs on AMD");
        assertSameBits(gdaldem(DEM, "hillshade", options.toArray(String[]::new)), read(remote));
    }

    @Test
    @DisplayName("NDVI of two files: identical to the embedded run and to NDVI over the whole files")
    void ndvi_remoteEqualsEmbeddedAndWholeFiles() throws Exception {
        Path red = TestData.raster("sr_b4_20200829.tif");
        Path nir = TestData.raster("sr_b5_20200829.tif"); // 149 x 112: 3 x 2 tiles of 64
        Function<RasterSession, Recipe> ndvi = session -> TerrainRecipes.ndvi(session, session.open(red), session.open(nir), 64,
                null, false);
        Path embedded = dir.resolve("embedded.tif");
        Path remote = dir.resolve("remote.tif");
        try (RasterSession session = RasterSession.create()) {
            write(ndvi.apply(session), embedded);
        }
        var counting = new CountingRegistry();
        try (RasterSession session = counting.session()) {
            write(ndvi.apply(session), remote);
        }
        assertEquals(6, counting.runs.get());
        assertEquals(-1, Files.mismatch(embedded, remote));
        try (RasterDataset b4 = RasterDataset.open(red); RasterDataset b5 = RasterDataset.open(nir)) {
            float[] whole = new float[b4.width() * b4.height()];
            Ndvi.of(b4.band(1).noData(), b5.band(1).noData()).apply(read(red), read(nir), whole);
            assertSameBits(whole, read(remote));
        }
    }

    @Test
    @DisplayName("a --cache filled by remote tiles serves an embedded run wholly, and the other way round")
    void cacheKeys_areTheSameRemoteOrEmbedded() throws Exception {
        Path cache = dir.resolve("cache");
        Path dem = Files.copy(DEM, dir.resolve("dem.tif"));
        Function<RasterSession, Recipe> slope = session -> TerrainRecipes.terrain(session, session.open(dem), "slope",
                List.of("-p"), TILE, cache, false);
        var counting = new CountingRegistry();
        try (RasterSession session = counting.session()) {
            write(slope.apply(session), dir.resolve("remote.tif"));
            assertEquals(TILES, session.cacheMisses());
        }
        assertEquals(TILES, counting.runs.get());
        try (RasterSession session = RasterSession.create()) {
            write(slope.apply(session), dir.resolve("embedded.tif"));
            assertEquals(TILES, session.cacheHits(), "every tile computed remotely is read back embedded");
            assertEquals(0, session.cacheMisses());
        }
        assertEquals(-1, Files.mismatch(dir.resolve("embedded.tif"), dir.resolve("remote.tif")));

        Path otherCache = dir.resolve("cache2");
        try (RasterSession session = RasterSession.create()) {
            write(TerrainRecipes.terrain(session, session.open(dem), "aspect", List.of(), TILE, otherCache, false),
                    dir.resolve("aspect-embedded.tif"));
        }
        try (RasterSession session = counting.session()) {
            write(TerrainRecipes.terrain(session, session.open(dem), "aspect", List.of(), TILE, otherCache, false),
                    dir.resolve("aspect-remote.tif"));
            assertEquals(TILES, session.cacheHits(), "every tile computed embedded is read back remotely");
        }
        assertEquals(TILES, counting.runs.get(), "no descriptor ran for cached tiles");
        assertEquals(-1, Files.mismatch(dir.resolve("aspect-embedded.tif"), dir.resolve("aspect-remote.tif")));
    }

    @Test
    @DisplayName("embedded tiles keep their input tasks and have no descriptor; remote ones are self-contained")
    void embeddedTasksAreUnchanged_remoteTasksAreSelfContained() {
        try (RasterSession session = RasterSession.create()) {
            Recipe slope = TerrainRecipes.terrain(session, session.open(DEM), "slope", List.of(), TILE, null, false);
            Task<Tile> task = slope.task(slope.cacheTiles().get(11), slope.allBands());
            assertNull(task.descriptor());
            assertNull(task.codec(), "an uncached computation tile is not encoded embedded");
            assertEquals(1, task.inputs().size(), "the DEM read with its halo");
        }
        try (RasterSession session = new CountingRegistry().session()) {
            Recipe slope = TerrainRecipes.terrain(session, session.open(DEM), "slope", List.of("-s", "2"), TILE, null, false);
            Footprint tile = slope.cacheTiles().get(11); // column 1, row 1
            Task<Tile> task = slope.task(tile, slope.allBands());
            assertNotNull(task.codec());
            assertEquals(List.of(), task.inputs());
            TaskDescriptor descriptor = task.descriptor();
            assertEquals(RasterFunctions.TILE, descriptor.function());
            var expected = new HashMap<String, String>();
            expected.put("recipe", "terrain");
            expected.put("mode", "slope");
            expected.put("options", "2");
            expected.put("options.0", "-s");
            expected.put("options.1", "2");
            expected.put("dem", DEM.toAbsolutePath().normalize().toString());
            expected.put("tile", "128");
            expected.put("identity", slope.identity());
            expected.put("x", "128");
            expected.put("y", "128");
            expected.put("width", "128");
            expected.put("height", "128");
            assertEquals(expected, descriptor.parameters());
        }
    }

    @Test
    @DisplayName("a worker that sees another file, or none, under the coordinator's path refuses the tile and says why")
    void workerRefusesOtherFiles() throws Exception {
        Path dem = Files.copy(DEM, dir.resolve("dem.tif"));
        var counting = new CountingRegistry();
        TaskDescriptor descriptor;
        try (RasterSession session = counting.session()) {
            Recipe slope = TerrainRecipes.terrain(session, session.open(dem), "slope", List.of(), TILE, null, false);
            descriptor = slope.task(slope.cacheTiles().getFirst(), slope.allBands()).descriptor();
        }
        assertEquals(20 + 128 * 128 * 4, counting.registry.run(descriptor).length, "the tile's codec bytes");

        var changed = new HashMap<>(descriptor.parameters());
        changed.put("identity", descriptor.parameters().get("identity").replace("]", "0]"));
        var refused = assertThrows(IllegalStateException.class,
                () -> counting.registry.run(new TaskDescriptor(descriptor.function(), changed, List.of())));
        assertTrue(refused.getMessage().contains("not the coordinator's") && refused.getMessage().contains(dem.toString()),
                refused.getMessage());

        Files.delete(dem);
        var absent = new HashMap<>(descriptor.parameters());
        absent.put("tile", "256"); // a recipe this worker has not rebuilt yet: it must open the file

        var missing = assertThrows(IllegalStateException.class,
                () -> counting.registry.run(new TaskDescriptor(descriptor.function(), absent, List.of())));
        assertTrue(missing.getMessage().contains("is not a file on this worker"), missing.getMessage());
    }

    /** Writes {@code recipe} to {@code out} as a GeoTIFF in tiles of the recipe's size; returns the progress's last count. */
    private static int write(Recipe recipe, Path out) {
        var done = new AtomicInteger();
        RasterWriter.geoTiff().tileSize(recipe.cacheTiles().getFirst().width()).write(recipe, out, (count, total) -> done.set(count));
        return done.get();
    }

    private float[] gdaldem(Path source, String mode, String... options) {
        Path output = dir.resolve("gdaldem-" + mode + ".tif");
        var command = new ArrayList<>(List.of("gdaldem", mode, source.toString(), output.toString(), "-q"));
        command.addAll(List.of(options));
        GdalTools.run(command.toArray(String[]::new));
        return read(output);
    }

    /** Band 1 as Float32. */
    private static float[] read(Path path) {
        try (RasterDataset dataset = RasterDataset.open(path)) {
            float[] values = new float[dataset.width() * dataset.height()];
            dataset.read(Window.of(dataset.width(), dataset.height()), 1, DataType.FLOAT32, values);
            return values;
        }
    }

    private static void assertSameBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "pixel count");
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                mismatches++;
                first = first < 0 ? i : first;
            }
        }
        int at = first;
        assertEquals(0, mismatches, () -> "pixels differ; first at index " + at + ": expected " + expected[at] + ", got "
                + actual[at]);
    }

    private static String cpuVendor() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("vendor_id")).map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }
}
