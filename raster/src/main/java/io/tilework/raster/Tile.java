package io.tilework.raster;

import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import java.util.Arrays;

/**
 * The pixels of some bands over a footprint: one row-major {@code float[]} per band, each
 * {@code width * height} long. Tiles hold Float32 values whatever the source type, as gdaldem
 * computes; Int32 and Float64 sources are rounded to the nearest float.
 */
public record Tile(Footprint footprint, float[][] bands) {

    public Tile {
        long pixels = footprint.pixelCount();
        for (float[] band : bands) {
            if (band.length != pixels) {
                throw new IllegalArgumentException("a band of " + band.length + " values for " + footprint);
            }
        }
    }

    /** A tile of {@code bandCount} bands filled with {@code fill} (e.g. each band's nodata). */
    public static Tile filled(Footprint footprint, double[] fill) {
        float[][] bands = new float[fill.length][Math.toIntExact(footprint.pixelCount())];
        for (int b = 0; b < fill.length; b++) {
            Arrays.fill(bands[b], (float) fill[b]);
        }
        return new Tile(footprint, bands);
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

    public float[] band(int index) {
        return bands[index];
    }

    public float get(int band, int x, int y) {
        return bands[band][y * footprint.width() + x];
    }

    /** Bytes this tile takes on the heap, roughly: what tasks declare to the engine's budget. */
    public static long bytesFor(Footprint footprint, int bandCount) {
        return 16L * (bandCount + 1) + 4L * footprint.pixelCount() * bandCount;
    }

    /**
     * Copies the pixels of {@code source} that fall inside this tile (both on the same grid),
     * band {@code sourceBands[i]} of the source into band i of this tile.
     */
    public void copyFrom(Tile source, int[] sourceBands) {
        PixelRect at = source.footprint.sliceIn(footprint);
        PixelRect overlap = at.clampTo(width(), height());
        if (overlap.isEmpty()) {
            return;
        }
        int sourceX = overlap.x() - at.x();
        int sourceY = overlap.y() - at.y();
        for (int b = 0; b < sourceBands.length; b++) {
            float[] from = source.bands[sourceBands[b]];
            float[] to = bands[b];
            for (int row = 0; row < overlap.height(); row++) {
                System.arraycopy(from, (sourceY + row) * source.width() + sourceX, to,
                        (overlap.y() + row) * width() + overlap.x(), overlap.width());
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tile tile && footprint.equals(tile.footprint) && Arrays.deepEquals(bands, tile.bands);
    }

    @Override
    public int hashCode() {
        return footprint.hashCode() * 31 + Arrays.deepHashCode(bands);
    }

    @Override
    public String toString() {
        return "Tile[" + bands.length + " band(s), " + footprint + "]";
    }
}
