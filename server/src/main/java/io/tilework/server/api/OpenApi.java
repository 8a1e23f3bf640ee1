package io.tilework.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description of the API: the paths from the same {@link Endpoint}s the server
 * registers, the schemas of their bodies from {@code schemas.json} beside this class.
 */
final class OpenApi {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {
    }

    static Map<String, Object> describe(List<Endpoint> endpoints, String version) {
        var paths = new TreeMap<String, Map<String, Object>>();
        for (Endpoint endpoint : endpoints) {
            paths.computeIfAbsent(endpoint.path(), p -> new LinkedHashMap<>())
                    .put(endpoint.method().equals("SSE") ? "get" : endpoint.method().toLowerCase(Locale.ROOT), operation(endpoint));
        }
        var document = new LinkedHashMap<String, Object>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Tilework server", "version", version,
                "description", "Jobs, processes, events, rasters, health and metrics of tilework serve. Paths in job parameters and "
                        + "raster requests are relative to the server's data root. With --token: a bearer token, or the session cookie from POST /login plus "
                        + "the X-CSRF-Token header on POSTs."));
        document.put("paths", paths);
        var components = new LinkedHashMap<String, Object>();
        components.put("schemas", schemas());
        components.put("securitySchemes", Map.of(
                "bearer", Map.of("type", "http", "scheme", "bearer"),
                "session", Map.of("type", "apiKey", "in", "cookie", "name", "tilework_session")));
        document.put("components", components);
        document.put("security", List.of(Map.of("bearer", List.of()), Map.of("session", List.of())));
        return document;
    }

    private static Map<String, Object> operation(Endpoint endpoint) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("summary", endpoint.summary());
        operation.put("tags", List.of(endpoint.tag()));
        operation.put("operationId", (endpoint.method() + endpoint.path()).replaceAll("[^A-Za-z0-9]+", "_"));
        var parameters = new ArrayList<Map<String, Object>>();
        Matcher names = PARAMETER.matcher(endpoint.path());
        while (names.find()) {
            parameters.add(Map.of("name", names.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        endpoint.query().forEach(name -> parameters.add(Map.of("name", name, "in", "query", "required", false,
                "schema", Map.of("type", "string"))));
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (endpoint.requestBody() != null) {
            operation.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", reference(endpoint.requestBody())))));
        }
        var responses = new TreeMap<String, Object>();
        responses.put(String.valueOf(endpoint.success()), success(endpoint));
        var errors = new TreeMap<Integer, String>(endpoint.responses());
        if (Api.isProtected(endpoint.path())) {
            errors.putIfAbsent(401, "no or wrong credentials (with --token)");
            if (!endpoint.method().equals("GET") && !endpoint.method().equals("SSE")) {
                errors.putIfAbsent(403, "a session without its CSRF token, or a request from another site");
            }
        }
        if (endpoint.requestBody() != null) {
            errors.putIfAbsent(400, "the body is not what the route takes");
            errors.putIfAbsent(413, "the body is over --max-body");
            errors.putIfAbsent(415, "the body is not JSON");
        }
        errors.putIfAbsent(421, "a Host header that is not this server's");
        errors.putIfAbsent(500, "a defect (logged; please report it)");
        errors.forEach((status, meaning) -> responses.put(String.valueOf(status), Map.of("description", meaning,
                "content", Map.of("application/json", Map.of("schema", reference(status == 503 && "Health".equals(endpoint.schema())
                        ? "Health" : "Error"))))));
        if (!Api.isProtected(endpoint.path())) {
            operation.put("security", List.of()); // the console's files and the login need no credentials
        }
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> success(Endpoint endpoint) {
        if (endpoint.method().equals("SSE")) {
            return Map.of("description", "events: ready, job, chunk, pool, cache, process, dropped (each data line is JSON)",
                    "content", Map.of("text/event-stream", Map.of("schema", Map.of("type", "string"))));
        }
        if (endpoint.content() != null) {
            return Map.of("description", endpoint.content().description(), "content",
                    Map.of(endpoint.content().mediaType(), Map.of("schema", Map.of("type", "string", "format", "binary"))));
        }
        if (endpoint.schema() == null) {
            return Map.of("description", "a file, a page or text");
        }
        return Map.of("description", "OK", "content", Map.of("application/json", Map.of("schema", reference(endpoint.schema()))));
    }

    /** {@code Job} as a reference, {@code Job[]} as an array of them. */
    static Map<String, Object> reference(String schema) {
        if (schema.endsWith("[]")) {
            return Map.of("type", "array", "items", reference(schema.substring(0, schema.length() - 2)));
        }
        return Map.of("$ref", "#/components/schemas/" + schema);
    }

    static Map<String, Object> schemas() {
        try (InputStream in = OpenApi.class.getResourceAsStream("schemas.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas.json is missing from the server's jar");
            }
            return Json.MAPPER.readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API's schemas", e);
        }
    }
}
