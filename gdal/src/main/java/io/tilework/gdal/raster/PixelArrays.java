package io.tilework.gdal.raster;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.internal.GdalC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.nio.ByteOrder;

/**
 * Pixel values in Java arrays of a type's carrier ({@link DataType#carrier()}): made, read as
 * numbers, and converted between types by GDAL's own {@code GDALCopyWords} (rounded to the
 * nearest, clamped to the target's range), so that values computed in Java and stored as a type
 * equal what GDAL would have stored.
 */
public final class PixelArrays {

    private PixelArrays() {
    }

    /** A zeroed array of {@code length} values of {@code type}. */
    public static Object allocate(DataType type, int length) {
        Class<?> carrier = carrier(type);
        return Array.newInstance(carrier.getComponentType(), length);
    }

    /** How many values {@code array} holds. */
    public static int length(Object array) {
        return Array.getLength(array);
    }

    /** Bytes {@code count} values of {@code type} take. */
    public static long bytes(DataType type, long count) {
        return count * type.bytes();
    }

    /** Value {@code index} of {@code array}, read as {@code type} (unsigned types as unsigned). */
    public static double get(Object array, DataType type, int index) {
        return switch (type) {
            case BYTE -> ((byte[]) array)[index] & 0xFF;
            case INT8 -> ((byte[]) array)[index];
            case UINT16 -> ((short[]) array)[index] & 0xFFFF;
            case INT16 -> ((short[]) array)[index];
            case UINT32 -> ((int[]) array)[index] & 0xFFFF_FFFFL;
            case INT32 -> ((int[]) array)[index];
            case FLOAT32 -> ((float[]) array)[index];
            case FLOAT64 -> ((double[]) array)[index];
            default -> throw new IllegalArgumentException("no Java array carries " + type.gdalName() + " values");
        };
    }

    /** {@code length} values of {@code type}, each {@code value} converted as GDAL converts it (nodata 1e20 in Int16: 32767). */
    public static Object filled(DataType type, int length, double value) {
        Object one = convert(new double[] {value}, DataType.FLOAT64, type);
        Object array = allocate(type, length);
        if (length > 0) {
            Array.set(array, 0, Array.get(one, 0));
            for (int filled = 1; filled < length; filled *= 2) { // doubling copies: no per-value boxing
                System.arraycopy(array, 0, array, filled, Math.min(filled, length - filled));
            }
        }
        return array;
    }

    /**
     * A new array of {@code source}'s values (of type {@code from}) as {@code to}: a copy when the
     * types are equal, else converted by GDAL.
     */
    public static Object convert(Object source, DataType from, DataType to) {
        checkCarried(from, source);
        carrier(to);
        int length = length(source);
        if (from == to) {
            return copy(source, length);
        }
        // Int8 goes through Int16, which every GDAL converts (GDT_Int8 exists from 3.7 only)
        if (from == DataType.INT8) {
            byte[] bytes = (byte[]) source;
            short[] wide = new short[length];
            for (int i = 0; i < length; i++) {
                wide[i] = bytes[i];
            }
            return convert(wide, DataType.INT16, to);
        }
        if (to == DataType.INT8) {
            short[] wide = (short[]) convert(source, from, DataType.INT16);
            byte[] narrow = new byte[length];
            for (int i = 0; i < length; i++) {
                narrow[i] = (byte) Math.clamp(wide[i], Byte.MIN_VALUE, Byte.MAX_VALUE);
            }
            return narrow;
        }
        Object target = allocate(to, length);
        if (length == 0) {
            return target;
        }
        Gdal.initialize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(bytes(from, length), 8);
            MemorySegment out = arena.allocate(bytes(to, length), 8);
            MemorySegment.copy(segment(source), 0, in, 0, in.byteSize());
            GdalC.copyWords64(in, from.code(), from.bytes(), out, to.code(), to.bytes(), length);
            MemorySegment.copy(out, 0, segment(target), 0, out.byteSize());
        }
        return target;
    }

    /** {@code values} as floats, as GDAL reads a band as Float32 (the array itself when it is Float32 already). */
    public static float[] floats(Object values, DataType type) {
        return type == DataType.FLOAT32 ? (float[]) checkCarried(type, values) : (float[]) convert(values, type, DataType.FLOAT32);
    }

    /** A view of {@code array}'s bytes in the platform's order (for copying to or from native memory). */
    public static MemorySegment segment(Object array) {
        return switch (array) {
            case byte[] values -> MemorySegment.ofArray(values);
            case short[] values -> MemorySegment.ofArray(values);
            case int[] values -> MemorySegment.ofArray(values);
            case float[] values -> MemorySegment.ofArray(values);
            case double[] values -> MemorySegment.ofArray(values);
            default -> throw new IllegalArgumentException("not a pixel array: " + (array == null ? "null" : array.getClass().getSimpleName()));
        };
    }

    /** Writes {@code array}'s values into {@code target} from {@code offset} on, as little-endian bytes (files, caches, the wire). */
    public static void toLittleEndian(Object array, MemorySegment target, long offset) {
        toLittleEndian(array, 0, length(array), target, offset);
    }

    /** Writes {@code count} values of {@code array} from value {@code from} on into {@code target} at {@code offset}, little-endian. */
    public static void toLittleEndian(Object array, int from, int count, MemorySegment target, long offset) {
        ValueLayout unit = unit(array);
        MemorySegment.copy(segment(array), unit, from * unit.byteSize(), target, unit.withOrder(ByteOrder.LITTLE_ENDIAN), offset, count);
    }

    /** Fills {@code array} with the little-endian values in {@code source} from {@code offset} on. */
    public static void fromLittleEndian(MemorySegment source, long offset, Object array) {
        ValueLayout unit = unit(array);
        MemorySegment.copy(source, unit.withOrder(ByteOrder.LITTLE_ENDIAN), offset, segment(array), unit, 0, length(array));
    }

    /** A value of {@code array} as raw bits in the platform's order: copying with it swaps bytes only where the orders differ. */
    private static ValueLayout unit(Object array) {
        return switch (array) {
            case byte[] _ -> ValueLayout.JAVA_BYTE;
            case short[] _ -> ValueLayout.JAVA_SHORT_UNALIGNED;
            case int[] _, float[] _ -> ValueLayout.JAVA_INT_UNALIGNED;
            case double[] _ -> ValueLayout.JAVA_LONG_UNALIGNED;
            default -> throw new IllegalArgumentException("not a pixel array: " + (array == null ? "null" : array.getClass().getSimpleName()));
        };
    }

    /** {@code array} if it is {@code type}'s carrier, else an exception naming both. */
    public static Object checkCarried(DataType type, Object array) {
        Class<?> carrier = carrier(type);
        if (!carrier.isInstance(array)) {
            throw new IllegalArgumentException(type.gdalName() + " pixels travel in " + carrier.getSimpleName() + ", not in "
                    + (array == null ? "null" : array.getClass().getSimpleName()));
        }
        return array;
    }

    private static Class<?> carrier(DataType type) {
        if (type.carrier() == null) {
            throw new IllegalArgumentException("no Java array carries " + type.gdalName() + " values");
        }
        return type.carrier();
    }

    private static Object copy(Object source, int length) {
        Object target = Array.newInstance(source.getClass().getComponentType(), length);
        System.arraycopy(source, 0, target, 0, length);
        return target;
    }
}
