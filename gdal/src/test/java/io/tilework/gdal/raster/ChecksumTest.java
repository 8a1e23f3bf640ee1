package io.tilework.gdal.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("checksum port agrees with GDAL's GDALChecksumImage")
class ChecksumTest {

    @Test
    @DisplayName("RGB.byte.tif bands: 25420, 29131, 37860 (SOURCES.md)")
    void rgbByte_bandsMatchPublishedChecksums() {
        try (RasterDataset dataset = RasterDataset.open(TestData.raster("RGB.byte.tif"))) {
            int[] checksums = IntStream.rangeClosed(1, 3).map(band -> Checksum.of(dataset, band)).toArray();
            assertArrayEquals(new int[] {25420, 29131, 37860}, checksums);
        }
    }

    @Test
    @DisplayName("byte.tif: 4672 (SOURCES.md)")
    void byteTif_matchesPublishedChecksum() {
        try (RasterDataset dataset = RasterDataset.open(TestData.raster("byte.tif"))) {
            assertEquals(4672, Checksum.of(dataset, 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"storml_elev_orig.tif", "storml_elev.tif", "lf_elev_220_mt_hood_utm.tif",
            "olinda_dem_utm25s.tif", "elev.tif", "SRTM_f03_n053e008.tif", "srtm_bigtujunga30m_utm11.tif",
            "sr_b4_20200829.tif", "L7_ETMs.tif", "storm_lake.lcp"})
    void everyBand_matchesGdalinfoChecksum(String name) {
        Path file = TestData.raster(name);
        JsonNode bands = GdalTools.gdalinfo(file.toString(), "-checksum").get("bands");
        try (RasterDataset dataset = RasterDataset.open(file)) {
            int[] expected = new int[bands.size()];
            int[] actual = new int[bands.size()];
            for (int i = 0; i < bands.size(); i++) {
                expected[i] = bands.get(i).get("checksum").asInt();
                actual[i] = Checksum.of(dataset, i + 1);
            }
            assertArrayEquals(expected, actual, name);
        }
    }

    @Test
    @DisplayName("a window's checksum equals gdalinfo -checksum of the same window cut out")
    void window_matchesChecksumOfExtractedWindow(@org.junit.jupiter.api.io.TempDir Path temp) {
        Path file = TestData.raster("olinda_dem_utm25s.tif");
        Path cut = temp.resolve("cut.tif");
        GdalTools.run("gdal_translate", "-q", "-srcwin", "10", "20", "50", "40", file.toString(), cut.toString());
        int expected = GdalTools.gdalinfo(cut.toString(), "-checksum").get("bands").get(0).get("checksum").asInt();
        try (RasterDataset dataset = RasterDataset.open(file)) {
            assertEquals(expected, Checksum.of(dataset, 1, new Window(10, 20, 50, 40)));
        }
    }

    @Test
    @DisplayName("NDVI ((b5-b4)/(b5+b4))*1000 as Float32: 63632 (SOURCES.md)")
    void ndvi_matchesPublishedChecksum() {
        try (RasterDataset b4 = RasterDataset.open(TestData.raster("sr_b4_20200829.tif"));
             RasterDataset b5 = RasterDataset.open(TestData.raster("sr_b5_20200829.tif"))) {
            Window all = Window.of(b4.width(), b4.height());
            short[] red = new short[(int) all.pixelCount()];
            short[] nir = new short[red.length];
            b4.read(all, 1, DataType.UINT16, red);
            b5.read(all, 1, DataType.UINT16, nir);
            var checksum = new Checksum();
            for (int i = 0; i < red.length; i++) {
                float r = Short.toUnsignedInt(red[i]);
                float n = Short.toUnsignedInt(nir[i]);
                float ndvi = (n - r) / (n + r) * 1000f;
                checksum.add((double) ndvi);
            }
            assertEquals(63632, checksum.value());
        }
    }
}
