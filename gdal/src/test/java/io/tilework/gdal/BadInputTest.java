package io.tilework.gdal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.raster.Checksum;
import io.tilework.testkit.TestData;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input raises a {@link GdalException} naming the file, and the JVM goes on: each test ends
 * by reading a good file in the same JVM.
 */
@DisplayName("bad input raises GdalException naming the file; the JVM survives")
class BadInputTest {

    @TempDir
    Path temp;

    @Test
    void missingFile_raster() {
        Path missing = temp.resolve("no-such.tif");
        GdalException e = assertThrows(GdalException.class, () -> RasterDataset.open(missing));
        assertNamesFile(e, missing);
        assertEquals(4, e.errorNumber(), "CPLE_OpenFailed: " + e.getMessage());
        assertStillWorks();
    }

    @Test
    void missingFile_vector() {
        Path missing = temp.resolve("no-such.000");
        assertNamesFile(assertThrows(GdalException.class, () -> VectorDataset.open(missing)), missing);
        assertStillWorks();
    }

    @Test
    void textFile() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.tif"), "this is not a raster\n".repeat(50));
        assertNamesFile(assertThrows(GdalException.class, () -> RasterDataset.open(text)), text);
        assertNamesFile(assertThrows(GdalException.class, () -> VectorDataset.open(text)), text);
        assertStillWorks();
    }

    @Test
    void truncatedGeoTiff() throws IOException {
        Path source = TestData.raster("RGB.byte.tif");
        byte[] bytes = Files.readAllBytes(source);
        Path truncated = Files.write(temp.resolve("truncated.tif"), Arrays.copyOf(bytes, bytes.length / 3));
        // GDAL may open the header and fail on the missing strips, or fail at once: either way an exception.
        GdalException e = assertThrows(GdalException.class, () -> {
            try (RasterDataset dataset = RasterDataset.open(truncated)) {
                for (int band = 1; band <= dataset.bandCount(); band++) {
                    Checksum.of(dataset, band);
                }
            }
        });
        assertNamesFile(e, truncated);
        assertStillWorks();
    }

    @Test
    void truncatedS57Cell() throws IOException {
        Path source = TestData.s57("US5MA12M/US5MA12M.000");
        byte[] bytes = Files.readAllBytes(source);
        // Cut inside a record. (A cut exactly between ISO 8211 records goes unnoticed by GDAL: it
        // reads the records before it. Only the DSSI record counts can reveal that.)
        Path truncated = Files.write(temp.resolve("US5MA12M.000"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        GdalException e = assertThrows(GdalException.class, () -> {
            try (VectorDataset dataset = VectorDataset.open(truncated, Map.of("UPDATES", "APPLY"))) {
                for (Layer layer : dataset.layers()) {
                    layer.features().count();
                }
            }
        });
        assertNamesFile(e, truncated);
        assertStillWorks();
    }

    @Test
    void closedHandle_throwsAndClosingTwiceIsHarmless() {
        RasterDataset dataset = RasterDataset.open(TestData.raster("byte.tif"));
        dataset.close();
        dataset.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, dataset::width);
        assertTrue(e.getMessage().contains("byte.tif"), e.getMessage());
    }

    @Test
    void closedVectorDataset_invalidatesItsLayers() {
        VectorDataset dataset = VectorDataset.open(TestData.s57("US5MA12M/US5MA12M.000"));
        Layer layer = dataset.layer(0);
        dataset.close();
        assertThrows(IllegalStateException.class, layer::featureCount);
    }

    private static void assertNamesFile(GdalException e, Path file) {
        assertTrue(e.getMessage().contains(file.toString()), "message should name " + file + ": " + e.getMessage());
        assertEquals(file.toString(), e.file().replaceAll(" \\(.*", ""));
    }

    private static void assertStillWorks() {
        try (RasterDataset dataset = RasterDataset.open(TestData.raster("byte.tif"))) {
            assertEquals(4672, Checksum.of(dataset, 1));
        }
    }
}
