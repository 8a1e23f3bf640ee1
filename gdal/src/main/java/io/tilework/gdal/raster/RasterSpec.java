package io.tilework.gdal.raster;

/** The shape of a raster to create: size, band count and pixel type. */
public record RasterSpec(int width, int height, int bandCount, DataType dataType) {

    public RasterSpec {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size must be positive: " + width + "x" + height);
        }
        if (bandCount <= 0) {
            throw new IllegalArgumentException("band count must be positive: " + bandCount);
        }
        if (dataType.carrier() == null) {
            throw new IllegalArgumentException("cannot create rasters of type " + dataType.gdalName());
        }
    }
}
