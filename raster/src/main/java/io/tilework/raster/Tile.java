package io.tilework.raster;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.PixelArrays;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import java.util.Arrays;

/**
 * The pixels of some bands over a footprint, in their own type: one row-major array per band,
 * each {@code width * height} long, of the type's Java carrier ({@code byte[]} for Byte and Int8,
 * {@code short[]} for UInt16 and Int16, {@code int[]} for UInt32 and Int32, {@code float[]},
 * {@code double[]}; unsigned values keep their bits). An 8-bit orthophoto's tile takes one byte
 * per pixel and band, a Float64 DEM's keeps every digit.
 */
public record Tile(Footprint footprint, DataType type, Object[] bands) {

    public Tile {
        long pixels = footprint.pixelCount();
        bands = Arrays.copyOf(bands, bands.length, Object[].class);
        for (Object band : bands) {
            PixelArrays.checkCarried(type, band);
            if (PixelArrays.length(band) != pixels) {
                throw new IllegalArgumentException("a band of " + PixelArrays.length(band) + " values for " + footprint);
            }
        }
    }

    /** A Float32 tile of these bands. */
    public Tile(Footprint footprint, float[][] bands) {
        this(footprint, DataType.FLOAT32, bands);
    }

    /** A tile of {@code fill.length} bands of {@code type}, band i filled with {@code fill[i]} (e.g. its nodata) as GDAL stores it. */
    public static Tile filled(Footprint footprint, DataType type, double[] fill) {
        int pixels = Math.toIntExact(footprint.pixelCount());
        Object[] bands = new Object[fill.length];
        for (int b = 0; b < fill.length; b++) {
            bands[b] = PixelArrays.filled(type, pixels, fill[b]);
        }
        return new Tile(footprint, type, bands);
    }

    public int width() {
        return footprint.width();
    }

    public int height() {
        return footprint.height();
    }

    public int bandCount() {
        return bands.length;
    }

    /** Band {@code index}'s values in their own type's carrier array (shared: do not change it). */
    public Object values(int index) {
        return bands[index];
    }

    /**
     * Band {@code index}'s values as floats, as gdaldem reads a DEM: the band itself when the tile
     * is Float32, else a converted copy.
     */
    public float[] floats(int index) {
        return PixelArrays.floats(bands[index], type);
    }

    /** Every band as floats (see {@link #floats(int)}): what a tile function computes from. */
    public float[][] floats() {
        float[][] all = new float[bands.length][];
        for (int b = 0; b < bands.length; b++) {
            all[b] = floats(b);
        }
        return all;
    }

    /** The value at ({@code x}, {@code y}) of {@code band}, unsigned types read as unsigned. */
    public double get(int band, int x, int y) {
        return PixelArrays.get(bands[band], type, y * footprint.width() + x);
    }

    /** This tile's values as {@code target} (converted as GDAL converts them); this tile when it has that type. */
    public Tile as(DataType target) {
        if (target == type) {
            return this;
        }
        Object[] converted = new Object[bands.length];
        for (int b = 0; b < bands.length; b++) {
            converted[b] = PixelArrays.convert(bands[b], type, target);
        }
        return new Tile(footprint, target, converted);
    }

    /** Bytes a tile of {@code bandCount} bands of {@code type} takes on the heap, roughly: what tasks declare to the engine's budget. */
    public static long bytesFor(Footprint footprint, int bandCount, DataType type) {
        return 16L * (bandCount + 1) + PixelArrays.bytes(type, footprint.pixelCount()) * bandCount;
    }

    /** Bytes of pixel values this tile holds. */
    public long byteCount() {
        return PixelArrays.bytes(type, footprint.pixelCount()) * bands.length;
    }

    /**
     * Copies the pixels of {@code source} that fall inside this tile (both on the same grid, of
     * the same type), band {@code sourceBands[i]} of the source into band i of this tile.
     */
    public void copyFrom(Tile source, int[] sourceBands) {
        if (source.type != type) {
            throw new IllegalArgumentException("cannot copy " + source.type.gdalName() + " pixels into a " + type.gdalName() + " tile");
        }
        PixelRect at = source.footprint.sliceIn(footprint);
        PixelRect overlap = at.clampTo(width(), height());
        if (overlap.isEmpty()) {
            return;
        }
        int sourceX = overlap.x() - at.x();
        int sourceY = overlap.y() - at.y();
        for (int b = 0; b < sourceBands.length; b++) {
            Object from = source.bands[sourceBands[b]];
            Object to = bands[b];
            for (int row = 0; row < overlap.height(); row++) {
                System.arraycopy(from, (sourceY + row) * source.width() + sourceX, to,
                        (overlap.y() + row) * width() + overlap.x(), overlap.width());
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tile tile && footprint.equals(tile.footprint) && type == tile.type
                && Arrays.deepEquals(bands, tile.bands);
    }

    @Override
    public int hashCode() {
        return (footprint.hashCode() * 31 + type.hashCode()) * 31 + Arrays.deepHashCode(bands);
    }

    @Override
    public String toString() {
        return "Tile[" + bands.length + " band(s) of " + type.gdalName() + ", " + footprint + "]";
    }
}
