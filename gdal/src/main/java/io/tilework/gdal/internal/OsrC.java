package io.tilework.gdal.internal;

import static io.tilework.gdal.internal.C.*;

import java.lang.foreign.MemorySegment;

/** OSR's spatial reference and coordinate transformation functions (ogr_srs_api.h). */
public final class OsrC {

    private static final Downcall OSRNewSpatialReference = fn("OSRNewSpatialReference", PTR, PTR);
    private static final Downcall OSRRelease = proc("OSRRelease", PTR);
    private static final Downcall OSRClone = fn("OSRClone", PTR, PTR);
    private static final Downcall OSRImportFromEPSG = fn("OSRImportFromEPSG", INT, PTR, INT);
    private static final Downcall OSRImportFromWkt = fn("OSRImportFromWkt", INT, PTR, PTR);
    private static final Downcall OSRImportFromProj4 = fn("OSRImportFromProj4", INT, PTR, PTR);
    private static final Downcall OSRSetFromUserInput = fn("OSRSetFromUserInput", INT, PTR, PTR);
    private static final Downcall OSRExportToWkt = fn("OSRExportToWkt", INT, PTR, PTR);
    private static final Downcall OSRExportToWktEx = fn("OSRExportToWktEx", INT, PTR, PTR, PTR);
    private static final Downcall OSRExportToProj4 = fn("OSRExportToProj4", INT, PTR, PTR);
    private static final Downcall OSRGetAuthorityName = fn("OSRGetAuthorityName", PTR, PTR, PTR);
    private static final Downcall OSRGetAuthorityCode = fn("OSRGetAuthorityCode", PTR, PTR, PTR);
    private static final Downcall OSRAutoIdentifyEPSG = fn("OSRAutoIdentifyEPSG", INT, PTR);
    private static final Downcall OSRSetAxisMappingStrategy = proc("OSRSetAxisMappingStrategy", PTR, INT);
    private static final Downcall OSRIsSame = fn("OSRIsSame", INT, PTR, PTR);
    private static final Downcall OSRGetName = fn("OSRGetName", PTR, PTR);
    private static final Downcall OSRIsGeographic = fn("OSRIsGeographic", INT, PTR);
    private static final Downcall OSRGetLinearUnits = fn("OSRGetLinearUnits", DOUBLE, PTR, PTR);
    private static final Downcall OSRGetAreaOfUse = fn("OSRGetAreaOfUse", INT, PTR, PTR, PTR, PTR, PTR, PTR);
    private static final Downcall OCTNewCoordinateTransformation = fn("OCTNewCoordinateTransformation", PTR, PTR, PTR);
    private static final Downcall OCTDestroyCoordinateTransformation = proc("OCTDestroyCoordinateTransformation", PTR);
    private static final Downcall OCTTransformEx = fn("OCTTransformEx", INT, PTR, INT, PTR, PTR, PTR, PTR);

    private OsrC() {
    }

    public static MemorySegment newSpatialReference(MemorySegment wkt) {
        try {
            return (MemorySegment) OSRNewSpatialReference.handle().invokeExact(wkt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void release(MemorySegment srs) {
        try {
            OSRRelease.handle().invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment clone(MemorySegment srs) {
        try {
            return (MemorySegment) OSRClone.handle().invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int importFromEPSG(MemorySegment srs, int code) {
        try {
            return (int) OSRImportFromEPSG.handle().invokeExact(srs, code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int importFromWkt(MemorySegment srs, MemorySegment wktPointer) {
        try {
            return (int) OSRImportFromWkt.handle().invokeExact(srs, wktPointer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int importFromProj4(MemorySegment srs, MemorySegment proj) {
        try {
            return (int) OSRImportFromProj4.handle().invokeExact(srs, proj);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setFromUserInput(MemorySegment srs, MemorySegment definition) {
        try {
            return (int) OSRSetFromUserInput.handle().invokeExact(srs, definition);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int exportToWkt(MemorySegment srs, MemorySegment out) {
        try {
            return (int) OSRExportToWkt.handle().invokeExact(srs, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int exportToWktEx(MemorySegment srs, MemorySegment out, MemorySegment options) {
        try {
            return (int) OSRExportToWktEx.handle().invokeExact(srs, out, options);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int exportToProj4(MemorySegment srs, MemorySegment out) {
        try {
            return (int) OSRExportToProj4.handle().invokeExact(srs, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getAuthorityName(MemorySegment srs, MemorySegment key) {
        try {
            return (MemorySegment) OSRGetAuthorityName.handle().invokeExact(srs, key);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getAuthorityCode(MemorySegment srs, MemorySegment key) {
        try {
            return (MemorySegment) OSRGetAuthorityCode.handle().invokeExact(srs, key);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int autoIdentifyEPSG(MemorySegment srs) {
        try {
            return (int) OSRAutoIdentifyEPSG.handle().invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setAxisMappingStrategy(MemorySegment srs, int strategy) {
        try {
            OSRSetAxisMappingStrategy.handle().invokeExact(srs, strategy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int isSame(MemorySegment srs, MemorySegment other) {
        try {
            return (int) OSRIsSame.handle().invokeExact(srs, other);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getName(MemorySegment srs) {
        try {
            return (MemorySegment) OSRGetName.handle().invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment newCoordinateTransformation(MemorySegment source, MemorySegment target) {
        try {
            return (MemorySegment) OCTNewCoordinateTransformation.handle().invokeExact(source, target);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void destroyCoordinateTransformation(MemorySegment transform) {
        try {
            OCTDestroyCoordinateTransformation.handle().invokeExact(transform);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int transformEx(MemorySegment transform, int count, MemorySegment x, MemorySegment y, MemorySegment z, MemorySegment success) {
        try {
            return (int) OCTTransformEx.handle().invokeExact(transform, count, x, y, z, success);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int isGeographic(MemorySegment srs) {
        try {
            return (int) OSRIsGeographic.handle().invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static double getLinearUnits(MemorySegment srs, MemorySegment name) {
        try {
            return (double) OSRGetLinearUnits.handle().invokeExact(srs, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getAreaOfUse(MemorySegment srs, MemorySegment west, MemorySegment south, MemorySegment east,
                                   MemorySegment north, MemorySegment name) {
        try {
            return (int) OSRGetAreaOfUse.handle().invokeExact(srs, west, south, east, north, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
