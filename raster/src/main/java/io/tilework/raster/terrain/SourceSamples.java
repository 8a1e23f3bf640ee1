package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import java.util.OptionalDouble;

/**
 * How gdaldem recognises nodata in a source band and extrapolates past the raster's edge.
 *
 * <p>gdaldem has two arithmetics. For Byte, Int16 and UInt16 bands it works in integers: the
 * nodata value counts only if it is within 0.01 of an integer inside the type's range (it is
 * then rounded), values match it exactly, and an extrapolated value that happens to equal it is
 * moved up by one so that it is not mistaken for nodata. For every other type it works in
 * floats: values match nodata within two float ulps of their sum (GDAL's ARE_REAL_EQUAL), NaN
 * nodata matches NaN, and extrapolated values are left as they come.
 */
final class SourceSamples {

    private static final float FLOAT_EPSILON = Math.ulp(1f);

    private final boolean integer;
    private final boolean hasNoData;
    private final boolean noDataIsNan;
    private final float noData;

    private SourceSamples(boolean integer, boolean hasNoData, boolean noDataIsNan, float noData) {
        this.integer = integer;
        this.hasNoData = hasNoData;
        this.noDataIsNan = noDataIsNan;
        this.noData = noData;
    }

    static SourceSamples of(DemTile tile) {
        OptionalDouble declared = tile.noData();
        if (!tile.integerSamples()) {
            double value = declared.orElse(0);
            return new SourceSamples(false, declared.isPresent(), Double.isNaN(value), (float) value);
        }
        if (declared.isEmpty()) {
            return new SourceSamples(true, false, false, 0);
        }
        double value = declared.getAsDouble();
        double rounded = Math.floor(value + 0.5);
        boolean usable = Math.abs(value - rounded) < 1e-2
                && value >= minimum(tile.sourceType()) && value <= maximum(tile.sourceType());
        return new SourceSamples(true, usable, false, usable ? (float) rounded : 0);
    }

    boolean hasNoData() {
        return hasNoData;
    }

    boolean isNoData(float value) {
        if (!hasNoData) {
            return false;
        }
        if (integer) {
            return value == noData;
        }
        return noDataIsNan ? Float.isNaN(value) : areRealEqual(value, noData);
    }

    /**
     * Whether any of {@code values[from]} to {@code values[to - 1]} is nodata. The range of the
     * values (a minimum and maximum the JIT vectorises) settles it for most rows, which never
     * come near the nodata value; only rows it cannot settle are scanned value by value.
     */
    boolean anyNoData(float[] values, int from, int to) {
        if (!hasNoData) {
            return false;
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        if (noDataIsNan) {
            return Float.isNaN(min);    // Math.min keeps a NaN once it meets one
        }
        if (!Float.isNaN(min) && outsideRange(min, max)) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (isNoData(values[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether no value from {@code min} to {@code max} can be nodata. Integers match exactly.
     * ARE_REAL_EQUAL matches only within about 2^-21 of the nodata value, relatively, as long as
     * neither its sum nor its difference can overflow or become subnormal; a gap of 2^-16 of the
     * nodata value between it and the range, with magnitudes kept between 2^-60 and 2^60, leaves
     * ample room for the float rounding of that test.
     */
    private boolean outsideRange(float min, float max) {
        if (integer) {
            return noData < min || noData > max;
        }
        double magnitude = Math.abs((double) noData);
        boolean moderate = (noData == 0 || (magnitude >= 0x1p-60 && magnitude <= 0x1p60))
                && Math.abs(min) <= 0x1p60 && Math.abs(max) <= 0x1p60;
        double gap = 0x1p-16 * magnitude;
        return moderate && (noData < min - gap || noData > max + gap);
    }

    /** The value one step beyond {@code edge}, continuing the line from {@code inner}: 2 * edge - inner. */
    float extrapolate(float edge, float inner) {
        if (integer) {
            if (hasNoData && (edge == noData || inner == noData)) {
                return noData;
            }
            float value = 2 * edge - inner;
            return hasNoData && value == noData ? value + 1 : value;
        }
        if (hasNoData && (areRealEqual(edge, noData) || areRealEqual(inner, noData))) {
            return noData;
        }
        return 2 * edge - inner;
    }

    private static boolean areRealEqual(float a, float b) {
        return a == b || Math.abs(a - b) < FLOAT_EPSILON * Math.abs(a + b) * 2;
    }

    private static int minimum(DataType type) {
        return type == DataType.INT16 ? Short.MIN_VALUE : 0;
    }

    private static int maximum(DataType type) {
        return switch (type) {
            case BYTE -> 255;
            case INT16 -> Short.MAX_VALUE;
            default -> 65535;
        };
    }
}
