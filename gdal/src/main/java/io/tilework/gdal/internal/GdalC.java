package io.tilework.gdal.internal;

import static io.tilework.gdal.internal.C.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** GDAL's dataset, band and driver functions (gdal.h), one Java method per C function. */
public final class GdalC {

    private static final MethodHandle GDALAllRegister = proc("GDALAllRegister");
    private static final MethodHandle GDALSetCacheMax64 = proc("GDALSetCacheMax64", LONG);
    private static final MethodHandle GDALGetCacheMax64 = fn("GDALGetCacheMax64", LONG);
    private static final MethodHandle GDALOpenEx = fn("GDALOpenEx", PTR, PTR, INT, PTR, PTR, PTR);
    private static final MethodHandle GDALClose = proc("GDALClose", PTR);
    private static final MethodHandle GDALFlushCache = proc("GDALFlushCache", PTR);
    private static final MethodHandle GDALGetDescription = fn("GDALGetDescription", PTR, PTR);
    private static final MethodHandle GDALGetMetadataItem = fn("GDALGetMetadataItem", PTR, PTR, PTR, PTR);
    private static final MethodHandle GDALGetRasterXSize = fn("GDALGetRasterXSize", INT, PTR);
    private static final MethodHandle GDALGetRasterYSize = fn("GDALGetRasterYSize", INT, PTR);
    private static final MethodHandle GDALGetRasterCount = fn("GDALGetRasterCount", INT, PTR);
    private static final MethodHandle GDALGetGeoTransform = fn("GDALGetGeoTransform", INT, PTR, PTR);
    private static final MethodHandle GDALSetGeoTransform = fn("GDALSetGeoTransform", INT, PTR, PTR);
    private static final MethodHandle GDALGetSpatialRef = fn("GDALGetSpatialRef", PTR, PTR);
    private static final MethodHandle GDALSetSpatialRef = fn("GDALSetSpatialRef", INT, PTR, PTR);
    private static final MethodHandle GDALGetDatasetDriver = fn("GDALGetDatasetDriver", PTR, PTR);
    private static final MethodHandle GDALGetDriverShortName = fn("GDALGetDriverShortName", PTR, PTR);
    private static final MethodHandle GDALGetDriverLongName = fn("GDALGetDriverLongName", PTR, PTR);
    private static final MethodHandle GDALGetDriverByName = fn("GDALGetDriverByName", PTR, PTR);
    private static final MethodHandle GDALCreate = fn("GDALCreate", PTR, PTR, PTR, INT, INT, INT, INT, PTR);
    private static final MethodHandle GDALCreateCopy = fn("GDALCreateCopy", PTR, PTR, PTR, PTR, INT, PTR, PTR, PTR);
    private static final MethodHandle GDALGetRasterBand = fn("GDALGetRasterBand", PTR, PTR, INT);
    private static final MethodHandle GDALGetRasterDataType = fn("GDALGetRasterDataType", INT, PTR);
    private static final MethodHandle GDALGetDataTypeName = fn("GDALGetDataTypeName", PTR, INT);
    private static final MethodHandle GDALGetRasterNoDataValue = fn("GDALGetRasterNoDataValue", DOUBLE, PTR, PTR);
    private static final MethodHandle GDALSetRasterNoDataValue = fn("GDALSetRasterNoDataValue", INT, PTR, DOUBLE);
    private static final MethodHandle GDALGetBlockSize = proc("GDALGetBlockSize", PTR, PTR, PTR);
    private static final MethodHandle GDALGetOverviewCount = fn("GDALGetOverviewCount", INT, PTR);
    private static final MethodHandle GDALDatasetRasterIOEx = fn("GDALDatasetRasterIOEx", INT, PTR, INT, INT, INT, INT, INT, PTR, INT, INT, INT, INT, PTR, LONG, LONG, LONG, PTR);
    private static final MethodHandle GDALRasterIOEx = fn("GDALRasterIOEx", INT, PTR, INT, INT, INT, INT, INT, PTR, INT, INT, INT, LONG, LONG, PTR);
    private static final MethodHandle GDALDatasetGetLayerCount = fn("GDALDatasetGetLayerCount", INT, PTR);
    private static final MethodHandle GDALDatasetGetLayer = fn("GDALDatasetGetLayer", PTR, PTR, INT);
    private static final MethodHandle GDALDatasetGetLayerByName = fn("GDALDatasetGetLayerByName", PTR, PTR, PTR);
    private static final MethodHandle GDALDatasetCreateLayer = fn("GDALDatasetCreateLayer", PTR, PTR, PTR, PTR, INT, PTR);
    private static final MethodHandle GDALDatasetTestCapability = fn("GDALDatasetTestCapability", INT, PTR, PTR);
    private static final MethodHandle GDALDatasetStartTransaction = fn("GDALDatasetStartTransaction", INT, PTR, INT);
    private static final MethodHandle GDALDatasetCommitTransaction = fn("GDALDatasetCommitTransaction", INT, PTR);
    private static final MethodHandle GDALDatasetRollbackTransaction = fn("GDALDatasetRollbackTransaction", INT, PTR);

    private GdalC() {
    }

    public static void allRegister() {
        try {
            GDALAllRegister.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setCacheMax64(long bytes) {
        try {
            GDALSetCacheMax64.invokeExact(bytes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long getCacheMax64() {
        try {
            return (long) GDALGetCacheMax64.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment openEx(MemorySegment name, int flags, MemorySegment drivers, MemorySegment openOptions, MemorySegment siblingFiles) {
        try {
            return (MemorySegment) GDALOpenEx.invokeExact(name, flags, drivers, openOptions, siblingFiles);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void close(MemorySegment dataset) {
        try {
            GDALClose.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void flushCache(MemorySegment dataset) {
        try {
            GDALFlushCache.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDescription(MemorySegment object) {
        try {
            return (MemorySegment) GDALGetDescription.invokeExact(object);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getMetadataItem(MemorySegment object, MemorySegment name, MemorySegment domain) {
        try {
            return (MemorySegment) GDALGetMetadataItem.invokeExact(object, name, domain);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getRasterXSize(MemorySegment dataset) {
        try {
            return (int) GDALGetRasterXSize.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getRasterYSize(MemorySegment dataset) {
        try {
            return (int) GDALGetRasterYSize.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getRasterCount(MemorySegment dataset) {
        try {
            return (int) GDALGetRasterCount.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getGeoTransform(MemorySegment dataset, MemorySegment transform) {
        try {
            return (int) GDALGetGeoTransform.invokeExact(dataset, transform);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setGeoTransform(MemorySegment dataset, MemorySegment transform) {
        try {
            return (int) GDALSetGeoTransform.invokeExact(dataset, transform);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getSpatialRef(MemorySegment dataset) {
        try {
            return (MemorySegment) GDALGetSpatialRef.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setSpatialRef(MemorySegment dataset, MemorySegment srs) {
        try {
            return (int) GDALSetSpatialRef.invokeExact(dataset, srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDatasetDriver(MemorySegment dataset) {
        try {
            return (MemorySegment) GDALGetDatasetDriver.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDriverShortName(MemorySegment driver) {
        try {
            return (MemorySegment) GDALGetDriverShortName.invokeExact(driver);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDriverLongName(MemorySegment driver) {
        try {
            return (MemorySegment) GDALGetDriverLongName.invokeExact(driver);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDriverByName(MemorySegment name) {
        try {
            return (MemorySegment) GDALGetDriverByName.invokeExact(name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment create(MemorySegment driver, MemorySegment name, int width, int height, int bands, int dataType, MemorySegment options) {
        try {
            return (MemorySegment) GDALCreate.invokeExact(driver, name, width, height, bands, dataType, options);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment createCopy(MemorySegment driver, MemorySegment name, MemorySegment source, int strict, MemorySegment options, MemorySegment progress, MemorySegment progressData) {
        try {
            return (MemorySegment) GDALCreateCopy.invokeExact(driver, name, source, strict, options, progress, progressData);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getRasterBand(MemorySegment dataset, int band) {
        try {
            return (MemorySegment) GDALGetRasterBand.invokeExact(dataset, band);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getRasterDataType(MemorySegment band) {
        try {
            return (int) GDALGetRasterDataType.invokeExact(band);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDataTypeName(int dataType) {
        try {
            return (MemorySegment) GDALGetDataTypeName.invokeExact(dataType);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static double getRasterNoDataValue(MemorySegment band, MemorySegment success) {
        try {
            return (double) GDALGetRasterNoDataValue.invokeExact(band, success);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setRasterNoDataValue(MemorySegment band, double value) {
        try {
            return (int) GDALSetRasterNoDataValue.invokeExact(band, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void getBlockSize(MemorySegment band, MemorySegment xSize, MemorySegment ySize) {
        try {
            GDALGetBlockSize.invokeExact(band, xSize, ySize);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getOverviewCount(MemorySegment band) {
        try {
            return (int) GDALGetOverviewCount.invokeExact(band);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetRasterIOEx(MemorySegment dataset, int readWrite, int xOff, int yOff, int xSize, int ySize, MemorySegment buffer, int bufferXSize, int bufferYSize, int bufferType, int bandCount, MemorySegment bandMap, long pixelSpace, long lineSpace, long bandSpace, MemorySegment extraArg) {
        try {
            return (int) GDALDatasetRasterIOEx.invokeExact(dataset, readWrite, xOff, yOff, xSize, ySize, buffer, bufferXSize, bufferYSize, bufferType, bandCount, bandMap, pixelSpace, lineSpace, bandSpace, extraArg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int rasterIOEx(MemorySegment band, int readWrite, int xOff, int yOff, int xSize, int ySize, MemorySegment buffer, int bufferXSize, int bufferYSize, int bufferType, long pixelSpace, long lineSpace, MemorySegment extraArg) {
        try {
            return (int) GDALRasterIOEx.invokeExact(band, readWrite, xOff, yOff, xSize, ySize, buffer, bufferXSize, bufferYSize, bufferType, pixelSpace, lineSpace, extraArg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetGetLayerCount(MemorySegment dataset) {
        try {
            return (int) GDALDatasetGetLayerCount.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment datasetGetLayer(MemorySegment dataset, int index) {
        try {
            return (MemorySegment) GDALDatasetGetLayer.invokeExact(dataset, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment datasetGetLayerByName(MemorySegment dataset, MemorySegment name) {
        try {
            return (MemorySegment) GDALDatasetGetLayerByName.invokeExact(dataset, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment datasetCreateLayer(MemorySegment dataset, MemorySegment name, MemorySegment srs, int geometryType, MemorySegment options) {
        try {
            return (MemorySegment) GDALDatasetCreateLayer.invokeExact(dataset, name, srs, geometryType, options);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetTestCapability(MemorySegment dataset, MemorySegment capability) {
        try {
            return (int) GDALDatasetTestCapability.invokeExact(dataset, capability);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetStartTransaction(MemorySegment dataset, int force) {
        try {
            return (int) GDALDatasetStartTransaction.invokeExact(dataset, force);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetCommitTransaction(MemorySegment dataset) {
        try {
            return (int) GDALDatasetCommitTransaction.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetRollbackTransaction(MemorySegment dataset) {
        try {
            return (int) GDALDatasetRollbackTransaction.invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

}

