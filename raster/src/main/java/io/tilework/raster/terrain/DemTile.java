package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import io.tilework.raster.failure.RasterInputInvalid;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One tile of a DEM band, the input of a {@link TerrainOperation}.
 *
 * <p>{@code values} holds {@code (width + 2) * (height + 2)} elevations, row-major: the output
 * tile dilated by one pixel on every side. A side flagged "outside" lies beyond the source
 * raster; its halo values are ignored and the operation treats that side as gdaldem treats the
 * raster's edge (no value, or an extrapolated one with {@code -compute_edges}). A tile whose
 * halo lies inside the raster must carry the real neighbouring elevations there, which is what
 * makes results independent of how a raster is cut into tiles.
 *
 * <p>The other components are properties of the source band, the same for every tile of it:
 * {@code noData} as the band reports it, {@code xResolution} and {@code yResolution} as
 * geotransform[1] and geotransform[5] with their signs (usually positive and negative), and
 * {@code sourceType}, the band's pixel type. gdaldem computes Byte, Int16 and UInt16 bands in
 * 32-bit integers and everything else in 32-bit floats; the two differ in how nodata is matched
 * and how edges are extrapolated, so the type must be the band's, not that of {@code values}.
 *
 * <p>The record keeps the array as given (no copy); do not change it while an operation runs.
 */
public record DemTile(float[] values, int width, int height,
                      boolean haloOutsideLeft, boolean haloOutsideTop,
                      boolean haloOutsideRight, boolean haloOutsideBottom,
                      OptionalDouble noData, double xResolution, double yResolution,
                      DataType sourceType) {

    public DemTile {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(noData, "noData");
        Objects.requireNonNull(sourceType, "sourceType");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("tile size must be positive: " + width + " x " + height);
        }
        long expected = ((long) width + 2) * ((long) height + 2);
        if (values.length != expected) {
            throw new IllegalArgumentException("a " + width + " x " + height + " tile with its one-pixel halo needs "
                    + expected + " values, not " + values.length);
        }
        if (!Double.isFinite(xResolution) || xResolution == 0 || !Double.isFinite(yResolution) || yResolution == 0) {
            throw new IllegalArgumentException("resolutions must be finite and non-zero: x " + xResolution
                    + ", y " + yResolution);
        }
        if (sourceType.isComplex() || sourceType.carrier() == null) {
            throw new RasterInputInvalid("a DEM band cannot be of type " + sourceType.gdalName());
        }
    }

    /**
     * A whole raster as one tile: {@code pixels} holds {@code width * height} elevations without
     * a halo, and every side of the halo is outside.
     */
    public static DemTile wholeRaster(float[] pixels, int width, int height, OptionalDouble noData,
                                      double xResolution, double yResolution, DataType sourceType) {
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException("a " + width + " x " + height + " raster has " + (long) width * height
                    + " pixels, not " + pixels.length);
        }
        float[] padded = new float[(width + 2) * (height + 2)];
        for (int row = 0; row < height; row++) {
            System.arraycopy(pixels, row * width, padded, (row + 1) * (width + 2) + 1, width);
        }
        return new DemTile(padded, width, height, true, true, true, true, noData, xResolution, yResolution,
                sourceType);
    }

    /** The elevation at a column and row of the tile, each from -1 (the halo) to the size. */
    public float value(int column, int row) {
        return values[(row + 1) * (width + 2) + column + 1];
    }

    /** Whether gdaldem computes this band in integers (Byte, Int16 and UInt16 bands). */
    public boolean integerSamples() {
        return sourceType == DataType.BYTE || sourceType == DataType.INT16 || sourceType == DataType.UINT16;
    }

    /** The number of output values an operation writes: {@code width * height}. */
    public int outputLength() {
        return width * height;
    }
}
