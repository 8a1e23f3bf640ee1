package io.tilework.gdal.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/** Opening and closing GDAL dataset handles, shared by raster and vector datasets. */
public final class Datasets {

    public static final int OF_UPDATE = 0x01;
    public static final int OF_RASTER = 0x02;
    public static final int OF_VECTOR = 0x04;
    public static final int OF_VERBOSE_ERROR = 0x40;

    private Datasets() {
    }

    /**
     * Opens {@code name} with {@code GDALOpenEx}.
     *
     * @throws io.tilework.gdal.GdalException naming the file when GDAL cannot open it
     */
    public static MemorySegment open(String name, int flags, Map<String, String> openOptions) {
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            MemorySegment handle = GdalC.openEx(arena.allocateFrom(name), flags | OF_VERBOSE_ERROR,
                    MemorySegment.NULL, CStrings.nameValueList(arena, openOptions), MemorySegment.NULL);
            if (handle.equals(MemorySegment.NULL)) {
                throw ErrorQueue.failure(name, "GDALOpenEx");
            }
            ErrorQueue.clear();
            return handle;
        }
    }

    /** Closes a dataset, raising what GDAL reports while flushing it (a full disk, say). */
    public static void close(MemorySegment handle, String name) {
        ErrorQueue.clear();
        GdalC.close(handle);
        ErrorQueue.check(name, "GDALClose");
    }

    /** A driver by short name, e.g. "GTiff", "COG", "MEM", "GPKG". */
    public static MemorySegment driver(String shortName) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment driver = GdalC.getDriverByName(arena.allocateFrom(shortName));
            if (driver.equals(MemorySegment.NULL)) {
                throw new io.tilework.gdal.GdalException(6, "GDAL has no driver named '" + shortName
                        + "'; `gdalinfo --formats` / `ogrinfo --formats` list the drivers this GDAL build has",
                        null, "GDALGetDriverByName");
            }
            return driver;
        }
    }

    /** The short name of the driver that opened {@code handle}. */
    public static String driverName(MemorySegment handle) {
        return CStrings.read(GdalC.getDriverShortName(GdalC.getDatasetDriver(handle)));
    }
}
