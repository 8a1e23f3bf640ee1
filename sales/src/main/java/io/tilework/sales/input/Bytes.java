package io.tilework.sales.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searching bytes eight at a time: the line scanner looks for every line break and the row parser
 * for every delimiter of the input, tens of bytes apart, and a byte-by-byte loop was a large part
 * of reading a row.
 */
public final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /** {@code value} in each of the eight bytes of a long: the {@code word} argument of {@link #indexOf}. */
    public static long inEveryByte(byte value) {
        return (value & 0xffL) * ONES;
    }

    /**
     * The first index of {@code value} in {@code bytes[from, to)}, or {@code to} when it is not there;
     * {@code word} is {@link #inEveryByte inEveryByte(value)}.
     */
    public static int indexOf(byte[] bytes, int from, int to, long word, byte value) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(bytes, i) ^ word;
            long zero = (x - ONES) & ~x & HIGHS; // the high bit of each zero byte, exact up to the first (little-endian)
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        while (i < to && bytes[i] != value) {
            i++;
        }
        return i;
    }

    /**
     * The high bit of each byte of {@code word} that is zero, and no other bit: exact for every byte, unlike the
     * test in {@link #indexOf}, which is exact only up to the first zero byte.
     */
    public static long zeroBytes(long word) {
        long lows = ~HIGHS;
        return ~(((word & lows) + lows) | word | lows);
    }

    /** Eight bytes from {@code bytes[at]}, the first the lowest. */
    public static long longAt(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }
}
