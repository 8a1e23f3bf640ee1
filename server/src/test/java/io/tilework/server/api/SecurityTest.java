package io.tilework.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.server.HttpCalls;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a token: bearer calls, the page's login cookie (HttpOnly, SameSite=Strict) and its CSRF token; and the loopback rule. */
class SecurityTest {

    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path root;

    private Server server;

    @BeforeEach
    void start() {
        server = Server.start(ServerSettings.embedded(root, 0).withToken(TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("without credentials every API route, /metrics, /health and /openapi.json answer 401; the console's files do not need them")
    void closedWithoutToken() {
        var http = new HttpCalls(server.uri());
        for (String path : new String[] {"/api/jobs", "/api/jobs/kinds", "/api/dashboard", "/metrics", "/health", "/openapi.json",
                "/api/session", "/api/events"}) {
            var answer = http.get(path);
            assertEquals(401, answer.status(), path);
            assertTrue(answer.error().contains("not logged in"), answer.body());
        }
        assertEquals(401, http.post("/api/jobs", Map.of("kind", "test.chunks")).status());
        assertEquals(200, http.get("/console/index.html").status());
        var wrong = new HttpCalls(server.uri()).header("Authorization", "Bearer nope").get("/api/jobs");
        assertEquals(401, wrong.status());
        assertTrue(wrong.error().contains("bearer token is wrong"), wrong.body());
    }

    @Test
    @DisplayName("a bearer token opens the API, POSTs included, with no CSRF token")
    void bearer() {
        var http = new HttpCalls(server.uri()).header("Authorization", "Bearer " + TOKEN);
        assertEquals(200, http.get("/api/jobs").status());
        var started = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "o")));
        assertEquals(201, started.status(), started.body());
    }

    @Test
    @DisplayName("the page logs in once: an HttpOnly SameSite=Strict cookie; POSTs with it need the session's CSRF token")
    void cookieAndCsrf() {
        var anonymous = new HttpCalls(server.uri());
        var refused = anonymous.post("/login", Map.of("token", "wrong"));
        assertEquals(401, refused.status());
        var login = anonymous.post("/login", Map.of("token", TOKEN));
        assertEquals(200, login.status(), login.body());
        String setCookie = login.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String csrf = (String) login.json().get("csrf");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        var page = new HttpCalls(server.uri()).header("Cookie", cookie);
        assertEquals(200, page.get("/api/jobs").status());
        assertEquals(csrf, page.get("/api/session").json().get("csrf"));
        var forged = page.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "o")));
        assertEquals(403, forged.status());
        assertTrue(forged.error().contains("X-CSRF-Token"), forged.body());
        var withCsrf = new HttpCalls(server.uri()).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "o")));
        assertEquals(201, withCsrf.status(), withCsrf.body());
        var form = anonymous.send(anonymous.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build());
        assertEquals(200, form.status(), form.body());
        var logout = page.post("/logout", "");
        assertEquals(200, logout.status());
        assertEquals(401, new HttpCalls(server.uri()).header("Cookie", cookie).get("/api/jobs").status());
    }

    @Test
    @DisplayName("listening beyond loopback without a token is refused, saying what to give")
    void tokenRequiredBeyondLoopback(@TempDir Path other) {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> Server.start(ServerSettings.embedded(other, 0).withBind("0.0.0.0").withProcessStore(other.resolve("p.db"))));
        assertTrue(refused.getMessage().contains("needs --token"), refused.getMessage());
    }
}
