package io.tilework.gdal.raster;

/**
 * The affine map from pixel/line to georeferenced coordinates, in GDAL's order:
 * {@code Xgeo = originX + col * pixelWidth + row * rowRotation},
 * {@code Ygeo = originY + col * columnRotation + row * pixelHeight}.
 */
public record GeoTransform(double originX, double pixelWidth, double rowRotation,
                           double originY, double columnRotation, double pixelHeight) {

    /** From GDAL's six-element array. */
    public static GeoTransform of(double[] coefficients) {
        if (coefficients.length != 6) {
            throw new IllegalArgumentException("a geotransform has 6 coefficients, not " + coefficients.length);
        }
        return new GeoTransform(coefficients[0], coefficients[1], coefficients[2],
                coefficients[3], coefficients[4], coefficients[5]);
    }

    /** GDAL's six-element array. */
    public double[] toArray() {
        return new double[] {originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight};
    }

    public boolean isNorthUp() {
        return rowRotation == 0 && columnRotation == 0;
    }
}
