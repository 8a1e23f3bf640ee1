package io.tilework.server.rasters;

import io.tilework.gdal.raster.PixelArrays;
import io.tilework.raster.Tile;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;

/**
 * A tile's bands as the frames of a read carry them: raw little-endian values of the tile's own
 * type, band after band, each row-major (unsigned values keep their bits, so the bytes are GDAL's).
 */
final class TileBytes {

    /** Values converted per write: bounds the buffer whatever the window's size. */
    private static final int CHUNK_VALUES = 1 << 16;

    private TileBytes() {
    }

    /** Writes every band of {@code tile}, band-major, each row-major, little-endian. */
    static void write(Tile tile, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK_VALUES * tile.type().bytes()];
        MemorySegment target = MemorySegment.ofArray(chunk);
        for (int band = 0; band < tile.bandCount(); band++) {
            Object values = tile.values(band);
            if (values instanceof byte[] bytes) { // already bytes: no conversion
                out.write(bytes);
                continue;
            }
            int count = PixelArrays.length(values);
            for (int start = 0; start < count; start += CHUNK_VALUES) {
                int n = Math.min(CHUNK_VALUES, count - start);
                PixelArrays.toLittleEndian(values, start, n, target, 0);
                out.write(chunk, 0, n * tile.type().bytes());
            }
        }
    }
}
