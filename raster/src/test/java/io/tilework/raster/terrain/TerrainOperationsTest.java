package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.raster.DataType;
import io.tilework.raster.failure.TerrainOptionInvalid;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("gdaldem command lines become terrain operations, or clear errors")
class TerrainOperationsTest {

    @Test
    @DisplayName("options map onto the option records, gdaldem's defaults elsewhere")
    void options_buildRecords() {
        assertAll(
                () -> assertEquals(new Hillshade(Gradient.HORN, 2, 1, 270, 30, Hillshade.Shading.STANDARD, false),
                        TerrainOperations.parse("hillshade", "-z 2 -az 270 -alt 30")),
                () -> assertEquals(Hillshade.defaults().withScale(111120).withShading(Hillshade.Shading.COMBINED)
                        .withGradient(Gradient.ZEVENBERGEN_THORNE).withComputeEdges(true),
                        TerrainOperations.parse("shade", "-s 111120 -combined -alg ZevenbergenThorne -compute_edges")),
                () -> assertEquals(new Slope(Gradient.HORN, true, 111120, true),
                        TerrainOperations.parse("slope", "-p -s 111120 -compute_edges")),
                () -> assertEquals(new Aspect(Gradient.ZEVENBERGEN_THORNE, true, true, false),
                        TerrainOperations.parse("aspect", "-alg ZevenbergenThorne -trigonometric -zero_for_flat")),
                () -> assertEquals(TerrainRuggednessIndex.defaults(), TerrainOperations.parse("TRI", "")),
                () -> assertEquals(TerrainRuggednessIndex.Algorithm.RILEY,
                        ((TerrainRuggednessIndex) TerrainOperations.parse("TRI", "  ")).algorithm(),
                        "gdaldem 3.6's default TRI is Riley's"),
                () -> assertEquals(new TerrainRuggednessIndex(TerrainRuggednessIndex.Algorithm.WILSON, true),
                        TerrainOperations.parse("tri", "-ALG wilson --compute_edges")),
                () -> assertEquals(new TopographicPositionIndex(true), TerrainOperations.parse("TPI", "-compute_edges")),
                () -> assertEquals(Roughness.defaults(), TerrainOperations.parse("roughness", List.of())),
                () -> assertEquals(Hillshade.defaults().withAzimuth(10).withAltitude(20),
                        TerrainOperations.parse("hillshade", "-azimuth 10 -altitude 20")));
    }

    @Test
    @DisplayName("output types and nodata values are gdaldem's")
    void outputs_areGdaldems() {
        assertAll(
                () -> assertEquals(DataType.BYTE, Hillshade.defaults().outputType()),
                () -> assertEquals(OptionalDouble.of(0), Hillshade.defaults().outputNoData()),
                () -> assertEquals(DataType.FLOAT32, Slope.defaults().outputType()),
                () -> assertEquals(OptionalDouble.of(-9999), Slope.defaults().outputNoData()),
                () -> assertEquals(OptionalDouble.of(-9999), Aspect.defaults().outputNoData()),
                () -> assertEquals(OptionalDouble.empty(), Aspect.defaults().withZeroForFlat(true).outputNoData(),
                        "gdaldem sets no nodata for -zero_for_flat"),
                () -> assertEquals(OptionalDouble.of(-9999), TerrainRuggednessIndex.defaults().outputNoData()),
                () -> assertEquals(OptionalDouble.of(-9999), TopographicPositionIndex.defaults().outputNoData()),
                () -> assertEquals(OptionalDouble.of(-9999), Roughness.defaults().outputNoData()));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiterString = " | ", quoteCharacter = '"', textBlock = """
            hillshade | -foo               | unknown option '-foo' for gdaldem hillshade; hillshade accepts -alg <Horn|ZevenbergenThorne>, -z <factor>
            slope     | -z 2               | option -z is not one of gdaldem slope but of hillshade; slope accepts -alg <Horn|ZevenbergenThorne>, -p, -s <scale>, -compute_edges
            aspect    | -p                 | option -p is not one of gdaldem aspect but of slope; aspect accepts
            TPI       | -alg Wilson        | option -alg is not one of gdaldem TPI but of hillshade, slope, aspect, TRI; TPI accepts -compute_edges
            roughness | -b 2               | gdaldem option -b chooses an input band or output file, not the computation
            slope     | -of GTiff          | gdaldem option -of chooses an input band or output file
            hillshade | -z                 | gdaldem hillshade option -z needs a value: -z <factor>
            hillshade | -z steep           | gdaldem hillshade -z needs a finite number, not 'steep'
            hillshade | -alt NaN           | gdaldem hillshade -alt needs a finite number, not 'NaN'
            slope     | -alg Wilson        | gdaldem slope -alg Wilson is not an algorithm; use Horn or ZevenbergenThorne
            TRI       | -alg Horn          | gdaldem TRI -alg Horn is not an algorithm; use Riley or Wilson
            hillshade | -combined -igor    | gdaldem hillshade takes at most one of -combined, -multidirectional and -igor, not -combined and -igor
            hillshade | -multidirectional -az 200 | gdaldem hillshade -multidirectional lights from four fixed azimuths
            hillshade | -igor -alt 30      | gdaldem hillshade -igor does not use a light altitude
            slope     | -s 0               | slope scale must be positive and finite: 0.0
            hillshade | -s -3              | hillshade scale must be positive and finite: -3.0
            """)
    void badOptions_areRefusedWithWhatIsAccepted(String mode, String options, String message) {
        var error = assertThrows(TerrainOptionInvalid.class, () -> TerrainOperations.parse(mode, options));
        assertTrue(error.getMessage().startsWith(message.strip()), () -> "message was: " + error.getMessage());
    }

    @ParameterizedTest(name = "mode \"{0}\"")
    @CsvSource({"color-relief, color-relief maps elevations to colours", "contour, unknown gdaldem mode 'contour'",
            "'', unknown gdaldem mode ''"})
    void unknownModes_areRefusedWithTheList(String mode, String fragment) {
        var error = assertThrows(TerrainOptionInvalid.class, () -> TerrainOperations.parse(mode, ""));
        assertAll(
                () -> assertTrue(error.getMessage().contains(fragment), error.getMessage()),
                () -> assertTrue(error.getMessage().endsWith(
                        "the terrain operations are hillshade (or shade), slope, aspect, TRI, TPI, roughness"),
                        error.getMessage()));
    }

    @Test
    @DisplayName("a tile's array must match its size, with the halo")
    void demTile_checksItsShape() {
        var error = assertThrows(IllegalArgumentException.class, () -> new DemTile(new float[12], 2, 2, true, true,
                true, true, OptionalDouble.empty(), 1, -1, DataType.FLOAT32));
        assertEquals("a 2 x 2 tile with its one-pixel halo needs 16 values, not 12", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DemTile(new float[16], 2, 2, true, true, true, true,
                OptionalDouble.empty(), 0, -1, DataType.FLOAT32));
        var tile = DemTile.wholeRaster(new float[] {1, 2, 3, 4, 5, 6}, 3, 2, OptionalDouble.empty(), 1, -1,
                DataType.INT16);
        assertEquals(6, tile.value(2, 1));
        assertTrue(tile.integerSamples());
        assertThrows(IllegalArgumentException.class, () -> Slope.defaults().apply(tile, new float[5]));
    }

    @Test
    @DisplayName("every option the command line declares is one that some gdaldem mode accepts")
    void everyDeclaredOption_isAcceptedBySomeMode() {
        List<String> modes = List.of("slope", "aspect", "hillshade", "TRI", "TPI", "roughness");
        for (GdaldemOption option : GdaldemOption.ALL) {
            long accepting = modes.stream().filter(mode -> {
                String value = option.name().equals("-alg") ? (mode.equals("TRI") ? " Riley" : " Horn") : " 1";
                try {
                    TerrainOperations.parse(mode, option.name() + (option.takesValue() ? value : ""));
                    return true;
                } catch (TerrainOptionInvalid refused) {
                    return false;
                }
            }).count();
            assertTrue(accepting > 0, option.name() + " is accepted by no gdaldem mode");
        }
    }
}
