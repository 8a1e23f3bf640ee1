package io.tilework.server.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. The driver and the browser are
 * named explicitly, so Selenium Manager is never asked to download anything (the tests run offline).
 * Without chromedriver the test is skipped with a message, except in CI ({@code CI=true}), where a
 * missing driver is a failure: CI installs chromium-driver.
 */
final class Browser implements AutoCloseable {

    static final File DRIVER = new File("/usr/bin/chromedriver");
    static final String CHROMIUM = "/usr/bin/chromium";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A browser for the console at {@code base} (http://127.0.0.1:PORT); skips the test when Chromium is not installed (outside CI). */
    static Browser open(String base) {
        if (!DRIVER.canExecute()) {
            String message = DRIVER + " is missing: install Debian's chromium and chromium-driver to run the console's browser tests";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        System.setProperty("SE_OFFLINE", "true"); // never let Selenium Manager reach the network
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        return new Browser(new ChromeDriver(service, options), base);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a console page, e.g. {@code "jobs.html"}. */
    void page(String page) {
        driver.get(base + "/console/" + page);
    }

    WebElement find(String id) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.id(id));
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        }, "#" + id + " to be shown");
    }

    /** Waits until {@code condition} gives a value that is not null or false; the message names what was awaited. */
    <T> T until(Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, WAIT).withMessage(() -> "waited " + WAIT.toSeconds() + " s for " + what)
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Clicks the element once it is shown (the pages redraw every second, so a stale element is looked up again). */
    void click(String id) {
        until(d -> {
            find(id).click();
            return true;
        }, "a click on #" + id);
    }

    void type(String id, String text) {
        WebElement input = find(id);
        input.clear();
        input.sendKeys(text);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves the whole page, beyond the window's height, as {@code target/screenshots/NAME.png} (Chromium's own capture). */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) script(
                "return {width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight}");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) size.get("width")).intValue(), "height", ((Number) size.get("height")).intValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
