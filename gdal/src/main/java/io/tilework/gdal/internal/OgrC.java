package io.tilework.gdal.internal;

import static io.tilework.gdal.internal.C.*;

import java.lang.foreign.MemorySegment;

/** OGR's layer, feature, field and geometry functions (ogr_api.h), one Java method per C function. */
public final class OgrC {

    private static final Downcall OGR_L_GetName = fn("OGR_L_GetName", PTR, PTR);
    private static final Downcall OGR_L_GetFeatureCount = fn("OGR_L_GetFeatureCount", LONG, PTR, INT);
    private static final Downcall OGR_L_GetLayerDefn = fn("OGR_L_GetLayerDefn", PTR, PTR);
    private static final Downcall OGR_L_GetGeomType = fn("OGR_L_GetGeomType", INT, PTR);
    private static final Downcall OGR_L_GetSpatialRef = fn("OGR_L_GetSpatialRef", PTR, PTR);
    private static final Downcall OGR_L_ResetReading = proc("OGR_L_ResetReading", PTR);
    private static final Downcall OGR_L_GetNextFeature = fn("OGR_L_GetNextFeature", PTR, PTR);
    private static final Downcall OGR_L_SetSpatialFilterRect = proc("OGR_L_SetSpatialFilterRect", PTR, DOUBLE, DOUBLE, DOUBLE, DOUBLE);
    private static final Downcall OGR_L_SetSpatialFilter = proc("OGR_L_SetSpatialFilter", PTR, PTR);
    private static final Downcall OGR_L_SetAttributeFilter = fn("OGR_L_SetAttributeFilter", INT, PTR, PTR);
    private static final Downcall OGR_L_SyncToDisk = fn("OGR_L_SyncToDisk", INT, PTR);
    private static final Downcall OGR_L_CreateField = fn("OGR_L_CreateField", INT, PTR, PTR, INT);
    private static final Downcall OGR_L_CreateFeature = fn("OGR_L_CreateFeature", INT, PTR, PTR);
    private static final Downcall OGR_FD_GetFieldCount = fn("OGR_FD_GetFieldCount", INT, PTR);
    private static final Downcall OGR_FD_GetFieldDefn = fn("OGR_FD_GetFieldDefn", PTR, PTR, INT);
    private static final Downcall OGR_Fld_GetNameRef = fn("OGR_Fld_GetNameRef", PTR, PTR);
    private static final Downcall OGR_Fld_GetType = fn("OGR_Fld_GetType", INT, PTR);
    private static final Downcall OGR_Fld_Create = fn("OGR_Fld_Create", PTR, PTR, INT);
    private static final Downcall OGR_Fld_Destroy = proc("OGR_Fld_Destroy", PTR);
    private static final Downcall OGR_F_Create = fn("OGR_F_Create", PTR, PTR);
    private static final Downcall OGR_F_Destroy = proc("OGR_F_Destroy", PTR);
    private static final Downcall OGR_F_GetFID = fn("OGR_F_GetFID", LONG, PTR);
    private static final Downcall OGR_F_IsFieldSetAndNotNull = fn("OGR_F_IsFieldSetAndNotNull", INT, PTR, INT);
    private static final Downcall OGR_F_GetFieldAsInteger = fn("OGR_F_GetFieldAsInteger", INT, PTR, INT);
    private static final Downcall OGR_F_GetFieldAsInteger64 = fn("OGR_F_GetFieldAsInteger64", LONG, PTR, INT);
    private static final Downcall OGR_F_GetFieldAsDouble = fn("OGR_F_GetFieldAsDouble", DOUBLE, PTR, INT);
    private static final Downcall OGR_F_GetFieldAsString = fn("OGR_F_GetFieldAsString", PTR, PTR, INT);
    private static final Downcall OGR_F_GetFieldAsIntegerList = fn("OGR_F_GetFieldAsIntegerList", PTR, PTR, INT, PTR);
    private static final Downcall OGR_F_GetFieldAsInteger64List = fn("OGR_F_GetFieldAsInteger64List", PTR, PTR, INT, PTR);
    private static final Downcall OGR_F_GetFieldAsDoubleList = fn("OGR_F_GetFieldAsDoubleList", PTR, PTR, INT, PTR);
    private static final Downcall OGR_F_GetFieldAsStringList = fn("OGR_F_GetFieldAsStringList", PTR, PTR, INT);
    private static final Downcall OGR_F_GetFieldAsBinary = fn("OGR_F_GetFieldAsBinary", PTR, PTR, INT, PTR);
    private static final Downcall OGR_F_GetFieldIndex = fn("OGR_F_GetFieldIndex", INT, PTR, PTR);
    private static final Downcall OGR_F_SetFieldInteger64 = proc("OGR_F_SetFieldInteger64", PTR, INT, LONG);
    private static final Downcall OGR_F_SetFieldDouble = proc("OGR_F_SetFieldDouble", PTR, INT, DOUBLE);
    private static final Downcall OGR_F_SetFieldString = proc("OGR_F_SetFieldString", PTR, INT, PTR);
    private static final Downcall OGR_F_SetFieldNull = proc("OGR_F_SetFieldNull", PTR, INT);
    private static final Downcall OGR_F_GetGeometryRef = fn("OGR_F_GetGeometryRef", PTR, PTR);
    private static final Downcall OGR_F_SetGeometryDirectly = fn("OGR_F_SetGeometryDirectly", INT, PTR, PTR);
    private static final Downcall OGR_G_WkbSize = fn("OGR_G_WkbSize", INT, PTR);
    private static final Downcall OGR_G_ExportToIsoWkb = fn("OGR_G_ExportToIsoWkb", INT, PTR, INT, PTR);
    private static final Downcall OGR_G_CreateFromWkb = fn("OGR_G_CreateFromWkb", INT, PTR, PTR, PTR, INT);
    private static final Downcall OGR_G_DestroyGeometry = proc("OGR_G_DestroyGeometry", PTR);
    private static final Downcall OGR_G_HasCurveGeometry = fn("OGR_G_HasCurveGeometry", INT, PTR, INT);
    private static final Downcall OGR_G_GetLinearGeometry = fn("OGR_G_GetLinearGeometry", PTR, PTR, DOUBLE, PTR);
    private static final Downcall OGRGeometryTypeToName = fn("OGRGeometryTypeToName", PTR, INT);

    private OgrC() {
    }

    public static MemorySegment layerGetName(MemorySegment layer) {
        try {
            return (MemorySegment) OGR_L_GetName.handle().invokeExact(layer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long layerGetFeatureCount(MemorySegment layer, int force) {
        try {
            return (long) OGR_L_GetFeatureCount.handle().invokeExact(layer, force);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment layerGetLayerDefn(MemorySegment layer) {
        try {
            return (MemorySegment) OGR_L_GetLayerDefn.handle().invokeExact(layer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int layerGetGeomType(MemorySegment layer) {
        try {
            return (int) OGR_L_GetGeomType.handle().invokeExact(layer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment layerGetSpatialRef(MemorySegment layer) {
        try {
            return (MemorySegment) OGR_L_GetSpatialRef.handle().invokeExact(layer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void layerResetReading(MemorySegment layer) {
        try {
            OGR_L_ResetReading.handle().invokeExact(layer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment layerGetNextFeature(MemorySegment layer) {
        try {
            return (MemorySegment) OGR_L_GetNextFeature.handle().invokeExact(layer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void layerSetSpatialFilterRect(MemorySegment layer, double minX, double minY, double maxX, double maxY) {
        try {
            OGR_L_SetSpatialFilterRect.handle().invokeExact(layer, minX, minY, maxX, maxY);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void layerSetSpatialFilter(MemorySegment layer, MemorySegment geometry) {
        try {
            OGR_L_SetSpatialFilter.handle().invokeExact(layer, geometry);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int layerSetAttributeFilter(MemorySegment layer, MemorySegment query) {
        try {
            return (int) OGR_L_SetAttributeFilter.handle().invokeExact(layer, query);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int layerSyncToDisk(MemorySegment layer) {
        try {
            return (int) OGR_L_SyncToDisk.handle().invokeExact(layer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int layerCreateField(MemorySegment layer, MemorySegment field, int approxOk) {
        try {
            return (int) OGR_L_CreateField.handle().invokeExact(layer, field, approxOk);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int layerCreateFeature(MemorySegment layer, MemorySegment feature) {
        try {
            return (int) OGR_L_CreateFeature.handle().invokeExact(layer, feature);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int definitionGetFieldCount(MemorySegment definition) {
        try {
            return (int) OGR_FD_GetFieldCount.handle().invokeExact(definition);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment definitionGetFieldDefn(MemorySegment definition, int index) {
        try {
            return (MemorySegment) OGR_FD_GetFieldDefn.handle().invokeExact(definition, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment fieldGetNameRef(MemorySegment field) {
        try {
            return (MemorySegment) OGR_Fld_GetNameRef.handle().invokeExact(field);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int fieldGetType(MemorySegment field) {
        try {
            return (int) OGR_Fld_GetType.handle().invokeExact(field);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment fieldCreate(MemorySegment name, int type) {
        try {
            return (MemorySegment) OGR_Fld_Create.handle().invokeExact(name, type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void fieldDestroy(MemorySegment field) {
        try {
            OGR_Fld_Destroy.handle().invokeExact(field);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment featureCreate(MemorySegment definition) {
        try {
            return (MemorySegment) OGR_F_Create.handle().invokeExact(definition);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void featureDestroy(MemorySegment feature) {
        try {
            OGR_F_Destroy.handle().invokeExact(feature);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long featureGetFID(MemorySegment feature) {
        try {
            return (long) OGR_F_GetFID.handle().invokeExact(feature);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int featureIsFieldSetAndNotNull(MemorySegment feature, int index) {
        try {
            return (int) OGR_F_IsFieldSetAndNotNull.handle().invokeExact(feature, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int featureGetFieldAsInteger(MemorySegment feature, int index) {
        try {
            return (int) OGR_F_GetFieldAsInteger.handle().invokeExact(feature, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long featureGetFieldAsInteger64(MemorySegment feature, int index) {
        try {
            return (long) OGR_F_GetFieldAsInteger64.handle().invokeExact(feature, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static double featureGetFieldAsDouble(MemorySegment feature, int index) {
        try {
            return (double) OGR_F_GetFieldAsDouble.handle().invokeExact(feature, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment featureGetFieldAsString(MemorySegment feature, int index) {
        try {
            return (MemorySegment) OGR_F_GetFieldAsString.handle().invokeExact(feature, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment featureGetFieldAsIntegerList(MemorySegment feature, int index, MemorySegment count) {
        try {
            return (MemorySegment) OGR_F_GetFieldAsIntegerList.handle().invokeExact(feature, index, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment featureGetFieldAsInteger64List(MemorySegment feature, int index, MemorySegment count) {
        try {
            return (MemorySegment) OGR_F_GetFieldAsInteger64List.handle().invokeExact(feature, index, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment featureGetFieldAsDoubleList(MemorySegment feature, int index, MemorySegment count) {
        try {
            return (MemorySegment) OGR_F_GetFieldAsDoubleList.handle().invokeExact(feature, index, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment featureGetFieldAsStringList(MemorySegment feature, int index) {
        try {
            return (MemorySegment) OGR_F_GetFieldAsStringList.handle().invokeExact(feature, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment featureGetFieldAsBinary(MemorySegment feature, int index, MemorySegment count) {
        try {
            return (MemorySegment) OGR_F_GetFieldAsBinary.handle().invokeExact(feature, index, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int featureGetFieldIndex(MemorySegment feature, MemorySegment name) {
        try {
            return (int) OGR_F_GetFieldIndex.handle().invokeExact(feature, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void featureSetFieldInteger64(MemorySegment feature, int index, long value) {
        try {
            OGR_F_SetFieldInteger64.handle().invokeExact(feature, index, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void featureSetFieldDouble(MemorySegment feature, int index, double value) {
        try {
            OGR_F_SetFieldDouble.handle().invokeExact(feature, index, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void featureSetFieldString(MemorySegment feature, int index, MemorySegment value) {
        try {
            OGR_F_SetFieldString.handle().invokeExact(feature, index, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void featureSetFieldNull(MemorySegment feature, int index) {
        try {
            OGR_F_SetFieldNull.handle().invokeExact(feature, index);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment featureGetGeometryRef(MemorySegment feature) {
        try {
            return (MemorySegment) OGR_F_GetGeometryRef.handle().invokeExact(feature);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int featureSetGeometryDirectly(MemorySegment feature, MemorySegment geometry) {
        try {
            return (int) OGR_F_SetGeometryDirectly.handle().invokeExact(feature, geometry);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int geometryWkbSize(MemorySegment geometry) {
        try {
            return (int) OGR_G_WkbSize.handle().invokeExact(geometry);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int geometryExportToIsoWkb(MemorySegment geometry, int byteOrder, MemorySegment buffer) {
        try {
            return (int) OGR_G_ExportToIsoWkb.handle().invokeExact(geometry, byteOrder, buffer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int geometryCreateFromWkb(MemorySegment wkb, MemorySegment srs, MemorySegment geometryOut, int length) {
        try {
            return (int) OGR_G_CreateFromWkb.handle().invokeExact(wkb, srs, geometryOut, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void geometryDestroyGeometry(MemorySegment geometry) {
        try {
            OGR_G_DestroyGeometry.handle().invokeExact(geometry);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int geometryHasCurveGeometry(MemorySegment geometry, int nonLinear) {
        try {
            return (int) OGR_G_HasCurveGeometry.handle().invokeExact(geometry, nonLinear);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment geometryGetLinearGeometry(MemorySegment geometry, double maxAngleStepDegrees, MemorySegment options) {
        try {
            return (MemorySegment) OGR_G_GetLinearGeometry.handle().invokeExact(geometry, maxAngleStepDegrees, options);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment ogrGeometryTypeToName(int type) {
        try {
            return (MemorySegment) OGRGeometryTypeToName.handle().invokeExact(type);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

}

