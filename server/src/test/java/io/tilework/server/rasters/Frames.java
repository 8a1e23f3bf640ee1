package io.tilework.server.rasters;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The frames of a read's answer, decoded the way a client decodes them: length, JSON header, values. */
record Frames(List<Frame> frames) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One frame: its header, and its values when the header has a shape (else null). */
    record Frame(Map<String, Object> header, byte[] values) {

        int index() {
            return ((Number) header.get("index")).intValue();
        }

        /** The values as Float32, little-endian. */
        float[] floats() {
            float[] floats = new float[values.length / 4];
            ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
            return floats;
        }
    }

    static Frames of(byte[] body) {
        try {
            return read(new java.io.ByteArrayInputStream(body), Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At most {@code count} frames from {@code in}; fewer when it ends. */
    static Frames read(InputStream in, int count) throws IOException {
        var frames = new ArrayList<Frame>();
        while (frames.size() < count) {
            byte[] length = in.readNBytes(4);
            if (length.length < 4) {
                break;
            }
            int size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
            Map<String, Object> header = JSON.readValue(new String(in.readNBytes(size), StandardCharsets.UTF_8),
                    new TypeReference<Map<String, Object>>() { });
            byte[] values = null;
            if (header.containsKey("shape")) {
                values = in.readNBytes(Math.toIntExact(((Number) header.get("bytes")).longValue()));
            }
            frames.add(new Frame(header, values));
        }
        return new Frames(List.copyOf(frames));
    }

    /** The frames of the windows, without the end frame. */
    List<Frame> windows() {
        return frames.stream().filter(f -> !f.header().containsKey("end")).toList();
    }

    Map<String, Object> end() {
        return frames.getLast().header();
    }
}
