package io.tilework.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * One test class's console: a real {@link Server} on a free loopback port over a data root, the
 * API seen from the test, and a browser on its pages. Closed after the class.
 */
final class Console implements AutoCloseable {

    private final Server server;
    private final Api api;
    private final Browser browser;
    private final Set<String> seenJobs = new HashSet<>();

    private Console(Server server, String base, String token) {
        this.server = server;
        this.api = new Api(base, token);
        this.browser = Browser.open(base);
    }

    static Console start(Path dataRoot) throws Exception {
        return start(ServerSettings.embedded(dataRoot, 0));
    }

    static Console start(ServerSettings settings) throws Exception {
        Server server = Server.start(settings);
        try {
            return new Console(server, "http://127.0.0.1:" + server.port(), settings.token());
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    Api api() {
        return api;
    }

    Browser browser() {
        return browser;
    }

    /** The id of the newest job of {@code kind} that no earlier call returned, once the API lists it. */
    String newestJob(String kind) {
        return browser.until(d -> {
            for (JsonNode job : api.get("/api/jobs")) {
                String id = job.path("id").asText();
                if (job.path("kind").asText().equals(kind) && !seenJobs.contains(id)) {
                    seenJobs.add(id);
                    return id;
                }
            }
            return null;
        }, "a new " + kind + " job");
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            server.close();
        }
    }
}
