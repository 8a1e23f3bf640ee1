package io.tilework.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/** JSON in and out of the API: one mapper, request bodies read as maps with errors that say what is wrong. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("instants").addSerializer(Instant.class, ToStringSerializer.instance));

    private Json() {
    }

    public static void answer(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The request's body as a JSON object; 400 naming the position when it is not one. */
    public static Map<String, Object> body(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiFailure.badRequest("the request has no body; send a JSON object");
        }
        try {
            Map<String, Object> value = MAPPER.readValue(bytes, new TypeReference<Map<String, Object>>() { });
            if (value == null) {
                throw ApiFailure.badRequest("the body is null; send a JSON object");
            }
            return value;
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw ApiFailure.badRequest("the body is not a JSON object: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
            throw ApiFailure.badRequest("the body is not valid JSON" + where + ": "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** A text member of {@code body}, required. */
    public static String text(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw ApiFailure.badRequest("the body needs \"" + name + "\" (text)");
        }
        return text;
    }

    /** An object member of {@code body}, or an empty map when absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiFailure.badRequest("\"" + name + "\" must be a JSON object, not " + value);
        }
        return (Map<String, Object>) map;
    }
}
