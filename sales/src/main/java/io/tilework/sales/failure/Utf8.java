package io.tilework.sales.failure;

/** Reading UTF-8 one code point at a time, strictly (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
public final class Utf8 {

    /** The sequence at {@code i} is cut short by {@code to}: more bytes may complete it. */
    public static final int INCOMPLETE = -1;
    /** The byte at {@code i} starts no valid sequence. */
    public static final int INVALID = 0;

    private Utf8() {
    }

    /** How many bytes the code point at {@code bytes[i]} takes, {@link #INVALID} or {@link #INCOMPLETE}; {@code i < to}. */
    public static int length(byte[] bytes, int i, int to) {
        int b = bytes[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int length;
        int low = 0x80; // the range of the second byte
        int high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return INVALID;
        }
        for (int k = 1; k < length; k++) {
            if (i + k >= to) {
                return INCOMPLETE;
            }
            int c = bytes[i + k] & 0xff;
            if (k == 1 ? c < low || c > high : c < 0x80 || c > 0xBF) {
                return INVALID;
            }
        }
        return length;
    }

    /** The code point of the valid sequence of {@code length} bytes at {@code bytes[i]}. */
    public static int codePoint(byte[] bytes, int i, int length) {
        int b = bytes[i] & 0xff;
        if (length == 1) {
            return b;
        }
        int c = b & (0xFF >>> (length + 1));
        for (int k = 1; k < length; k++) {
            c = c << 6 | bytes[i + k] & 0x3f;
        }
        return c;
    }
}
