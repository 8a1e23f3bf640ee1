package io.tilework.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Turns a task's result into bytes and back, so the chunk store can keep it and a remote pool can
 * ship it. A task without a codec is computed in memory only.
 */
public interface Codec<T> {

    byte[] encode(T value);

    T decode(byte[] bytes);

    static <T> Codec<T> of(Function<T, byte[]> encoder, Function<byte[], T> decoder) {
        return new Codec<>() {
            @Override
            public byte[] encode(T value) {
                return encoder.apply(value);
            }

            @Override
            public T decode(byte[] bytes) {
                return decoder.apply(bytes);
            }
        };
    }

    Codec<byte[]> BYTES = of(bytes -> bytes, bytes -> bytes);

    Codec<String> STRING = of(text -> text.getBytes(StandardCharsets.UTF_8), bytes -> new String(bytes, StandardCharsets.UTF_8));

    Codec<Long> LONG = of(value -> ByteBuffer.allocate(8).putLong(value).array(), bytes -> ByteBuffer.wrap(bytes).getLong());

    Codec<float[]> FLOATS = of(values -> {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }, bytes -> {
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    });
}
