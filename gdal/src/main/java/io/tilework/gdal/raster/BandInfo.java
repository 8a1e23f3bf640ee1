package io.tilework.gdal.raster;

import java.util.OptionalDouble;

/** What GDAL reports about one band: pixel type, nodata, block size and overviews. */
public record BandInfo(int index, DataType dataType, OptionalDouble noData,
                       int blockWidth, int blockHeight, int overviewCount) {
}
