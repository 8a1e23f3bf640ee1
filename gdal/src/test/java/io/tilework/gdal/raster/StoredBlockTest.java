package io.tilework.gdal.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("where a GeoTIFF keeps its blocks, as its index says")
class StoredBlockTest {

    private static final int WIDTH = 200;
    private static final int HEIGHT = 130;
    private static final int BLOCK = 64;

    @TempDir
    Path temp;

    @Test
    @DisplayName("an uncompressed tiled GeoTIFF: each block's stored bytes are its pixels")
    void uncompressedTiles_storedBytesAreThePixels() throws IOException {
        Path file = temp.resolve("tiles.tif");
        byte[] pixels = new byte[WIDTH * HEIGHT];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + i / WIDTH);
        }
        try (RasterDataset dataset = RasterDataset.createGeoTiff(file, new RasterSpec(WIDTH, HEIGHT, 1, DataType.BYTE),
                GeoTiffOptions.defaults().tiled(BLOCK, BLOCK))) {
            dataset.write(Window.of(WIDTH, HEIGHT), 1, DataType.BYTE, pixels);
        }
        byte[] bytes = Files.readAllBytes(file);
        try (RasterDataset dataset = RasterDataset.open(file)) {
            for (int row = 0; row < Math.ceilDiv(HEIGHT, BLOCK); row++) {
                for (int column = 0; column < Math.ceilDiv(WIDTH, BLOCK); column++) {
                    StoredBlock block = dataset.storedBlock(1, column, row).orElseThrow();
                    assertEquals(BLOCK * BLOCK, block.byteCount(), "a whole tile, uncompressed");
                    assertTrue(block.end() <= bytes.length, block + " inside the file of " + bytes.length + " bytes");
                    int rows = Math.min(BLOCK, HEIGHT - row * BLOCK);
                    int columns = Math.min(BLOCK, WIDTH - column * BLOCK);
                    for (int y = 0; y < rows; y++) {
                        int stored = (int) block.offset() + y * BLOCK;
                        int source = (row * BLOCK + y) * WIDTH + column * BLOCK;
                        assertArrayEquals(Arrays.copyOfRange(pixels, source, source + columns),
                                Arrays.copyOfRange(bytes, stored, stored + columns), "block " + column + "," + row + " line " + y);
                    }
                }
            }
            assertEquals(Optional.empty(), dataset.storedBlock(1, 4, 0), "outside the grid of blocks");
            assertEquals(Optional.empty(), dataset.storedBlock(1, 0, -1), "outside the grid of blocks");
        }
    }

    @Test
    @DisplayName("a block never written to a sparse file is not stored; other drivers do not say")
    void sparseBlockAndOtherDrivers_empty() {
        Path file = temp.resolve("sparse.tif");
        try (RasterDataset dataset = RasterDataset.createGeoTiff(file, new RasterSpec(WIDTH, HEIGHT, 1, DataType.BYTE),
                GeoTiffOptions.defaults().tiled(BLOCK, BLOCK).option("SPARSE_OK", "TRUE"))) {
            byte[] ones = new byte[BLOCK * BLOCK];
            Arrays.fill(ones, (byte) 1); // a block of zeros would not be stored either
            dataset.write(new Window(0, 0, BLOCK, BLOCK), 1, DataType.BYTE, ones);
        }
        try (RasterDataset dataset = RasterDataset.open(file)) {
            assertTrue(dataset.storedBlock(1, 0, 0).isPresent());
            assertEquals(Optional.empty(), dataset.storedBlock(1, 1, 1));
        }
        try (RasterDataset memory = RasterDataset.createInMemory(new RasterSpec(10, 10, 1, DataType.BYTE))) {
            assertEquals(Optional.empty(), memory.storedBlock(1, 0, 0));
        }
    }

    @Test
    @DisplayName("metadata items: the interleaving GDAL reports, none for an unknown name")
    void metadataItems() {
        Path pixel = temp.resolve("pixel.tif");
        Path band = temp.resolve("band.tif");
        RasterSpec spec = new RasterSpec(20, 20, 3, DataType.BYTE);
        RasterDataset.createGeoTiff(pixel, spec, GeoTiffOptions.defaults()).close();
        RasterDataset.create("GTiff", band.toString(), spec, Map.of("INTERLEAVE", "BAND")).close();
        try (RasterDataset p = RasterDataset.open(pixel); RasterDataset b = RasterDataset.open(band)) {
            assertEquals(Optional.of("PIXEL"), p.metadataItem("INTERLEAVE", "IMAGE_STRUCTURE"));
            assertEquals(Optional.of("BAND"), b.metadataItem("INTERLEAVE", "IMAGE_STRUCTURE"));
            assertEquals(Optional.empty(), p.metadataItem("NO_SUCH_ITEM", null));
            assertEquals(Optional.empty(), p.metadataItem(1, "NBITS", "IMAGE_STRUCTURE"));
        }
    }
}
