package io.tilework.server.rasters;

import io.tilework.gdal.raster.DataType;
import io.tilework.raster.Raster;
import io.tilework.raster.Tile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A tile's bands as the frames of a read carry them: raw little-endian values, band after band.
 * The one place that knows how a {@link Tile} holds its values: one array per band of its type's
 * Java carrier ({@code byte[]} for Byte and Int8, {@code short[]}, {@code int[]}, {@code float[]},
 * {@code double[]}; unsigned values keep their bits, so their bytes are GDAL's).
 */
final class TileBytes {

    /** Values converted per write: bounds the buffer whatever the window's size. */
    private static final int CHUNK_VALUES = 1 << 16;

    private TileBytes() {
    }

    /** The type the tiles of {@code raster} will carry, for sizes known before any tile is read. */
    static DataType type(Raster raster) {
        return raster.dataType();
    }

    /** The type {@code tile} carries. */
    static DataType type(Tile tile) {
        return tile.type();
    }

    /** Band {@code band}'s values: the carrier array of {@link #type(Tile)} (byte[], short[], int[], float[] or double[]). */
    private static Object values(Tile tile, int band) {
        return tile.values(band);
    }

    /** Bytes {@link #write} writes for {@code tile}. */
    static long length(Tile tile) {
        return (long) tile.bandCount() * tile.width() * tile.height() * type(tile).bytes();
    }

    /** Writes every band of {@code tile}, band-major, each row-major, little-endian. */
    static void write(Tile tile, OutputStream out) throws IOException {
        int bytesPerValue = type(tile).bytes();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_VALUES * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
        for (int band = 0; band < tile.bandCount(); band++) {
            Object values = values(tile, band);
            if (values instanceof byte[] bytes) { // already bytes: no conversion
                out.write(bytes);
                continue;
            }
            int count = java.lang.reflect.Array.getLength(values);
            for (int start = 0; start < count; start += CHUNK_VALUES) {
                int end = Math.min(count, start + CHUNK_VALUES);
                buffer.clear();
                switch (values) {
                    case short[] shorts -> buffer.asShortBuffer().put(shorts, start, end - start);
                    case int[] ints -> buffer.asIntBuffer().put(ints, start, end - start);
                    case float[] floats -> buffer.asFloatBuffer().put(floats, start, end - start);
                    case double[] doubles -> buffer.asDoubleBuffer().put(doubles, start, end - start);
                    default -> throw new IllegalStateException("a tile band carried as " + values.getClass().getSimpleName()
                            + ", which frames cannot encode");
                }
                out.write(buffer.array(), 0, (end - start) * bytesPerValue);
            }
        }
    }
}
