package io.tilework.gdal.internal;

import static io.tilework.gdal.internal.C.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** OSR's spatial reference and coordinate transformation functions (ogr_srs_api.h). */
public final class OsrC {

    private static final MethodHandle OSRNewSpatialReference = fn("OSRNewSpatialReference", PTR, PTR);
    private static final MethodHandle OSRRelease = proc("OSRRelease", PTR);
    private static final MethodHandle OSRClone = fn("OSRClone", PTR, PTR);
    private static final MethodHandle OSRImportFromEPSG = fn("OSRImportFromEPSG", INT, PTR, INT);
    private static final MethodHandle OSRImportFromWkt = fn("OSRImportFromWkt", INT, PTR, PTR);
    private static final MethodHandle OSRImportFromProj4 = fn("OSRImportFromProj4", INT, PTR, PTR);
    private static final MethodHandle OSRSetFromUserInput = fn("OSRSetFromUserInput", INT, PTR, PTR);
    private static final MethodHandle OSRExportToWkt = fn("OSRExportToWkt", INT, PTR, PTR);
    private static final MethodHandle OSRExportToWktEx = fn("OSRExportToWktEx", INT, PTR, PTR, PTR);
    private static final MethodHandle OSRExportToProj4 = fn("OSRExportToProj4", INT, PTR, PTR);
    private static final MethodHandle OSRGetAuthorityName = fn("OSRGetAuthorityName", PTR, PTR, PTR);
    private static final MethodHandle OSRGetAuthorityCode = fn("OSRGetAuthorityCode", PTR, PTR, PTR);
    private static final MethodHandle OSRAutoIdentifyEPSG = fn("OSRAutoIdentifyEPSG", INT, PTR);
    private static final MethodHandle OSRSetAxisMappingStrategy = proc("OSRSetAxisMappingStrategy", PTR, INT);
    private static final MethodHandle OSRIsSame = fn("OSRIsSame", INT, PTR, PTR);
    private static final MethodHandle OSRGetName = fn("OSRGetName", PTR, PTR);
    private static final MethodHandle OSRIsGeographic = fn("OSRIsGeographic", INT, PTR);
    private static final MethodHandle OSRGetLinearUnits = fn("OSRGetLinearUnits", DOUBLE, PTR, PTR);
    private static final MethodHandle OSRGetAreaOfUse = fn("OSRGetAreaOfUse", INT, PTR, PTR, PTR, PTR, PTR, PTR);
    private static final MethodHandle OCTNewCoordinateTransformation = fn("OCTNewCoordinateTransformation", PTR, PTR, PTR);
    private static final MethodHandle OCTDestroyCoordinateTransformation = proc("OCTDestroyCoordinateTransformation", PTR);
    private static final MethodHandle OCTTransformEx = fn("OCTTransformEx", INT, PTR, INT, PTR, PTR, PTR, PTR);

    private OsrC() {
    }

    public static MemorySegment newSpatialReference(MemorySegment wkt) {
        try {
            return (MemorySegment) OSRNewSpatialReference.invokeExact(wkt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void release(MemorySegment srs) {
        try {
            OSRRelease.invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment clone(MemorySegment srs) {
        try {
            return (MemorySegment) OSRClone.invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int importFromEPSG(MemorySegment srs, int code) {
        try {
            return (int) OSRImportFromEPSG.invokeExact(srs, code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int importFromWkt(MemorySegment srs, MemorySegment wktPointer) {
        try {
            return (int) OSRImportFromWkt.invokeExact(srs, wktPointer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int importFromProj4(MemorySegment srs, MemorySegment proj) {
        try {
            return (int) OSRImportFromProj4.invokeExact(srs, proj);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setFromUserInput(MemorySegment srs, MemorySegment definition) {
        try {
            return (int) OSRSetFromUserInput.invokeExact(srs, definition);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int exportToWkt(MemorySegment srs, MemorySegment out) {
        try {
            return (int) OSRExportToWkt.invokeExact(srs, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int exportToWktEx(MemorySegment srs, MemorySegment out, MemorySegment options) {
        try {
            return (int) OSRExportToWktEx.invokeExact(srs, out, options);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int exportToProj4(MemorySegment srs, MemorySegment out) {
        try {
            return (int) OSRExportToProj4.invokeExact(srs, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getAuthorityName(MemorySegment srs, MemorySegment key) {
        try {
            return (MemorySegment) OSRGetAuthorityName.invokeExact(srs, key);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getAuthorityCode(MemorySegment srs, MemorySegment key) {
        try {
            return (MemorySegment) OSRGetAuthorityCode.invokeExact(srs, key);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int autoIdentifyEPSG(MemorySegment srs) {
        try {
            return (int) OSRAutoIdentifyEPSG.invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setAxisMappingStrategy(MemorySegment srs, int strategy) {
        try {
            OSRSetAxisMappingStrategy.invokeExact(srs, strategy);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int isSame(MemorySegment srs, MemorySegment other) {
        try {
            return (int) OSRIsSame.invokeExact(srs, other);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getName(MemorySegment srs) {
        try {
            return (MemorySegment) OSRGetName.invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment newCoordinateTransformation(MemorySegment source, MemorySegment target) {
        try {
            return (MemorySegment) OCTNewCoordinateTransformation.invokeExact(source, target);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void destroyCoordinateTransformation(MemorySegment transform) {
        try {
            OCTDestroyCoordinateTransformation.invokeExact(transform);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int transformEx(MemorySegment transform, int count, MemorySegment x, MemorySegment y, MemorySegment z, MemorySegment success) {
        try {
            return (int) OCTTransformEx.invokeExact(transform, count, x, y, z, success);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int isGeographic(MemorySegment srs) {
        try {
            return (int) OSRIsGeographic.invokeExact(srs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static double getLinearUnits(MemorySegment srs, MemorySegment name) {
        try {
            return (double) OSRGetLinearUnits.invokeExact(srs, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getAreaOfUse(MemorySegment srs, MemorySegment west, MemorySegment south, MemorySegment east,
                                   MemorySegment north, MemorySegment name) {
        try {
            return (int) OSRGetAreaOfUse.invokeExact(srs, west, south, east, north, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
