package io.tilework.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard against the API's numbers. A finished job leaves them still (pools idle, the
 * cache's and the flows' totals kept), so the page's charts must come to hold exactly what
 * {@code GET /api/dashboard} says; the charts are read back from ECharts itself.
 */
@DisplayName("the dashboard, in Chromium against a real server")
class DashboardPageTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataRoot;
    static Console console;
    @RegisterExtension
    static final ScreenshotOnFailure FAILURES = new ScreenshotOnFailure(() -> console);

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(dataRoot);
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @DisplayName("after a job whose chunks feed others, the pies, the gauges and the Sankey hold the values the API reports")
    void afterAJob_chartsHoldTheApisValues() throws Exception {
        // test.chunks: 60 sources each consumed by a square, so the flows have a link to draw
        Api.Answer started = console.api().post("/api/jobs",
                Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 60, "millis", 10, "out", "squares")));
        assertEquals(201, started.status(), started.json().toString());
        String id = started.json().path("id").asText();
        Browser browser = console.browser();
        browser.page("index.html");
        browser.until(d -> "succeeded".equals(console.api().get("/api/jobs/" + id).path("state").asText()), id + " to succeed");
        browser.until(d -> console.api().get("/api/dashboard").path("jobs").path("running").asInt() == 0, "no job running");

        JsonNode api = console.api().get("/api/dashboard");
        assertFalse(api.path("pools").isEmpty(), "the API lists pools: " + api);
        // the page polls every second: wait for a draw made after the API answered above
        long asked = System.currentTimeMillis();
        browser.until(d -> Long.parseLong(String.valueOf(browser.script("return document.body.dataset.updated || '0'"))) > asked,
                "a draw after " + asked);

        for (JsonNode pool : api.path("pools")) {
            String chart = "pool-" + ProcessesPageTest.slug(pool.path("name").asText()) + "-chart";
            JsonNode data = option(browser, chart).path("series").path(0).path("data");
            int slots = pool.path("slots").asInt();
            int running = pool.path("running").asInt();
            assertTrue(slots > 0, pool.toString());
            assertEquals(running, data.path(0).path("value").asInt(), chart + " running slice: " + data);
            assertEquals(Math.max(slots - running, 0), data.path(1).path("value").asInt(), chart + " idle slice: " + data);
            assertTrue(option(browser, chart).path("title").path(0).path("subtext").asText()
                    .contains(pool.path("queued").asInt() + " queued"), chart + " title");
        }

        JsonNode budget = api.path("budget");
        double percent = budget.path("budgetBytes").asDouble() > 0
                ? 100 * budget.path("heldBytes").asDouble() / budget.path("budgetBytes").asDouble() : 0;
        assertEquals(percent, option(browser, "budget").path("series").path(0).path("data").path(0).path("value").asDouble(), 0.01);
        assertEquals(budget.path("budgetBytes").asText(), browser.find("budget").getDomAttribute("data-budget-bytes"));

        JsonNode cache = api.path("cache");
        assertEquals(100 * cache.path("ratio").asDouble(),
                option(browser, "cache").path("series").path(0).path("data").path(0).path("value").asDouble(), 0.01);
        assertEquals(cache.path("hits").asText(), browser.find("cache").getDomAttribute("data-hits"));
        assertEquals(cache.path("misses").asText(), browser.find("cache").getDomAttribute("data-misses"));

        JsonNode apiLinks = api.path("flows").path("links");
        assertFalse(apiLinks.isEmpty(), "the API reports the job's flows: " + api.path("flows"));
        JsonNode links = option(browser, "flows").path("series").path(0).path("links");
        int compared = 0;
        for (JsonNode link : apiLinks) {
            if (link.path("source").equals(link.path("target")) || link.path("chunks").asLong() == 0) {
                continue; // the page leaves out loops and empty links (ECharts cannot draw them)
            }
            JsonNode drawn = find(links, link.path("source").asText(), link.path("target").asText());
            assertEquals(link.path("chunks").asLong(), drawn.path("value").asLong(), "flow " + link);
            compared++;
        }
        assertTrue(compared > 0, "no link compared: " + api.path("flows"));
        browser.screenshot("dashboard");

        browser.script("const s = document.getElementById('flows-measure'); s.value = 'bytes'; s.dispatchEvent(new Event('change'))");
        JsonNode byBytes = option(browser, "flows").path("series").path(0).path("links");
        for (JsonNode link : apiLinks) {
            if (!link.path("source").equals(link.path("target")) && link.path("bytes").asLong() > 0) {
                assertEquals(link.path("bytes").asLong(), find(byBytes, link.path("source").asText(), link.path("target").asText())
                        .path("value").asLong(), "flow in bytes " + link);
            }
        }
    }

    /** The option an ECharts chart holds now (what it draws), as JSON. */
    private static JsonNode option(Browser browser, String id) throws Exception {
        Object json = browser.until(d -> browser.script(
                "const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                        + "return c ? JSON.stringify(c.getOption(), (k, v) => typeof v === 'function' ? undefined : v) : null", id),
                "the chart #" + id);
        return JSON.readTree(json.toString());
    }

    private static JsonNode find(JsonNode links, String source, String target) {
        for (JsonNode link : links) {
            if (link.path("source").asText().equals(source) && link.path("target").asText().equals(target)) {
                return link;
            }
        }
        throw new AssertionError("no link " + source + " -> " + target + " drawn in " + links);
    }
}
