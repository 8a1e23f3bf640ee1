package io.tilework.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@DisplayName("the Jobs page, in Chromium against a real server")
class JobsPageTest {

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
    @DisplayName("a sales report started from its form runs to 100 % and its report.html opens in the page")
    void salesReport_fromTheForm_reachesHundredPercent_andOpensTheReport() throws Exception {
        SalesGenerator.write(dataRoot.resolve("sales/in.csv"), SalesGenerator.Options.of(20_000, 7), (line, reason) -> { });
        Browser browser = console.browser();
        browser.page("jobs.html");
        new Select(browser.find("job-kind")).selectByValue("sales.report");
        browser.type("param-files", "sales/in.csv");
        browser.type("param-out", "sales/report");
        browser.click("job-submit");

        String id = console.newestJob("sales.report");
        browser.until(d -> "succeeded".equals(browser.find("state-" + id).getText()), id + " to show succeeded");
        JsonNode job = console.api().get("/api/jobs/" + id);
        assertEquals(1.0, job.path("progress").path("fraction").asDouble(), job.toString());
        assertEquals("succeeded", job.path("state").asText());
        assertEquals("1", browser.find("progress-" + id).getDomAttribute("value"));
        assertEquals("100 %", browser.find("percent-" + id).getText());
        browser.screenshot("jobs");

        browser.click("output-" + id + "-report_html");
        browser.until(d -> d.findElement(By.id("viewer-frame")).getDomAttribute("src") != null, "the report in the viewer");
        browser.driver().switchTo().frame("viewer-frame");
        String title = browser.until(d -> {
            String shown = String.valueOf(browser.script("return document.title")); // the frame's own (getTitle gives the page's)
            return shown.isBlank() ? null : shown;
        }, "the report's title in the frame");
        browser.driver().switchTo().defaultContent();
        String written = Files.readString(dataRoot.resolve("sales/report/report.html"));
        assertTrue(written.contains("<title>" + title + "</title>"), "the frame shows " + title + ", not the report written");
        browser.screenshot("jobs-report");
    }

    @Test
    @DisplayName("a path outside the data root is refused, and the form shows the server's message")
    void pathOutsideTheRoot_showsTheServersMessage() {
        Browser browser = console.browser();
        browser.page("jobs.html");
        new Select(browser.find("job-kind")).selectByValue("sales.report");
        browser.type("param-files", "../outside.csv");
        browser.type("param-out", "sales/elsewhere");
        browser.click("job-submit");
        String shown = browser.until(d -> {
            String text = browser.find("job-error").getText();
            return text.isBlank() ? null : text;
        }, "the form's error");
        Api.Answer answer = console.api().post("/api/jobs",
                Map.of("kind", "sales.report", "parameters", Map.of("files", new String[] {"../outside.csv"}, "out", "sales/elsewhere")));
        assertEquals(400, answer.status(), answer.json().toString());
        assertEquals(answer.json().path("error").asText(), shown);
    }

    @Test
    @DisplayName("a chart production is cancelled from its Cancel button and finished from its Resume button")
    void chartProduction_cancelled_thenResumed_succeeds() throws Exception {
        copyCells(dataRoot.resolve("enc"));
        Browser browser = console.browser();
        browser.page("jobs.html?kind=charts.produce");
        browser.type("param-encDir", "enc");
        browser.type("param-out", "product");
        browser.click("job-submit");
        String id = console.newestJob("charts.produce");
        browser.until(d -> console.api().get("/api/jobs/" + id).path("progress").path("done").asLong() > 0,
                id + " to finish some work");
        browser.click("cancel-" + id);
        browser.until(d -> "cancelled".equals(browser.find("state-" + id).getText()), id + " to show cancelled");
        assertEquals("cancelled", console.api().get("/api/jobs/" + id).path("state").asText());
        browser.screenshot("jobs-cancelled");

        browser.click("resume-" + id);
        browser.until(d -> "succeeded".equals(browser.find("state-" + id).getText()), id + " to show succeeded after its resume");
        JsonNode job = console.api().get("/api/jobs/" + id);
        assertEquals("succeeded", job.path("state").asText());
        assertEquals(2, job.path("attempt").asInt(), job.toString());
        assertEquals("1", browser.find("progress-" + id).getDomAttribute("value"));
        browser.screenshot("jobs-resumed");
    }

    /** The shared S-57 cells copied into the data root (a symbolic link would leave the root, which the server refuses). */
    static void copyCells(Path into) throws IOException {
        Path source = TestData.s57("");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = into.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
