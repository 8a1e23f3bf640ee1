package io.tilework.gdal.internal;

import static io.tilework.gdal.internal.C.*;

import java.lang.foreign.MemorySegment;

/** GDAL's dataset, band and driver functions (gdal.h), one Java method per C function. */
public final class GdalC {

    private static final Downcall GDALAllRegister = proc("GDALAllRegister");
    private static final Downcall GDALVersionInfo = fn("GDALVersionInfo", PTR, PTR);
    private static final Downcall GDALSetCacheMax64 = proc("GDALSetCacheMax64", LONG);
    private static final Downcall GDALGetCacheMax64 = fn("GDALGetCacheMax64", LONG);
    private static final Downcall GDALOpenEx = fn("GDALOpenEx", PTR, PTR, INT, PTR, PTR, PTR);
    private static final Downcall GDALClose = proc("GDALClose", PTR);
    private static final Downcall GDALFlushCache = proc("GDALFlushCache", PTR);
    private static final Downcall GDALGetDescription = fn("GDALGetDescription", PTR, PTR);
    private static final Downcall GDALGetMetadataItem = fn("GDALGetMetadataItem", PTR, PTR, PTR, PTR);
    private static final Downcall GDALGetRasterXSize = fn("GDALGetRasterXSize", INT, PTR);
    private static final Downcall GDALGetRasterYSize = fn("GDALGetRasterYSize", INT, PTR);
    private static final Downcall GDALGetRasterCount = fn("GDALGetRasterCount", INT, PTR);
    private static final Downcall GDALGetGeoTransform = fn("GDALGetGeoTransform", INT, PTR, PTR);
    private static final Downcall GDALSetGeoTransform = fn("GDALSetGeoTransform", INT, PTR, PTR);
    private static final Downcall GDALGetSpatialRef = fn("GDALGetSpatialRef", PTR, PTR);
    private static final Downcall GDALSetSpatialRef = fn("GDALSetSpatialRef", INT, PTR, PTR);
    private static final Downcall GDALGetDatasetDriver = fn("GDALGetDatasetDriver", PTR, PTR);
    private static final Downcall GDALGetDriverShortName = fn("GDALGetDriverShortName", PTR, PTR);
    private static final Downcall GDALGetDriverLongName = fn("GDALGetDriverLongName", PTR, PTR);
    private static final Downcall GDALGetDriverByName = fn("GDALGetDriverByName", PTR, PTR);
    private static final Downcall GDALIdentifyDriver = fn("GDALIdentifyDriver", PTR, PTR, PTR);
    private static final Downcall GDALCreate = fn("GDALCreate", PTR, PTR, PTR, INT, INT, INT, INT, PTR);
    private static final Downcall GDALCreateCopy = fn("GDALCreateCopy", PTR, PTR, PTR, PTR, INT, PTR, PTR, PTR);
    private static final Downcall GDALGetRasterBand = fn("GDALGetRasterBand", PTR, PTR, INT);
    private static final Downcall GDALGetRasterDataType = fn("GDALGetRasterDataType", INT, PTR);
    private static final Downcall GDALGetDataTypeName = fn("GDALGetDataTypeName", PTR, INT);
    private static final Downcall GDALGetRasterNoDataValue = fn("GDALGetRasterNoDataValue", DOUBLE, PTR, PTR);
    private static final Downcall GDALSetRasterNoDataValue = fn("GDALSetRasterNoDataValue", INT, PTR, DOUBLE);
    private static final Downcall GDALGetBlockSize = proc("GDALGetBlockSize", PTR, PTR, PTR);
    private static final Downcall GDALGetOverviewCount = fn("GDALGetOverviewCount", INT, PTR);
    private static final Downcall GDALDatasetRasterIOEx = fn("GDALDatasetRasterIOEx", INT, PTR, INT, INT, INT, INT, INT, PTR, INT, INT, INT, INT, PTR, LONG, LONG, LONG, PTR);
    private static final Downcall GDALRasterIOEx = fn("GDALRasterIOEx", INT, PTR, INT, INT, INT, INT, INT, PTR, INT, INT, INT, LONG, LONG, PTR);
    private static final Downcall GDALCopyWords64 = proc("GDALCopyWords64", PTR, INT, INT, PTR, INT, INT, LONG);
    private static final Downcall GDALDatasetGetLayerCount = fn("GDALDatasetGetLayerCount", INT, PTR);
    private static final Downcall GDALDatasetGetLayer = fn("GDALDatasetGetLayer", PTR, PTR, INT);
    private static final Downcall GDALDatasetGetLayerByName = fn("GDALDatasetGetLayerByName", PTR, PTR, PTR);
    private static final Downcall GDALDatasetCreateLayer = fn("GDALDatasetCreateLayer", PTR, PTR, PTR, PTR, INT, PTR);
    private static final Downcall GDALDatasetTestCapability = fn("GDALDatasetTestCapability", INT, PTR, PTR);
    private static final Downcall GDALDatasetStartTransaction = fn("GDALDatasetStartTransaction", INT, PTR, INT);
    private static final Downcall GDALDatasetCommitTransaction = fn("GDALDatasetCommitTransaction", INT, PTR);
    private static final Downcall GDALDatasetRollbackTransaction = fn("GDALDatasetRollbackTransaction", INT, PTR);

    private GdalC() {
    }

    public static void allRegister() {
        try {
            GDALAllRegister.handle().invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment versionInfo(MemorySegment request) {
        try {
            return (MemorySegment) GDALVersionInfo.handle().invokeExact(request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setCacheMax64(long bytes) {
        try {
            GDALSetCacheMax64.handle().invokeExact(bytes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long getCacheMax64() {
        try {
            return (long) GDALGetCacheMax64.handle().invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment openEx(MemorySegment name, int flags, MemorySegment drivers, MemorySegment openOptions, MemorySegment siblingFiles) {
        try {
            return (MemorySegment) GDALOpenEx.handle().invokeExact(name, flags, drivers, openOptions, siblingFiles);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void close(MemorySegment dataset) {
        try {
            GDALClose.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void flushCache(MemorySegment dataset) {
        try {
            GDALFlushCache.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDescription(MemorySegment object) {
        try {
            return (MemorySegment) GDALGetDescription.handle().invokeExact(object);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getMetadataItem(MemorySegment object, MemorySegment name, MemorySegment domain) {
        try {
            return (MemorySegment) GDALGetMetadataItem.handle().invokeExact(object, name, domain);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getRasterXSize(MemorySegment dataset) {
        try {
            return (int) GDALGetRasterXSize.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getRasterYSize(MemorySegment dataset) {
        try {
            return (int) GDALGetRasterYSize.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getRasterCount(MemorySegment dataset) {
        try {
            return (int) GDALGetRasterCount.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getGeoTransform(MemorySegment dataset, MemorySegment transform) {
        try {
            return (int) GDALGetGeoTransform.handle().invokeExact(dataset, transform);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setGeoTransform(MemorySegment dataset, MemorySegment transform) {
        try {
            return (int) GDALSetGeoTransform.handle().invokeExact(dataset, transform);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getSpatialRef(MemorySegment dataset) {
        try {
            return (MemorySegment) GDALGetSpatialRef.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setSpatialRef(MemorySegment dataset, MemorySegment srs) {
        try {
            return (int) GDALSetSpatialRef.handle().invokeExact(dataset, srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDatasetDriver(MemorySegment dataset) {
        try {
            return (MemorySegment) GDALGetDatasetDriver.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDriverShortName(MemorySegment driver) {
        try {
            return (MemorySegment) GDALGetDriverShortName.handle().invokeExact(driver);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDriverLongName(MemorySegment driver) {
        try {
            return (MemorySegment) GDALGetDriverLongName.handle().invokeExact(driver);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment identifyDriver(MemorySegment name, MemorySegment fileList) {
        try {
            return (MemorySegment) GDALIdentifyDriver.handle().invokeExact(name, fileList);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDriverByName(MemorySegment name) {
        try {
            return (MemorySegment) GDALGetDriverByName.handle().invokeExact(name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment create(MemorySegment driver, MemorySegment name, int width, int height, int bands, int dataType, MemorySegment options) {
        try {
            return (MemorySegment) GDALCreate.handle().invokeExact(driver, name, width, height, bands, dataType, options);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment createCopy(MemorySegment driver, MemorySegment name, MemorySegment source, int strict, MemorySegment options, MemorySegment progress, MemorySegment progressData) {
        try {
            return (MemorySegment) GDALCreateCopy.handle().invokeExact(driver, name, source, strict, options, progress, progressData);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getRasterBand(MemorySegment dataset, int band) {
        try {
            return (MemorySegment) GDALGetRasterBand.handle().invokeExact(dataset, band);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getRasterDataType(MemorySegment band) {
        try {
            return (int) GDALGetRasterDataType.handle().invokeExact(band);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getDataTypeName(int dataType) {
        try {
            return (MemorySegment) GDALGetDataTypeName.handle().invokeExact(dataType);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static double getRasterNoDataValue(MemorySegment band, MemorySegment success) {
        try {
            return (double) GDALGetRasterNoDataValue.handle().invokeExact(band, success);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setRasterNoDataValue(MemorySegment band, double value) {
        try {
            return (int) GDALSetRasterNoDataValue.handle().invokeExact(band, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void getBlockSize(MemorySegment band, MemorySegment xSize, MemorySegment ySize) {
        try {
            GDALGetBlockSize.handle().invokeExact(band, xSize, ySize);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getOverviewCount(MemorySegment band) {
        try {
            return (int) GDALGetOverviewCount.handle().invokeExact(band);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void copyWords64(MemorySegment source, int sourceType, int sourceStride, MemorySegment target, int targetType,
                                   int targetStride, long count) {
        try {
            GDALCopyWords64.handle().invokeExact(source, sourceType, sourceStride, target, targetType, targetStride, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetRasterIOEx(MemorySegment dataset, int readWrite, int xOff, int yOff, int xSize, int ySize, MemorySegment buffer, int bufferXSize, int bufferYSize, int bufferType, int bandCount, MemorySegment bandMap, long pixelSpace, long lineSpace, long bandSpace, MemorySegment extraArg) {
        try {
            return (int) GDALDatasetRasterIOEx.handle().invokeExact(dataset, readWrite, xOff, yOff, xSize, ySize, buffer, bufferXSize, bufferYSize, bufferType, bandCount, bandMap, pixelSpace, lineSpace, bandSpace, extraArg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int rasterIOEx(MemorySegment band, int readWrite, int xOff, int yOff, int xSize, int ySize, MemorySegment buffer, int bufferXSize, int bufferYSize, int bufferType, long pixelSpace, long lineSpace, MemorySegment extraArg) {
        try {
            return (int) GDALRasterIOEx.handle().invokeExact(band, readWrite, xOff, yOff, xSize, ySize, buffer, bufferXSize, bufferYSize, bufferType, pixelSpace, lineSpace, extraArg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetGetLayerCount(MemorySegment dataset) {
        try {
            return (int) GDALDatasetGetLayerCount.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment datasetGetLayer(MemorySegment dataset, int index) {
        try {
            return (MemorySegment) GDALDatasetGetLayer.handle().invokeExact(dataset, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment datasetGetLayerByName(MemorySegment dataset, MemorySegment name) {
        try {
            return (MemorySegment) GDALDatasetGetLayerByName.handle().invokeExact(dataset, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment datasetCreateLayer(MemorySegment dataset, MemorySegment name, MemorySegment srs, int geometryType, MemorySegment options) {
        try {
            return (MemorySegment) GDALDatasetCreateLayer.handle().invokeExact(dataset, name, srs, geometryType, options);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetTestCapability(MemorySegment dataset, MemorySegment capability) {
        try {
            return (int) GDALDatasetTestCapability.handle().invokeExact(dataset, capability);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetStartTransaction(MemorySegment dataset, int force) {
        try {
            return (int) GDALDatasetStartTransaction.handle().invokeExact(dataset, force);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetCommitTransaction(MemorySegment dataset) {
        try {
            return (int) GDALDatasetCommitTransaction.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int datasetRollbackTransaction(MemorySegment dataset) {
        try {
            return (int) GDALDatasetRollbackTransaction.handle().invokeExact(dataset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

}

