package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import io.tilework.raster.failure.TerrainOptionInvalid;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The normalised difference vegetation index, {@code (nir - red) / (nir + red)}, times
 * {@code scale}, as Float32: each step in float arithmetic, as a Float32 band-math expression
 * computes it (so {@code scale} 1000 gives the values whose GDAL checksum is 63632 on the
 * project's Landsat bands 4 and 5).
 *
 * <p>Nodata: a pixel is {@code outputNoData} where either band holds its nodata value (compared
 * after conversion to float, NaN nodata matching NaN), where either band is NaN, or where
 * {@code nir + red} is 0 and the index is undefined. Otherwise every value is computed, even
 * outside [-1, 1] (negative reflectances happen in surface-reflectance products).
 *
 * @param redNoData    the red band's nodata value, if it has one
 * @param nirNoData    the near-infrared band's nodata value, if it has one
 * @param scale        the factor applied to the index (1 for the plain index)
 * @param outputNoData the value written where there is no index
 */
public record Ndvi(OptionalDouble redNoData, OptionalDouble nirNoData, float scale, float outputNoData) {

    public static final float NO_DATA = TerrainOperation.FLOAT_NO_DATA;

    public Ndvi {
        Objects.requireNonNull(redNoData, "redNoData");
        Objects.requireNonNull(nirNoData, "nirNoData");
        if (!Float.isFinite(scale) || scale == 0) {
            throw new TerrainOptionInvalid("NDVI scale must be finite and non-zero: " + scale);
        }
    }

    /** The plain index, nodata -9999. */
    public static Ndvi of(OptionalDouble redNoData, OptionalDouble nirNoData) {
        return new Ndvi(redNoData, nirNoData, 1f, NO_DATA);
    }

    public Ndvi withScale(float value) {
        return new Ndvi(redNoData, nirNoData, value, outputNoData);
    }

    public DataType outputType() {
        return DataType.FLOAT32;
    }

    /**
     * Computes {@code out[i]} from {@code red[i]} and {@code nir[i]} for every index of {@code out}.
     *
     * @throws IllegalArgumentException if an input is shorter than {@code out}
     */
    public void apply(float[] red, float[] nir, float[] out) {
        if (red.length < out.length || nir.length < out.length) {
            throw new IllegalArgumentException("NDVI of " + out.length + " pixels needs as many red and near-infrared "
                    + "values, not " + red.length + " and " + nir.length);
        }
        float redMissing = (float) redNoData.orElse(Double.NaN);
        float nirMissing = (float) nirNoData.orElse(Double.NaN);
        for (int i = 0; i < out.length; i++) {
            float r = red[i];
            float n = nir[i];
            float sum = n + r;
            boolean missing = isMissing(r, redNoData, redMissing) || isMissing(n, nirNoData, nirMissing) || sum == 0;
            out[i] = missing ? outputNoData : (n - r) / sum * scale;
        }
    }

    private static boolean isMissing(float value, OptionalDouble declared, float noData) {
        return Float.isNaN(value) || (declared.isPresent() && value == noData);
    }
}
