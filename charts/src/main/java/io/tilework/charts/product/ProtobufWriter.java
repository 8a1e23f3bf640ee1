package io.tilework.charts.product;

import java.io.ByteArrayOutputStream;

/** The few protocol-buffer encodings a vector tile needs: varints, tags, packed and nested fields. */
final class ProtobufWriter {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void uint(int field, long value) {
        tag(field, VARINT);
        varint(value);
    }

    void sint(int field, long value) {
        uint(field, zigzag(value));
    }

    void bool(int field, boolean value) {
        uint(field, value ? 1 : 0);
    }

    void doubleValue(int field, double value) {
        tag(field, FIXED64);
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xff);
        }
    }

    void string(int field, String value) {
        bytes(field, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
    }

    void packed(int field, int[] values, int count) {
        var body = new ProtobufWriter();
        for (int i = 0; i < count; i++) {
            body.varint(Integer.toUnsignedLong(values[i]));
        }
        bytes(field, body.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static int zigzag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
