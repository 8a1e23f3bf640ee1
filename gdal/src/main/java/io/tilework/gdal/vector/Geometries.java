package io.tilework.gdal.vector;

import io.tilework.gdal.GdalException;
import io.tilework.gdal.internal.ErrorQueue;
import io.tilework.gdal.internal.OgrC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * Moves geometries between OGR and JTS as ISO WKB. Curved OGR geometries (arcs), which JTS cannot
 * represent, are linearised first.
 */
final class Geometries {

    private static final int WKB_NDR = 1;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private Geometries() {
    }

    /** A JTS copy of an OGR geometry GDAL owns; null for NULL. */
    static Geometry toJts(MemorySegment ogrGeometry, String where) {
        if (ogrGeometry.equals(MemorySegment.NULL)) {
            return null;
        }
        MemorySegment linear = MemorySegment.NULL;
        if (OgrC.geometryHasCurveGeometry(ogrGeometry, 1) != 0) {
            linear = OgrC.geometryGetLinearGeometry(ogrGeometry, 0, MemorySegment.NULL);
            ogrGeometry = linear;
        }
        try (Arena arena = Arena.ofConfined()) {
            int size = OgrC.geometryWkbSize(ogrGeometry);
            MemorySegment wkb = arena.allocate(size);
            ErrorQueue.clear();
            if (OgrC.geometryExportToIsoWkb(ogrGeometry, WKB_NDR, wkb) != 0) {
                throw ErrorQueue.failure(where, "OGR_G_ExportToIsoWkb");
            }
            return new WKBReader(FACTORY).read(wkb.toArray(ValueLayout.JAVA_BYTE));
        } catch (ParseException e) {
            throw new GdalException(0, "geometry cannot be read as WKB: " + e.getMessage(), where, "WKBReader");
        } finally {
            if (!linear.equals(MemorySegment.NULL)) {
                OgrC.geometryDestroyGeometry(linear);
            }
        }
    }

    /** A new OGR geometry (the caller owns it) from a JTS one. */
    static MemorySegment toOgr(Geometry geometry, String where) {
        int dimension = Double.isNaN(geometry.getCoordinate() == null ? Double.NaN : geometry.getCoordinate().getZ()) ? 2 : 3;
        byte[] bytes = new WKBWriter(dimension, ByteOrderValues.LITTLE_ENDIAN).write(geometry);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment wkb = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            ErrorQueue.clear();
            if (OgrC.geometryCreateFromWkb(wkb, MemorySegment.NULL, out, bytes.length) != 0) {
                throw ErrorQueue.failure(where, "OGR_G_CreateFromWkb");
            }
            return out.get(ValueLayout.ADDRESS, 0);
        }
    }
}
