package io.tilework.gdal.vector;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.internal.CStrings;
import io.tilework.gdal.internal.OgrC;

/** A layer's geometry type, GDAL's {@code OGRwkbGeometryType} code (ISO or 2.5D). */
public record GeometryType(int code) {

    public static final GeometryType UNKNOWN = new GeometryType(0);
    public static final GeometryType POINT = new GeometryType(1);
    public static final GeometryType LINE_STRING = new GeometryType(2);
    public static final GeometryType POLYGON = new GeometryType(3);
    public static final GeometryType MULTI_POINT = new GeometryType(4);
    public static final GeometryType MULTI_LINE_STRING = new GeometryType(5);
    public static final GeometryType MULTI_POLYGON = new GeometryType(6);
    public static final GeometryType GEOMETRY_COLLECTION = new GeometryType(7);
    public static final GeometryType NONE = new GeometryType(100);

    /** The name {@code ogrinfo} prints, e.g. "Point", "3D Multi Point", "None". */
    public String ogrName() {
        Gdal.initialize();
        return CStrings.read(OgrC.ogrGeometryTypeToName(code));
    }

    @Override
    public String toString() {
        return ogrName();
    }
}
