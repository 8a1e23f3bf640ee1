package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pixel-by-pixel comparison with gdaldem itself, run on the same input with the same options,
 * for the options and inputs the oracle file does not cover: compute-edges everywhere, float
 * DEMs with nodata and NaN holes, integers next to their nodata value, very steep terrain.
 */
@DisplayName("every pixel equals gdaldem's, bit for bit, run live on the same input and options")
class GdaldemComparisonTest {

    private static final List<String> INPUTS = List.of("storml_elev.tif", "olinda_dem_utm25s.tif", "elev.tif",
            "byte.tif", "float-holes", "float-nan", "float-nan-undeclared", "int16-near-nodata", "int16-steep");

    private static final Map<String, Function<Path, Path>> SYNTHETIC = Map.of(
            "float-holes", SyntheticDems::floatWithHoles,
            "float-nan", SyntheticDems::floatWithNanHoles,
            "float-nan-undeclared", SyntheticDems::floatWithUndeclaredNan,
            "int16-near-nodata", SyntheticDems::integersNearNoData,
            "int16-steep", SyntheticDems::steepIntegers);

    private static final List<String> OPERATIONS = List.of(
            "slope|", "slope|-compute_edges", "slope|-p -s 2", "slope|-alg ZevenbergenThorne",
            "slope|-alg ZevenbergenThorne -p -compute_edges",
            "aspect|", "aspect|-compute_edges", "aspect|-trigonometric", "aspect|-zero_for_flat",
            "aspect|-zero_for_flat -compute_edges", "aspect|-alg ZevenbergenThorne -trigonometric -compute_edges",
            "hillshade|", "hillshade|-compute_edges", "hillshade|-z 2 -az 270 -alt 30 -compute_edges",
            "hillshade|-s 3 -z 5", "hillshade|-alg ZevenbergenThorne", "hillshade|-alg ZevenbergenThorne -compute_edges",
            "hillshade|-combined", "hillshade|-combined -alg ZevenbergenThorne -compute_edges",
            "hillshade|-multidirectional", "hillshade|-multidirectional -alt 60 -compute_edges",
            "hillshade|-igor", "hillshade|-igor -alg ZevenbergenThorne -az 100 -compute_edges",
            "TRI|", "TRI|-compute_edges", "TRI|-alg Wilson", "TRI|-alg Wilson -compute_edges",
            "TPI|", "TPI|-compute_edges", "roughness|", "roughness|-compute_edges");

    @TempDir
    static Path dir;

    private static final Map<String, Path> FILES = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String input : INPUTS) {
            for (String operation : OPERATIONS) {
                String[] parts = operation.split("\\|", -1);
                cases.add(Arguments.of(input, parts[0], parts[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("cases")
    void everyPixel_equalsGdaldem(String input, String mode, String options) throws IOException {
        // gdaldem's hillshade follows this CPU's inverse square root estimate; ours is AMD's (the oracles')
        Assumptions.assumeTrue(!mode.equals("hillshade") || cpuVendor().equals("AuthenticAMD"),
                "hillshade is compared with gdaldem run here only on AMD CPUs; this one is " + cpuVendor());
        Path source = file(input);
        float[] expected = gdaldem(source, mode, options);
        TerrainOperation operation = TerrainOperations.parse(mode, options);
        float[] actual = Dem.read(source).computed(operation);
        Outputs.assertSameBits("gdaldem", expected, "ours", actual, Dem.read(source).width());
    }

    @Test
    @DisplayName("hillshade uses gdaldem's inverse square root estimate, which a true square root would miss")
    void hillshade_reproducesTheInverseSqrtEstimate() throws IOException {
        Assumptions.assumeTrue(cpuVendor().equals("AuthenticAMD"), "gdaldem's estimate is that of the CPU it runs on; "
                + "the table reproduces AMD's, and this CPU is " + cpuVendor());
        Path witness = SyntheticDems.roundingWitness(dir);
        float gdal = gdaldem(witness, "hillshade", "")[4];
        float ours = Dem.read(witness).computed(Hillshade.defaults())[4];
        assertEquals(202f, gdal, "gdaldem's byte at the centre");
        assertEquals(gdal, ours);
        double exact = 1 + shadeWithTrueSquareRoot(-1342, -1196);
        assertNotEquals(ours, Hillshade.toByte((float) exact), "a true square root gives " + exact);
    }

    /** The default (315 degrees, 45 degrees, z 1) same-resolution shade at 30 m, divided by a true square root. */
    private static double shadeWithTrueSquareRoot(double x, double y) {
        double d2r = Math.PI / 180;
        double zScaled = 1.0 / 8;
        double inverseRes = 1.0 / 30;
        double cosAltitudeZ = Math.cos(45 * d2r) * zScaled;
        double numerator = 254 * Math.sin(45 * d2r) + (x * 254 * Math.sin(315 * d2r) * cosAltitudeZ * inverseRes
                + y * 254 * Math.cos(315 * d2r) * cosAltitudeZ * -inverseRes);
        return numerator / Math.sqrt(1 + zScaled * zScaled * inverseRes * inverseRes * (x * x + y * y));
    }

    private static Path file(String input) {
        return FILES.computeIfAbsent(input, name -> SYNTHETIC.containsKey(name)
                ? SYNTHETIC.get(name).apply(dir) : TestData.raster(name));
    }

    private static float[] gdaldem(Path source, String mode, String options) throws IOException {
        Path output = Files.createTempFile(dir, mode, ".tif");
        List<String> command = new ArrayList<>(List.of("gdaldem", mode, source.toString(), output.toString(), "-q"));
        if (!options.isBlank()) {
            command.addAll(List.of(options.strip().split("\\s+")));
        }
        GdalTools.run(command.toArray(String[]::new));
        try {
            return Outputs.read(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String cpuVendor() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("vendor_id")).map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
