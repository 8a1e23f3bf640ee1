package io.tilework.app.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The block index of a TIFF's first image, read here from the bytes (not through GDAL), to know
 * independently where each block is: the tests damage a chosen block and expect it to be named.
 * Classic TIFF and BigTIFF, either byte order; blocks in the file's order (row by row, then band
 * by band when planar).
 *
 * @param width        image width in pixels
 * @param height       image height in pixels
 * @param blockWidth   tile width, or the width for strips
 * @param blockHeight  tile height, or rows per strip
 * @param offsets      each block's byte offset
 * @param byteCounts   each block's size in bytes
 */
public record TiffIndex(int width, int height, int blockWidth, int blockHeight, long[] offsets, long[] byteCounts) {

    public static TiffIndex of(Path file) throws IOException {
        return of(Files.readAllBytes(file));
    }

    /** The index of {@code tiff}, or an exception if it is not a TIFF whose first directory can be read. */
    public static TiffIndex of(byte[] tiff) {
        ByteBuffer in = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean big = in.getShort(2) == 43;
        long at = big ? in.getLong(8) : Integer.toUnsignedLong(in.getInt(4));
        long entries = big ? in.getLong((int) at) : Short.toUnsignedInt(in.getShort((int) at));
        int entrySize = big ? 20 : 12;
        int first = (int) at + (big ? 8 : 2);
        int width = 0, height = 0, blockWidth = 0, blockHeight = 0, rowsPerStrip = 0;
        long[] offsets = null, counts = null;
        for (int i = 0; i < entries; i++) {
            int entry = first + i * entrySize;
            int tag = Short.toUnsignedInt(in.getShort(entry));
            int type = Short.toUnsignedInt(in.getShort(entry + 2));
            long count = big ? in.getLong(entry + 4) : Integer.toUnsignedLong(in.getInt(entry + 4));
            int valueAt = entry + (big ? 12 : 8);
            int size = switch (type) {
                case 3 -> 2;
                case 4 -> 4;
                case 16 -> 8;
                default -> 1;
            };
            if (count * size > (big ? 8 : 4)) {
                valueAt = (int) (big ? in.getLong(valueAt) : Integer.toUnsignedLong(in.getInt(valueAt)));
            }
            switch (tag) {
                case 256 -> width = (int) value(in, valueAt, type, 0);
                case 257 -> height = (int) value(in, valueAt, type, 0);
                case 278 -> rowsPerStrip = (int) value(in, valueAt, type, 0);
                case 322 -> blockWidth = (int) value(in, valueAt, type, 0);
                case 323 -> blockHeight = (int) value(in, valueAt, type, 0);
                case 273, 324 -> offsets = values(in, valueAt, type, count);
                case 279, 325 -> counts = values(in, valueAt, type, count);
                default -> { }
            }
        }
        if (blockWidth == 0) { // strips
            blockWidth = width;
            blockHeight = rowsPerStrip == 0 ? height : Math.min(rowsPerStrip, height);
        }
        return new TiffIndex(width, height, blockWidth, blockHeight, offsets, counts);
    }

    /** Blocks in a row of the band's grid. */
    public int columns() {
        return Math.ceilDiv(width, blockWidth);
    }

    /** The block's column in the band's grid. */
    public int column(int block) {
        return block % (columns() * Math.ceilDiv(height, blockHeight)) % columns();
    }

    /** The block's row in the band's grid. */
    public int row(int block) {
        return block % (columns() * Math.ceilDiv(height, blockHeight)) / columns();
    }

    public long end(int block) {
        return offsets[block] + byteCounts[block];
    }

    private static long[] values(ByteBuffer in, int at, int type, long count) {
        long[] values = new long[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(in, at, type, i);
        }
        return values;
    }

    private static long value(ByteBuffer in, int at, int type, int index) {
        return switch (type) {
            case 3 -> Short.toUnsignedInt(in.getShort(at + 2 * index));
            case 16 -> in.getLong(at + 8 * index);
            default -> Integer.toUnsignedLong(in.getInt(at + 4 * index));
        };
    }
}
