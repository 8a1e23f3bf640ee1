package io.tilework.sales.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A report.html opened from its file in Debian's headless Chromium through Debian's chromedriver
 * (named explicitly: Selenium Manager never downloads anything). Without chromedriver the test is
 * skipped, except in CI ({@code CI=true}), where that is a failure. Gives the page as the browser
 * left it, what each ECharts instance shows ({@code getOption()}), and a full-page screenshot.
 */
public final class ReportInBrowser implements AutoCloseable {

    private static final File DRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** A chart as ECharts holds it: the category axis's labels and each series' name and values (null: no point). */
    public record Chart(String id, boolean drawn, List<String> categories, List<Series> series) {
    }

    public record Series(String name, List<Double> data) {
    }

    private final ChromeDriver driver;

    private ReportInBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Opens {@code page} and waits until its script ran to the end (it then sets {@code body[data-charts]}). */
    public static ReportInBrowser open(Path page) {
        if (!DRIVER.canExecute()) {
            String message = DRIVER + " is missing: install Debian's chromium and chromium-driver (scripts/prerequisites.sh)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        System.setProperty("SE_OFFLINE", "true");
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var browser = new ReportInBrowser(new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build(), options));
        try {
            browser.driver.get(page.toUri().toString());
            new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                    .withMessage(() -> "the page's script did not run to its end; the console said: " + browser.console())
                    .until(d -> browser.driver.executeScript("return document.body.dataset.charts !== undefined"));
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
        return browser;
    }

    /** The page's HTML as the script left it. */
    public String html() {
        return (String) driver.executeScript("return document.documentElement.outerHTML");
    }

    /** Every ECharts instance of the page by its element's id, in page order. */
    public Map<String, Chart> charts() throws IOException {
        String json = (String) driver.executeScript("""
                return JSON.stringify(Array.from(document.querySelectorAll('[_echarts_instance_]')).map(el => {
                  const option = echarts.getInstanceByDom(el).getOption();
                  const categories = [...option.xAxis, ...option.yAxis].find(axis => axis.type === 'category');
                  const canvas = el.querySelector('canvas');
                  return { id: el.id, drawn: !!canvas && canvas.width > 0 && canvas.height > 0, categories: categories.data.map(String),
                    series: option.series.map(s => ({ name: s.name, data: s.data.map(v => v == null || v === '-' ? null : Number(v)) })) };
                }))""");
        List<Chart> charts = new ObjectMapper().readValue(json, new TypeReference<List<Chart>>() { });
        var byId = new LinkedHashMap<String, Chart>();
        charts.forEach(chart -> assertEquals(null, byId.put(chart.id(), chart), "two charts on #" + chart.id()));
        return byId;
    }

    /** The tooltip chart {@code id} shows for its {@code index}-th category, as text (what a reader hovering there sees). */
    public String tooltip(String id, int index) {
        return (String) driver.executeScript("""
                const el = document.getElementById(arguments[0]);
                echarts.getInstanceByDom(el).dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: arguments[1] });
                const tip = Array.from(el.querySelectorAll('div')).find(d => d.style.position === 'absolute' && d.innerText.trim());
                return tip ? tip.innerText : null""", id, index);
    }

    /** Warnings and errors in the browser's console. */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Saves the whole page, below the window too, as {@code target/screenshots/NAME.png}. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        @SuppressWarnings("unchecked")
        var size = (Map<String, Number>) driver.executeScript(
                "return { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "scale", 1, "width", size.get("width").intValue(), "height", size.get("height").intValue())));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        assertTrue(Files.size(file) > 0, file.toString());
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
