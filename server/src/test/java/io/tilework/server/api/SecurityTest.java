package io.tilework.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.server.HttpCalls;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import io.tilework.server.api.Json;
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

    private static final String TOKEN = "s3cret-token-of-the-test";

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
    @DisplayName("what another site could make a browser send is refused: another Host (DNS rebinding), another Origin, text/plain")
    void otherSites() throws Exception {
        var bearer = new HttpCalls(server.uri()).header("Authorization", "Bearer " + TOKEN);
        var job = Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "o"));
        String rebound = raw("GET /api/jobs HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\nAuthorization: Bearer " + TOKEN
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 421"), rebound);
        assertTrue(rebound.contains("not to Host attacker.example"), rebound);
        var foreign = bearer.send(bearer.request("/api/jobs").header("Origin", "https://attacker.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(403, foreign.status(), foreign.body());
        var crossSite = bearer.send(bearer.request("/api/jobs").header("Sec-Fetch-Site", "cross-site")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(403, crossSite.status(), crossSite.body());
        var plain = bearer.post("/api/jobs", "text/plain", "{\"kind\": \"test.chunks\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(415, plain.status(), plain.body());
        var sameOrigin = bearer.send(bearer.request("/api/jobs").header("Origin", "http://127.0.0.1:" + server.port())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(job))).build());
        assertEquals(201, sameOrigin.status(), sameOrigin.body());
        assertEquals(200, new HttpCalls(java.net.URI.create("http://localhost:" + server.port() + "/")).header("Authorization", "Bearer " + TOKEN)
                .get("/api/jobs").status(), "localhost is this server too");
    }

    /** A request as written (the JDK's client will not send another Host), and the whole answer. */
    private String raw(String request) throws java.io.IOException {
        try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("guessing is slowed: after 10 wrong tokens within a minute, logins answer 429, the right token too")
    void guessingSlowed() {
        var anonymous = new HttpCalls(server.uri());
        for (int i = 0; i < 10; i++) {
            assertEquals(401, anonymous.post("/login", Map.of("token", "guess-" + i)).status());
        }
        var refused = anonymous.post("/login", Map.of("token", TOKEN));
        assertEquals(429, refused.status(), refused.body());
        assertTrue(refused.error().contains("wrong tokens within a minute"), refused.body());
        assertEquals(200, new HttpCalls(server.uri()).header("Authorization", "Bearer " + TOKEN).get("/api/jobs").status(),
                "a bearer token is not a login: the API stays open to it");
    }

    @Test
    @DisplayName("a token shorter than 16 characters is refused")
    void shortToken(@TempDir Path other) {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> Server.start(ServerSettings.embedded(other, 0).withToken("short").withProcessStore(other.resolve("p.db"))));
        assertTrue(refused.getMessage().contains("at least 16 characters"), refused.getMessage());
    }

    @Test
    @DisplayName("listening beyond loopback without a token is refused, saying what to give")
    void tokenRequiredBeyondLoopback(@TempDir Path other) {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> Server.start(ServerSettings.embedded(other, 0).withBind("0.0.0.0").withProcessStore(other.resolve("p.db"))));
        assertTrue(refused.getMessage().contains("needs --token"), refused.getMessage());
    }
}
