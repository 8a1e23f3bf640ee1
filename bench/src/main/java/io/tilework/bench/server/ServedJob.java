package io.tilework.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A job run through the server as a user's script does it: {@code POST /api/jobs}, then
 * {@code GET /api/jobs/{id}} every POLL until the job has ended. Its time is the client's, from
 * the request to the answer that shows the end; the server's own (started to finished) beside it.
 */
final class ServedJob {

    private static final Set<String> ENDED = Set.of("succeeded", "failed", "cancelled", "interrupted");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a run ended: its id and state, the client's seconds and the server's (started to finished), the error if any. */
    record Run(String id, String state, double seconds, double serverSeconds, String error) {
    }

    private ServedJob() {
    }

    /** Starts the job {@code body} ({"kind": ..., "parameters": {...}}), tells {@code started} its id, and waits for its end. */
    static Run run(HttpClient client, URI base, String body, Duration poll, Consumer<String> started) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(base.resolve("/api/jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /api/jobs: HTTP " + created.statusCode() + ": " + created.body());
        }
        String id = JSON.readTree(created.body()).path("id").asText();
        started.accept(id);
        var request = HttpRequest.newBuilder(base.resolve("/api/jobs/" + id)).GET().build();
        while (true) {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /api/jobs/" + id + ": HTTP " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode job = JSON.readTree(answer.body());
            String state = job.path("state").asText();
            if (ENDED.contains(state)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Run(id, state, seconds, serverSeconds(job), job.path("error").isNull() ? null : job.path("error").asText());
            }
            Thread.sleep(poll); // the client's polling rhythm
        }
    }

    private static double serverSeconds(JsonNode job) {
        if (!job.path("started").isTextual() || !job.path("finished").isTextual()) {
            return Double.NaN;
        }
        Duration run = Duration.between(Instant.parse(job.path("started").asText()), Instant.parse(job.path("finished").asText()));
        return run.toNanos() / 1e9;
    }
}
