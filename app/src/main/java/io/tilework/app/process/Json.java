package io.tilework.app.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tilework.process.failure.ValueNotKept;
import io.tilework.process.runtime.Values;
import io.tilework.process.yaml.Excerpt;

/** JSON in and out of the process commands. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** {@code text} as plain values; a wrong command line (exit 2) naming {@code what} if it is not JSON or not plain data. */
    static Object read(String text, String what) {
        try {
            return Values.plain(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new io.tilework.app.failure.BadCommandLine(what + ": not valid JSON: " + Excerpt.of(e.getOriginalMessage(), Excerpt.SHORT * 2));
        } catch (ValueNotKept e) {
            throw new io.tilework.app.failure.BadCommandLine(what + ": " + e.getMessage());
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
