package io.tilework.gdal.srs;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.internal.ErrorQueue;
import io.tilework.gdal.internal.NativeHandle;
import io.tilework.gdal.internal.OsrC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * Transforms coordinates from one {@link SpatialReference} to another (GDAL's
 * {@code OGRCoordinateTransformation}, backed by PROJ). Not thread-safe: use one per thread.
 */
public final class CoordinateTransform extends NativeHandle {

    private final String description;

    private CoordinateTransform(MemorySegment pointer, String description) {
        super(pointer, description);
        this.description = description;
    }

    /** A transformation between two CRS; throws if PROJ knows no way between them. */
    public static CoordinateTransform between(SpatialReference source, SpatialReference target) {
        Gdal.initialize();
        String description = source + " -> " + target;
        ErrorQueue.clear();
        MemorySegment pointer = OsrC.newCoordinateTransformation(source.pointer(), target.pointer());
        if (pointer.equals(MemorySegment.NULL)) {
            throw ErrorQueue.failure(description, "OCTNewCoordinateTransformation");
        }
        ErrorQueue.clear();
        return new CoordinateTransform(pointer, description);
    }

    /** Transforms points in place; {@code z} may be null. Throws naming the first point that failed. */
    public void transform(double[] x, double[] y, double[] z) {
        int count = x.length;
        if (y.length != count || (z != null && z.length != count)) {
            throw new IllegalArgumentException("coordinate arrays differ in length: x " + x.length + ", y " + y.length
                    + (z == null ? "" : ", z " + z.length));
        }
        if (count == 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment xs = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, x);
            MemorySegment ys = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, y);
            MemorySegment zs = z == null ? MemorySegment.NULL : arena.allocateFrom(ValueLayout.JAVA_DOUBLE, z);
            MemorySegment success = arena.allocate(ValueLayout.JAVA_INT, count);
            ErrorQueue.clear();
            int ok = OsrC.transformEx(pointer(), count, xs, ys, zs, success);
            for (int i = 0; i < count; i++) {
                if (ok == 0 || success.getAtIndex(ValueLayout.JAVA_INT, i) == 0) {
                    GdalException cause = ErrorQueue.failure(description, "OCTTransformEx");
                    throw new GdalException(cause.errorNumber(), "point " + i + " (" + x[i] + ", " + y[i]
                            + ") cannot be transformed: " + cause.getMessage(), description, "OCTTransformEx");
                }
            }
            ErrorQueue.clear();
            MemorySegment.copy(xs, ValueLayout.JAVA_DOUBLE, 0, x, 0, count);
            MemorySegment.copy(ys, ValueLayout.JAVA_DOUBLE, 0, y, 0, count);
            if (z != null) {
                MemorySegment.copy(zs, ValueLayout.JAVA_DOUBLE, 0, z, 0, count);
            }
        }
    }

    /** Transforms x and y in place. */
    public void transform(double[] x, double[] y) {
        transform(x, y, null);
    }

    /** A transformed copy of {@code geometry}; the input is left unchanged. */
    public Geometry transform(Geometry geometry) {
        Geometry copy = geometry.copy();
        copy.apply(new SequenceTransformer());
        copy.geometryChanged();
        return copy;
    }

    @Override
    protected void release(MemorySegment pointer) {
        OsrC.destroyCoordinateTransformation(pointer);
    }

    /** Transforms each coordinate sequence in one native call rather than point by point. */
    private final class SequenceTransformer implements CoordinateSequenceFilter {

        @Override
        public void filter(CoordinateSequence sequence, int index) {
            if (index != 0) {
                return;
            }
            int size = sequence.size();
            boolean hasZ = sequence.hasZ();
            double[] x = new double[size];
            double[] y = new double[size];
            double[] z = hasZ ? new double[size] : null;
            for (int i = 0; i < size; i++) {
                x[i] = sequence.getX(i);
                y[i] = sequence.getY(i);
                if (hasZ) {
                    z[i] = sequence.getZ(i);
                }
            }
            transform(x, y, z);
            for (int i = 0; i < size; i++) {
                sequence.setOrdinate(i, CoordinateSequence.X, x[i]);
                sequence.setOrdinate(i, CoordinateSequence.Y, y[i]);
                if (hasZ) {
                    sequence.setOrdinate(i, CoordinateSequence.Z, z[i]);
                }
            }
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
