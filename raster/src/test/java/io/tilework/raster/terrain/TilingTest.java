package io.tilework.raster.terrain;

import io.tilework.testkit.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tiles of awkward sizes, each with its halo read from the raster and its border sides flagged
 * (their halo holding garbage), assemble to exactly the whole-raster result.
 */
@DisplayName("tiled results are bit-identical to the whole raster computed as one tile")
class TilingTest {

    private static final List<String> OPERATIONS = List.of(
            "slope|", "slope|-compute_edges", "slope|-alg ZevenbergenThorne -p -compute_edges",
            "aspect|-compute_edges", "aspect|-zero_for_flat",
            "hillshade|", "hillshade|-compute_edges", "hillshade|-combined -compute_edges",
            "hillshade|-multidirectional -compute_edges", "hillshade|-igor -alg ZevenbergenThorne -compute_edges",
            "TRI|", "TRI|-alg Wilson -compute_edges", "TPI|-compute_edges", "roughness|", "roughness|-compute_edges");

    private static final int[][] TILE_SIZES = {{37, 23}, {1, 1}, {5, 64}, {64, 5}, {2, 3}};

    @TempDir
    static Path dir;

    private static final Map<String, Dem> DEMS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String dem : List.of("storml_elev.tif", "olinda_dem_utm25s.tif", "float-holes", "int16-near-nodata")) {
            for (String operation : OPERATIONS) {
                String[] parts = operation.split("\\|", -1);
                cases.add(Arguments.of(dem, parts[0], parts[1]));
            }
        }
        cases.add(Arguments.of("lf_elev_220_mt_hood_utm.tif", "hillshade", "-compute_edges"));
        cases.add(Arguments.of("lf_elev_220_mt_hood_utm.tif", "slope", ""));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("cases")
    void tiles_assembleToTheWholeRaster(String name, String mode, String options) {
        Dem dem = dem(name);
        TerrainOperation operation = TerrainOperations.parse(mode, options);
        float[] whole = dem.computed(operation);
        for (int[] size : TILE_SIZES) {
            if (dem.width() > 500 && size[0] * size[1] < 100) {
                continue;
            }
            float[] tiled = dem.tiled(operation, size[0], size[1]);
            try {
                Outputs.assertSameBits("whole raster", whole, "tiled", tiled, dem.width());
            } catch (AssertionError e) {
                throw new AssertionError("tiles of " + size[0] + " x " + size[1] + ": " + e.getMessage(), e);
            }
        }
    }

    private static Dem dem(String name) {
        return DEMS.computeIfAbsent(name, key -> switch (key) {
            case "float-holes" -> Dem.read(SyntheticDems.floatWithHoles(dir));
            case "int16-near-nodata" -> Dem.read(SyntheticDems.integersNearNoData(dir));
            default -> Dem.read(TestData.raster(key));
        });
    }
}
