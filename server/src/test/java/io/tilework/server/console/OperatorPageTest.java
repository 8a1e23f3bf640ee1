package io.tilework.server.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart producer's operator workflow in the browser: the production and its check ran, the
 * check waits in the operator's inbox with the summary and the tiles drawn as images; approving
 * it there releases the product.
 */
@DisplayName("the operator's chart production, in Chromium against a real server")
class OperatorPageTest {

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
    @DisplayName("the check waits in the operator's inbox with its summary and tiles; approved there, the product is released")
    void checkShownWithTiles_approved_released() throws Exception {
        JobsPageTest.copyCells(dataRoot.resolve("operator/cells"));
        for (String model : List.of("chart-production-workflow.yaml", "chart-production.yaml")) {
            var deployed = console.api().post("/api/processes/models",
                    Map.of("file", model, "text", Files.readString(ProcessesPageTest.EXAMPLES.resolve(model))));
            assertEquals(201, deployed.status(), deployed.json().toString());
        }
        var started = console.api().post("/api/processes/instances", Map.of("model", "chart-production",
                "variables", Map.of("root", ".", "inputFolder", "operator/cells")));
        assertEquals(201, started.status(), started.json().toString());
        String instance = started.json().path("instance").asText();

        Browser browser = console.browser();
        browser.page("processes.html?actor=operator");
        JsonNode item = browser.until(d -> {
            for (JsonNode entry : console.api().get("/api/processes/inbox/operator")) {
                if (entry.path("instance").asText().equals(instance) && entry.path("objectState").asText().equals("offered")) {
                    return entry;
                }
            }
            return null;
        }, "the check of " + instance + " in the operator's inbox");
        String key = ProcessesPageTest.slug(item.path("key").asText());
        JsonNode variables = console.api().get("/api/processes/instances/" + instance).path("variables");
        assertTrue(variables.path("produced").asInt() > 0, variables.toString());
        int images = variables.path("images").size();
        assertTrue(images > 0, variables.toString());
        // every tile the check drew is shown, loaded from the data root (a broken image has no natural width)
        browser.until(d -> {
            Object widths = browser.script("return [...document.querySelectorAll('#context-' + arguments[0] + ' img')]"
                    + ".map(i => i.complete ? i.naturalWidth : 0)", key);
            List<?> list = (List<?>) widths;
            return list.size() == images && list.stream().allMatch(w -> ((Number) w).intValue() > 0) ? list : null;
        }, "the " + images + " tiles of the check drawn in the inbox");
        browser.screenshot("operator-check");

        browser.type("complete-vars-" + key, "approved=true");
        browser.click("complete-" + key);
        browser.until(d -> "completed".equals(console.api().get("/api/processes/instances/" + instance).path("state").asText()),
                instance + " to complete after the approval");
        assertArrayEquals(Files.readAllBytes(dataRoot.resolve("operator/product/chart.mbtiles")),
                Files.readAllBytes(dataRoot.resolve("operator/release/chart.mbtiles")), "the released product is the product");
    }
}
