package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.TaskFailedException;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.StoredBlock;
import io.tilework.raster.failure.RasterFileDamaged;
import io.tilework.raster.failure.RasterInputInvalid;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a damaged raster file: the block that cannot be read, named, with the reason")
class FileDamageTest {

    /** 1013 x 799 Int16, LZW, tiles of 256 x 256: 4 columns, 4 rows. */
    private static final Path LZW = TestData.raster("lf_elev_220_mt_hood_utm.tif");

    @TempDir
    Path temp;

    @Test
    @DisplayName("a truncated GeoTIFF is refused when opened, naming the first block past its end")
    void truncated_refusedWhenOpened() throws IOException {
        StoredBlock block = stored(LZW, 2, 1);
        Path cut = Files.write(temp.resolve("cut.tif"), Arrays.copyOf(Files.readAllBytes(LZW), (int) block.offset() + 100));
        try (RasterSession session = RasterSession.create()) {
            var damaged = assertThrows(RasterFileDamaged.class, () -> session.open(cut));
            assertEquals(cut.toAbsolutePath(), damaged.file());
            assertEquals(cut.toAbsolutePath() + " is damaged or truncated: the block at column 2, row 1 of band 1 cannot be read"
                    + " (the file says its " + block.byteCount() + " bytes are at offset " + block.offset()
                    + ", but the file ends at byte " + (block.offset() + 100) + "); replace it with a whole copy", damaged.getMessage());
        }
    }

    @Test
    @DisplayName("a changed LZW tile fails the tiles that need it, naming it with GDAL's reason; the others are read")
    void changedBlock_failsOnlyTheTilesThatReadIt() throws IOException {
        StoredBlock block = stored(LZW, 3, 2);
        byte[] bytes = Files.readAllBytes(LZW);
        for (long i = block.offset() + block.byteCount() / 3; i < block.offset() + block.byteCount() / 3 + 16; i++) {
            bytes[(int) i] ^= (byte) 0xFF;
        }
        Path changed = Files.write(temp.resolve("changed.tif"), bytes);
        try (RasterSession session = RasterSession.create()) {
            FileRaster raster = session.open(changed);
            var footprint = raster.footprint();
            var failure = assertThrows(TaskFailedException.class, () -> raster.get(footprint.subGrid(700, 500, 100, 100)));
            var damaged = assertInstanceOf(RasterFileDamaged.class, failure.getCause());
            String message = damaged.getMessage();
            assertTrue(message.startsWith(changed.toAbsolutePath() + " is damaged or truncated: the block at column 3, row 2 of band 1"
                    + " cannot be read (GDAL: "), message);
            assertFalse(message.contains("4294967295") || message.contains("IReadBlock") || message.contains("() failed"), message);
            assertInstanceOf(GdalException.class, damaged.getCause(), "GDAL's failure is kept as the cause");
            assertEquals(100 * 100, raster.get(footprint.subGrid(0, 0, 100, 100)).floats(0).length, "a sound block is read");
        }
    }

    @Test
    @DisplayName("a geotransform that cannot be inverted (a pixel without area, not a number) is the file's fault, named")
    void unusableGeotransform_isTheFilesFault() {
        // (a pixel width of 0 is not worth a case: GDAL then reads the file as not georeferenced at all)
        for (var transform : List.of(new GeoTransform(0, 1.8e-307, 0, 0, 0, -1.8e-307), new GeoTransform(0, 30, 0, Double.NaN, 0, -30))) {
            Path file = temp.resolve("georeferenced-" + transform.pixelWidth() + "-" + transform.originY() + ".tif");
            try (RasterDataset dataset = RasterDataset.createGeoTiff(file, new RasterSpec(8, 8, 1, DataType.INT16), GeoTiffOptions.defaults())) {
                dataset.setGeoTransform(transform);
            }
            try (RasterSession session = RasterSession.create()) {
                var invalid = assertThrows(RasterInputInvalid.class, () -> session.open(file), transform.toString());
                assertTrue(invalid.getMessage().startsWith(file.toAbsolutePath() + ": its georeferencing cannot be used"), invalid.getMessage());
            }
        }
    }

    @Test
    @DisplayName("GDAL's reason without the file name, libtiff's unset rows and the messages that only say a call failed")
    void reason_isGdalsWordsForAPerson() {
        Path file = Path.of("/data/dem.tif");
        var truncated = new GdalException(1, List.of(
                "TIFFReadEncodedTile:Read error at row 4294967295, col 4294967295; got 21079 bytes, expected 32768",
                "TIFFReadEncodedTile() failed.",
                "/data/dem.tif, band 1: IReadBlock failed at X offset 9, Y offset 3: TIFFReadEncodedTile() failed."),
                "/data/dem.tif (window 0,0 514x514)", "GDALDatasetRasterIOEx read");
        assertEquals("Read error; got 21079 bytes, expected 32768", FileDamage.reason(truncated, file));
        var lzw = new GdalException(1, List.of("/data/dem.tif:Using code not yet in table", "TIFFReadEncodedTile() failed.",
                "/data/dem.tif, band 1: IReadBlock failed at X offset 0, Y offset 1: TIFFReadEncodedTile() failed."), "", "");
        assertEquals("Using code not yet in table", FileDamage.reason(lzw, file));
        var strip = new GdalException(1, List.of("dem.tif:Read error at scanline 4294967295; got 10 bytes, expected 2402"), "", "");
        assertEquals("Read error; got 10 bytes, expected 2402", FileDamage.reason(strip, file));
        var quiet = new GdalException(1, List.of("TIFFReadEncodedStrip() failed."), "", "");
        assertEquals("TIFFReadEncodedStrip() failed.", FileDamage.reason(quiet, file), "said only that, it is all there is");
        assertEquals("no reason given", FileDamage.reason(new GdalException(1, List.of(), "", ""), file));
        var binary = new GdalException(1, List.of("bad tag \u0001\u0002 " + "x".repeat(1000)), "", "");
        String shown = FileDamage.reason(binary, file);
        assertTrue(shown.startsWith("bad tag \\x01\\x02 xxx") && shown.endsWith("...") && shown.length() < 420, shown);
    }

    private static StoredBlock stored(Path file, int column, int row) {
        try (RasterDataset dataset = RasterDataset.open(file)) {
            return dataset.storedBlock(1, column, row).orElseThrow();
        }
    }
}
