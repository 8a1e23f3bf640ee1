package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.Window;
import io.tilework.testkit.TestData;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NDVI: (nir - red) / (nir + red) as Float32, with nodata where it is undefined")
class NdviTest {

    @Test
    @DisplayName("hand-computed values, nodata from either band, NaN and a zero sum")
    void smallInput_matchesHandComputedValues() {
        float[] red = {1, 3, 2, 1, 0, -1, 65535, 4, Float.NaN, 0, 6};
        float[] nir = {3, 1, 2, 0, 5, 3, 4, 65535, 4, 0, 2};
        float[] out = new float[red.length];
        Ndvi.of(OptionalDouble.of(65535), OptionalDouble.of(65535)).apply(red, nir, out);
        float n = Ndvi.NO_DATA;
        assertArrayEquals(new float[] {0.5f, -0.5f, 0, -1, 1, 2, n, n, n, n, -0.5f}, out);
    }

    @Test
    @DisplayName("a scale multiplies the index; bands without nodata only lose NaN and zero sums")
    void scaleAndMissingNoData() {
        float[] red = {1, 65535, 0};
        float[] nir = {3, 65535, 0};
        float[] out = new float[3];
        new Ndvi(OptionalDouble.empty(), OptionalDouble.empty(), 1000, -1).apply(red, nir, out);
        assertArrayEquals(new float[] {500, 0, -1}, out);
        assertThrows(IllegalArgumentException.class, () -> Ndvi.of(OptionalDouble.empty(), OptionalDouble.empty())
                .apply(new float[2], new float[3], new float[3]));
    }

    @Test
    @DisplayName("Landsat bands 4 and 5, times 1000: GDAL checksum 63632 (SOURCES.md)")
    void landsat_matchesPublishedChecksum() {
        try (RasterDataset b4 = RasterDataset.open(TestData.raster("sr_b4_20200829.tif"));
             RasterDataset b5 = RasterDataset.open(TestData.raster("sr_b5_20200829.tif"))) {
            int width = b4.width();
            int height = b4.height();
            float[] red = new float[width * height];
            float[] nir = new float[width * height];
            b4.read(Window.of(width, height), 1, DataType.FLOAT32, red);
            b5.read(Window.of(width, height), 1, DataType.FLOAT32, nir);
            Ndvi ndvi = Ndvi.of(b4.band(1).noData(), b5.band(1).noData()).withScale(1000);
            float[] out = new float[width * height];
            ndvi.apply(red, nir, out);
            assertEquals(63632, Outputs.checksum(out, width, height, ndvi.outputType(),
                    OptionalDouble.of(ndvi.outputNoData())));
        }
    }
}
