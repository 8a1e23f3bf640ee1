package io.tilework.server.api;

import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;

/**
 * One route of the API with what its OpenAPI description says about it: the server registers
 * the handler and describes the route from the same record, so the two cannot drift apart.
 *
 * @param method    GET, POST, or SSE (a GET that answers with an event stream)
 * @param path      Javalin's path, with {@code {name}} parameters
 * @param schema    the name of the response's schema in {@code components.schemas} (an array of it
 *                  when it ends with {@code []}), or null for a file, a page or plain text
 * @param query     query parameters it reads
 * @param responses the statuses it answers besides 200/201, with what each means
 * @param content   what a successful answer that is not JSON holds (a binary stream), or null
 */
public record Endpoint(String method, String path, String summary, String tag, String schema, int success,
                       List<String> query, String requestBody, Map<Integer, String> responses, Content content, Handler handler) {

    /** A non-JSON answer: its media type, and what it holds for the description. */
    public record Content(String mediaType, String description) {
    }

    public static Builder get(String path, String summary) {
        return new Builder("GET", path, summary);
    }

    public static Builder post(String path, String summary) {
        return new Builder("POST", path, summary).success(200);
    }

    public static Builder sse(String path, String summary) {
        return new Builder("SSE", path, summary);
    }

    /** Builds an endpoint; only the method, path, summary and handler are required. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final String summary;
        private String tag = "server";
        private String schema;
        private int success = 200;
        private List<String> query = List.of();
        private String requestBody;
        private Map<Integer, String> responses = Map.of();
        private Content content;

        private Builder(String method, String path, String summary) {
            this.method = method;
            this.path = path;
            this.summary = summary;
        }

        public Builder tag(String value) {
            tag = value;
            return this;
        }

        public Builder returns(String schemaName) {
            schema = schemaName;
            return this;
        }

        public Builder success(int status) {
            success = status;
            return this;
        }

        public Builder query(String... names) {
            query = List.of(names);
            return this;
        }

        public Builder body(String schemaName) {
            requestBody = schemaName;
            return this;
        }

        public Builder errors(Map<Integer, String> statuses) {
            responses = statuses;
            return this;
        }

        /** The answer is a stream of {@code mediaType}, as {@code description} says. */
        public Builder produces(String mediaType, String description) {
            content = new Content(mediaType, description);
            return this;
        }

        public Endpoint handle(Handler handler) {
            return new Endpoint(method, path, summary, tag, schema, success, query, requestBody, responses, content, handler);
        }
    }
}
