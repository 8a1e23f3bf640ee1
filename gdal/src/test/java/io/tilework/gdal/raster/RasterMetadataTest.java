package io.tilework.gdal.raster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import io.tilework.gdal.srs.SpatialReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("raster metadata equals what gdalinfo -json reports")
class RasterMetadataTest {

    static Stream<Path> sharedRasters() throws IOException {
        try (Stream<Path> files = Files.list(TestData.root().resolve("raster"))) {
            List<Path> rasters = files.filter(f -> f.toString().endsWith(".tif") || f.toString().endsWith(".lcp"))
                    .sorted().toList();
            assertFalse(rasters.isEmpty(), "no rasters in shared data");
            return rasters.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedRasters")
    void metadata_matchesGdalinfo(Path file) {
        JsonNode expected = GdalTools.gdalinfo(file.toString());
        try (RasterDataset dataset = RasterDataset.open(file)) {
            var checks = new ArrayList<org.junit.jupiter.api.function.Executable>();
            checks.add(() -> assertEquals(expected.get("driverShortName").asText(), dataset.driverName(), "driver"));
            checks.add(() -> assertEquals(expected.get("size").get(0).asInt(), dataset.width(), "width"));
            checks.add(() -> assertEquals(expected.get("size").get(1).asInt(), dataset.height(), "height"));
            checks.add(() -> assertEquals(expected.get("bands").size(), dataset.bandCount(), "band count"));
            checks.add(() -> assertGeoTransform(expectedGeoTransform(expected), dataset.geoTransform()));
            checks.add(() -> assertSameCrs(expected.path("coordinateSystem").path("wkt").asText(""), dataset));
            checks.add(() -> assertEquals(expectedEpsg(expected), dataset.epsgCode(), "EPSG code"));
            for (JsonNode band : expected.get("bands")) {
                int index = band.get("band").asInt();
                BandInfo actual = dataset.band(index);
                checks.add(() -> assertEquals(band.get("type").asText(), actual.dataType().gdalName(), "type of band " + index));
                checks.add(() -> assertEquals(band.get("block").get(0).asInt(), actual.blockWidth(), "block width of band " + index));
                checks.add(() -> assertEquals(band.get("block").get(1).asInt(), actual.blockHeight(), "block height of band " + index));
                checks.add(() -> assertEquals(expectedNoData(band), actual.noData(), "nodata of band " + index));
                checks.add(() -> assertEquals(band.path("overviews").size(), actual.overviewCount(), "overviews of band " + index));
            }
            assertAll(file.getFileName().toString(), checks);
        }
    }

    /**
     * The same CRS, not necessarily the same text: GDAL's GeoTIFF driver caches CRS objects per
     * process, so a CRS read after another file's may print DATUM where a fresh gdalinfo prints
     * ENSEMBLE for the same EPSG code.
     */
    private static void assertSameCrs(String expectedWkt, RasterDataset dataset) {
        if (expectedWkt.isEmpty()) {
            assertEquals("", dataset.crsWkt(), "a raster without CRS");
            return;
        }
        try (SpatialReference expected = SpatialReference.fromWkt(expectedWkt);
             SpatialReference actual = dataset.spatialReference().orElseThrow()) {
            assertTrue(actual.isSame(expected), () -> "CRS differs: expected " + expectedWkt + " but was " + actual.toWkt2());
        }
    }

    private static void assertGeoTransform(double[] expected, java.util.Optional<GeoTransform> actual) {
        if (expected == null) {
            assertTrue(actual.isEmpty(), "no geotransform expected, got " + actual);
            return;
        }
        double[] values = actual.orElseThrow(() -> new AssertionError("geotransform missing")).toArray();
        for (int i = 0; i < 6; i++) {
            double tolerance = 1e-15 * Math.max(1, Math.abs(expected[i])); // gdalinfo prints 16 digits
            assertEquals(expected[i], values[i], tolerance, "geotransform[" + i + "]");
        }
    }

    private static double[] expectedGeoTransform(JsonNode info) {
        JsonNode transform = info.get("geoTransform");
        if (transform == null) {
            return null;
        }
        double[] values = new double[6];
        for (int i = 0; i < 6; i++) {
            values[i] = transform.get(i).asDouble();
        }
        return values;
    }

    private static OptionalInt expectedEpsg(JsonNode info) {
        JsonNode epsg = info.path("stac").path("proj:epsg");
        return epsg.isInt() ? OptionalInt.of(epsg.asInt()) : OptionalInt.empty();
    }

    private static OptionalDouble expectedNoData(JsonNode band) {
        JsonNode noData = band.get("noDataValue");
        if (noData == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(noData.isNumber() ? noData.asDouble() : Double.parseDouble(noData.asText()));
    }
}
