package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Engine;
import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.SerializingPool;
import io.tilework.engine.pool.TaskDescriptor;
import io.tilework.raster.terrain.GdaldemOracle;
import io.tilework.testkit.GdalTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The terrain recipes computed in tiles of 64 x 64 (partial tiles at the borders, halos read from
 * neighbouring tiles) and written to GeoTIFF through {@link RasterWriter} give gdaldem's
 * checksums from {@code oracles/gdaldem_checksums.csv}: the tiling, the halos, the edges and the
 * writer together change nothing.
 */
@DisplayName("terrain recipes: tiled, cached and written, equal to gdaldem")
class TerrainRecipesTest {

    @TempDir
    Path dir;

    /** Oracle rows whose input is among the shared rasters. */
    static Stream<Arguments> oracleRows() throws IOException {
        var rows = new ArrayList<Arguments>();
        for (GdaldemOracle.Row row : GdaldemOracle.rows()) {
            GdaldemOracle.locate(row.input()).ifPresent(input -> rows.add(Arguments.of(input, row.mode(), row.options(),
                    row.checksum())));
        }
        assertTrue(rows.size() >= 40, "the shared data holds most oracle rows' inputs: " + rows.size());
        return rows.stream();
    }

    @ParameterizedTest(name = "{1} {2} on {0}")
    @MethodSource("oracleRows")
    void tiledRecipe_hasGdaldemChecksum(Path input, String mode, String options, int checksum) {
        Path out = dir.resolve("out.tif");
        try (RasterSession session = RasterSession.create()) {
            List<String> arguments = options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
            Recipe recipe = TerrainRecipes.terrain(session, session.open(input), mode, arguments, 64, dir.resolve("cache"), false);
            RasterWriter.geoTiff().write(recipe, out, (done, total) -> { });
        }
        int actual = GdalTools.gdalinfo(out.toString(), "-checksum").path("bands").get(0).path("checksum").asInt();
        assertEquals(checksum, actual, mode + " " + options + " on " + input.getFileName());
    }

    /**
     * The same with every tile computed from its "raster.tile" descriptor alone (serialised, then
     * run by the functions ServiceLoader finds, as a cluster worker runs it), written in blocks of
     * 256 assembled from the tiles of 64.
     */
    @ParameterizedTest(name = "remote: {1} {2} on {0}")
    @MethodSource("oracleRows")
    void remoteTiles_haveGdaldemChecksum(Path input, String mode, String options, int checksum) {
        Path out = dir.resolve("out.tif");
        var runs = new AtomicInteger();
        var discovered = FunctionRegistry.discover();
        var counting = new FunctionRegistry().register(RasterFunctions.TILE, (parameters, inputs) -> {
            runs.incrementAndGet();
            return discovered.run(new TaskDescriptor(RasterFunctions.TILE, parameters, inputs));
        });
        int tiles;
        try (RasterSession session = RasterSession.create(Engine.builder()
                .pool(new SerializingPool("cpu", 2, counting)))) {
            List<String> arguments = options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
            Recipe recipe = TerrainRecipes.terrain(session, session.open(input), mode, arguments, 64, dir.resolve("cache"), false);
            tiles = recipe.cacheTiles().size();
            RasterWriter.geoTiff().tileSize(256).write(recipe, out, (done, total) -> { });
        }
        assertEquals(tiles, runs.get(), "one descriptor run per tile of 64");
        int actual = GdalTools.gdalinfo(out.toString(), "-checksum").path("bands").get(0).path("checksum").asInt();
        assertEquals(checksum, actual, mode + " " + options + " on " + input.getFileName());
    }
}
