package io.tilework.gdal.srs;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.internal.CStrings;
import io.tilework.gdal.internal.Cpl;
import io.tilework.gdal.internal.ErrorQueue;
import io.tilework.gdal.internal.NativeHandle;
import io.tilework.gdal.internal.OsrC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.OptionalInt;

/**
 * A coordinate reference system (GDAL's {@code OGRSpatialReference}).
 *
 * <p>Every instance uses the traditional GIS axis order — longitude/easting first — whatever the
 * authority says, so coordinates handed to {@link CoordinateTransform} are always x, y.
 */
public final class SpatialReference extends NativeHandle {

    private static final int OAMS_TRADITIONAL_GIS_ORDER = 0;
    private static final int OGRERR_NONE = 0;

    private SpatialReference(MemorySegment pointer, String name) {
        super(pointer, name);
        OsrC.setAxisMappingStrategy(pointer, OAMS_TRADITIONAL_GIS_ORDER);
    }

    /** The CRS with this EPSG code, e.g. 4326 or 32633. */
    public static SpatialReference fromEpsg(int code) {
        return build("EPSG:" + code, (srs, arena) -> OsrC.importFromEPSG(srs, code), "OSRImportFromEPSG");
    }

    /** A CRS from WKT 1 or WKT 2. */
    public static SpatialReference fromWkt(String wkt) {
        return build(abbreviate(wkt), (srs, arena) -> {
            MemorySegment text = arena.allocate(ValueLayout.ADDRESS);
            text.set(ValueLayout.ADDRESS, 0, arena.allocateFrom(wkt));
            return OsrC.importFromWkt(srs, text);
        }, "OSRImportFromWkt");
    }

    /** A CRS from a PROJ string such as {@code +proj=utm +zone=33 +datum=WGS84}. */
    public static SpatialReference fromProj(String proj) {
        return build(proj, (srs, arena) -> OsrC.importFromProj4(srs, arena.allocateFrom(proj)), "OSRImportFromProj4");
    }

    /** Anything GDAL's {@code -t_srs} accepts: "EPSG:4326", WKT, PROJ, a file name. */
    public static SpatialReference fromUserInput(String definition) {
        return build(abbreviate(definition),
                (srs, arena) -> OsrC.setFromUserInput(srs, arena.allocateFrom(definition)), "OSRSetFromUserInput");
    }

    /** Wraps a reference GDAL owns (a dataset's or layer's) by cloning it; null for NULL. */
    public static SpatialReference copyOf(MemorySegment borrowed) {
        if (borrowed.equals(MemorySegment.NULL)) {
            return null;
        }
        Gdal.initialize();
        return new SpatialReference(OsrC.clone(borrowed), "CRS");
    }

    /** WKT 1, as GDAL's {@code OSRExportToWkt} writes it. */
    public String toWkt() {
        return export("OSRExportToWkt", (out, arena) -> OsrC.exportToWkt(pointer(), out));
    }

    /** WKT 2 (2019), multi-line, as {@code gdalinfo} prints it. */
    public String toWkt2() {
        return export("OSRExportToWktEx", (out, arena) -> OsrC.exportToWktEx(pointer(), out,
                CStrings.list(arena, List.of("FORMAT=WKT2_2019", "MULTILINE=YES"))));
    }

    /** The PROJ string; some CRS cannot be expressed as one and throw. */
    public String toProj() {
        return export("OSRExportToProj4", (out, arena) -> OsrC.exportToProj4(pointer(), out));
    }

    /** The CRS's name, e.g. "WGS 84 / UTM zone 18N". */
    public String crsName() {
        return CStrings.read(OsrC.getName(pointer()));
    }

    /**
     * The EPSG code the definition declares for the CRS as a whole (what {@code gdalinfo} reports
     * as {@code proj:epsg}); empty when it declares none. No guessing from parameters.
     */
    public OptionalInt epsgCode() {
        String authority = CStrings.read(OsrC.getAuthorityName(pointer(), MemorySegment.NULL));
        String code = CStrings.read(OsrC.getAuthorityCode(pointer(), MemorySegment.NULL));
        if (!"EPSG".equalsIgnoreCase(authority) || code == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(code));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Whether coordinates are longitude and latitude rather than projected. */
    public boolean isGeographic() {
        return OsrC.isGeographic(pointer()) != 0;
    }

    /** Metres per unit of a projected CRS's coordinates (1 for metres, 0.3048 for feet). */
    public double metresPerUnit() {
        return OsrC.getLinearUnits(pointer(), MemorySegment.NULL);
    }

    /**
     * Where the CRS may be used, in degrees: {west, south, east, north}; empty when its
     * definition does not say. West is greater than east for an area across the antimeridian.
     */
    public java.util.Optional<double[]> areaOfUse() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bounds = arena.allocate(ValueLayout.JAVA_DOUBLE, 4);
            int found = OsrC.getAreaOfUse(pointer(), bounds, bounds.asSlice(8), bounds.asSlice(16), bounds.asSlice(24), MemorySegment.NULL);
            double[] values = bounds.toArray(ValueLayout.JAVA_DOUBLE);
            return found == 0 || values[0] == -1000 ? java.util.Optional.empty() : java.util.Optional.of(values);
        }
    }

    /** Whether both describe the same CRS. */
    public boolean isSame(SpatialReference other) {
        return OsrC.isSame(pointer(), other.pointer()) != 0;
    }

    @Override
    public String toString() {
        String name = crsName();
        return name == null ? name() : name;
    }

    @Override
    protected void release(MemorySegment pointer) {
        OsrC.release(pointer);
    }

    private interface Import {
        int apply(MemorySegment srs, Arena arena);
    }

    private interface Export {
        int apply(MemorySegment out, Arena arena);
    }

    private static SpatialReference build(String description, Import importer, String call) {
        Gdal.initialize();
        MemorySegment srs = OsrC.newSpatialReference(MemorySegment.NULL);
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            int error = importer.apply(srs, arena);
            if (error != OGRERR_NONE) {
                GdalException failure = ErrorQueue.failure(description, call);
                throw new GdalException(failure.errorNumber(),
                        "not a valid coordinate reference system (OGRErr " + error + "): " + failure.getMessage(),
                        description, call);
            }
            ErrorQueue.clear();
            return new SpatialReference(srs, description);
        } catch (RuntimeException | Error e) {
            OsrC.release(srs);
            throw e;
        }
    }

    private String export(String call, Export exporter) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            ErrorQueue.clear();
            int error = exporter.apply(out, arena);
            MemorySegment text = out.get(ValueLayout.ADDRESS, 0);
            try {
                if (error != OGRERR_NONE) {
                    throw ErrorQueue.failure(toString(), call);
                }
                return CStrings.read(text);
            } finally {
                Cpl.free(text);
            }
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 60 ? flat : flat.substring(0, 57) + "...";
    }
}
