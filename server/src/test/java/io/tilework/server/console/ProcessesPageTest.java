package io.tilework.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@DisplayName("the Processes page, in Chromium against a real server")
class ProcessesPageTest {

    /** The examples of the process module (the tests run in the server module's folder). */
    static final Path EXAMPLES = Path.of("..", "process", "examples");
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
    @DisplayName("a review deployed from the page waits in alice's inbox, and completing it there ends the instance")
    void review_workItemCompletedFromTheInbox_endsTheInstance() throws Exception {
        Browser browser = console.browser();
        browser.page("processes.html");
        deploy(browser, "review.yaml");
        new Select(browser.find("start-model")).selectByValue("review");
        browser.type("start-variables", "amount=2500");
        browser.click("start-submit");
        String instance = browser.until(d -> {
            String text = browser.find("start-result").getText();
            return text.contains(":") ? text.substring(0, text.indexOf(':')) : null;
        }, "the started instance");

        browser.type("inbox-actor", "alice");
        browser.click("inbox-load");
        JsonNode item = browser.until(d -> {
            for (JsonNode entry : console.api().get("/api/processes/inbox/alice")) {
                if (entry.path("instance").asText().equals(instance) && entry.path("objectState").asText().equals("offered")) {
                    return entry;
                }
            }
            return null;
        }, "a work item of " + instance + " in alice's inbox");
        String key = slug(item.path("key").asText());
        WebElement payload = browser.find("payload-" + key);
        assertEquals(item.path("payload"), JSON.readTree(payload.getText()), "the payload shown is the inbox's");
        browser.screenshot("processes-inbox");
        browser.type("complete-vars-" + key, "approved=true");
        browser.click("complete-" + key);

        browser.until(d -> "completed".equals(console.api().get("/api/processes/instances/" + instance).path("state").asText()),
                instance + " to complete");
        browser.until(d -> d.findElements(By.id("item-" + key)).isEmpty(), "the work item to leave the inbox");
        JsonNode shown = console.api().get("/api/processes/instances/" + instance);
        assertEquals(true, shown.path("variables").path("approved").asBoolean(false), shown.toString());
    }

    @Test
    @DisplayName("a Map instance shows its candidate sections with intention and strategy, and Choose takes one")
    void study_candidateChosenOnThePage_isTaken() throws Exception {
        Browser browser = console.browser();
        browser.page("processes.html");
        deploy(browser, "study.yaml");
        new Select(browser.find("start-model")).selectByValue("study");
        browser.type("start-variables", "");
        browser.click("start-submit");
        String instance = browser.until(d -> {
            String text = browser.find("start-result").getText();
            return text.startsWith("study") && text.contains(":") ? text.substring(0, text.indexOf(':')) : null;
        }, "the started study");
        browser.until(d -> instance.equals(browser.find("instance").getDomAttribute("data-id")), instance + " shown");

        JsonNode candidates = console.api().get("/api/processes/instances/" + instance).path("candidates");
        List<String> ids = new ArrayList<>();
        candidates.forEach(c -> ids.add(c.path("id").asText()));
        assertTrue(ids.contains("collectByJob"), ids.toString());
        for (JsonNode candidate : candidates) {
            String text = browser.find("candidate-" + slug(candidate.path("id").asText())).getText();
            candidate.path("attributes").properties().forEach(a ->
                    assertTrue(text.contains(a.getKey() + ": " + a.getValue().asText()), text + " lacks " + a));
        }
        browser.screenshot("processes-map");

        browser.click("choose-collectByJob");
        // taking collectByJob runs its job and achieves Collect: the sections out of Collect become candidates
        JsonNode achieved = browser.until(d -> {
            JsonNode now = console.api().get("/api/processes/instances/" + instance);
            for (JsonNode object : now.path("objects")) {
                if (object.path("type").asText().equals("Achievement")
                        && object.path("attributes").path("section").asText().equals("collectByJob")) {
                    return now;
                }
            }
            return null;
        }, "an achievement of collectByJob");
        List<String> next = new ArrayList<>();
        achieved.path("candidates").forEach(c -> next.add(c.path("id").asText()));
        assertTrue(next.contains("analyse"), next.toString());
        browser.find("choose-analyse");
        assertEquals(42, achieved.path("variables").path("rows").asInt(), achieved.toString());
        browser.until(d -> browser.find("instance-variables").getText().contains("\"rows\": 42"), "the job's result on the page");
        browser.until(d -> "Collect".equals(browser.find("map-current").getDomAttribute("data-intention")), "the current intention");
        assertTrue(browser.find("map-current").getText().contains("Collect — collect the data"), browser.find("map-current").getText());
        List<String> path = browser.until(d -> {
            List<String> steps = d.findElements(By.cssSelector("#path > li.path-step")).stream().map(WebElement::getText).toList();
            return steps.size() == 2 ? steps : null;
        }, "the path Start -> Collect");
        assertTrue(path.get(0).startsWith("Start") && path.get(1).startsWith("Collect by extraction (collectByJob)"), path.toString());
        // the root Map is "running" too, but only sections are listed as running
        browser.until(d -> !d.findElement(By.id("running-section")).isDisplayed(), "nothing listed as running");
        browser.screenshot("processes-chosen");
    }

    private static void deploy(Browser browser, String example) throws Exception {
        String yaml = Files.readString(EXAMPLES.resolve(example));
        // the textarea is filled by script: typing would take seconds for a model of this size
        browser.script("document.getElementById('model-yaml').value = arguments[0]", yaml);
        browser.click("model-deploy");
        String model = yaml.lines().filter(l -> l.startsWith("model:")).findFirst().orElseThrow().substring(6).trim();
        browser.until(d -> browser.find("deploy-result").getText().startsWith("deployed " + model), model + " deployed");
        browser.find("model-" + model);
    }

    static String slug(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
