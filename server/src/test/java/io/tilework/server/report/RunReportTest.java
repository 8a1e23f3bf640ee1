package io.tilework.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.engine.Codec;
import io.tilework.engine.Engine;
import io.tilework.engine.RetryPolicy;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.engine.page.Echarts;
import io.tilework.engine.pool.Pools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

@Timeout(180)
@DisplayName("RunReport: one self-contained page with the run's data and charts")
class RunReportTest {

    @TempDir
    static Path dir;

    private static RunRecorder.Snapshot snapshot;

    /** A real run: reads feeding sums feeding a total (a Sankey of three recipes), a retried chunk and a failed one. */
    @BeforeAll
    static void run() throws Exception {
        var recorder = new RunRecorder("demo <run> & \"report\"");
        var attempts = new AtomicInteger();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).store(dir.resolve("store"), 1L << 30).listener(recorder).build()) {
            var sums = new ArrayList<Task<Long>>();
            for (int g = 0; g < 6; g++) {
                var reads = new ArrayList<Task<Long>>();
                for (int r = 0; r < 4; r++) {
                    long value = g * 4L + r;
                    reads.add(Task.<Long>builder(TaskKey.of("demo.read", 1, g + "/" + r)).estimatedBytes(1 << 16).codec(Codec.LONG)
                            .compute((in, cancel) -> {
                                Thread.sleep(5); // long enough to be seen as a bar
                                return value;
                            }));
                }
                sums.add(Task.<Long>builder(TaskKey.of("demo.sum", 1, "" + g)).inputs(reads).estimatedBytes(1 << 12).codec(Codec.LONG)
                        .compute((in, cancel) -> in.<Long>all().stream().mapToLong(Long::longValue).sum()));
            }
            engine.submit(Task.<Long>builder(TaskKey.of("demo.total", 1, "all")).inputs(sums).estimatedBytes(8).codec(Codec.LONG)
                    .compute((in, cancel) -> in.<Long>all().stream().mapToLong(Long::longValue).sum())).get(60, TimeUnit.SECONDS);
            engine.submit(Task.<Long>builder(TaskKey.of("demo.flaky", 1, "0")).retry(RetryPolicy.attempts(2, Duration.ZERO))
                    .compute((in, cancel) -> {
                        if (attempts.incrementAndGet() == 1) {
                            throw new IOException("transient </script><script>alert(1)</script>");
                        }
                        return 1L;
                    })).get(60, TimeUnit.SECONDS);
            try {
                engine.submit(Task.<Long>builder(TaskKey.of("demo.broken", 1, "0")).compute((in, cancel) -> {
                    throw new IllegalStateException("bad chunk");
                })).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // listed in the report's failures
            }
        }
        recorder.finish("failed: demo.broken@1:0: bad chunk");
        snapshot = recorder.snapshot();
    }

    private static String embeddedJson(String html) {
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"" + RunReport.DATA_ID + "\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(data.find(), "the page embeds the snapshot");
        return data.group(1);
    }

    @Test
    @DisplayName("the page inlines ECharts and the snapshot, which parses back equal")
    void html_embedsEchartsAndData() throws Exception {
        String html = RunReport.html(snapshot);
        String echarts;
        try (InputStream in = RunReport.class.getClassLoader().getResourceAsStream(Echarts.RESOURCE)) {
            echarts = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(html.contains(echarts), "ECharts inlined whole");
        RunRecorder.Snapshot parsed = new ObjectMapper().readValue(embeddedJson(html), RunRecorder.Snapshot.class);
        assertEquals(snapshot, parsed);
        assertTrue(html.contains("<title>demo &lt;run&gt; &amp; &quot;report&quot; - Tilework run report</title>"), "the title, escaped");
        assertFalse(html.contains("<script>alert(1)"), "a failure's message cannot end the data element");
        assertEquals(3, count(html, "</script>"), "ECharts, the data, the page's script");
    }

    @Test
    @DisplayName("the page references nothing on the network: no http(s) script, link, image or import")
    void html_fetchesNothing() {
        String html = RunReport.html(snapshot);
        Matcher remote = Pattern.compile("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//|url\\(\\s*[\"']?\\s*(https?:)?//|@import|"
                + "import\\s*\\(\\s*[\"']https?:|fetch\\(|XMLHttpRequest\\(\\)\\.open").matcher(html);
        assertFalse(remote.find(), () -> "a network reference: " + html.substring(Math.max(0, remote.start() - 40), remote.end() + 40));
    }

    @Test
    @DisplayName("written atomically: the file holds the page")
    void write_writesThePage() throws Exception {
        Path file = dir.resolve("out/report.html");
        Files.createDirectories(file.getParent());
        RunReport.write(snapshot, file);
        assertEquals(RunReport.html(snapshot), Files.readString(file));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file left");
        }
    }

    @Test
    @DisplayName("in headless Chromium every chart draws on a canvas, the tables fill and the console has no error")
    void page_rendersInChromium() throws Exception {
        Path file = dir.resolve("browser/run-report.html");
        Files.createDirectories(file.getParent());
        RunReport.write(snapshot, file);
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,2200");
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(file.toUri().toString());
            for (String chart : List.of("task-stream", "pools", "flows", "cache")) {
                assertEquals(1, browser.findElements(By.cssSelector("#" + chart + " canvas")).size(), chart + " draws on a canvas");
            }
            assertEquals("failed: demo.broken@1:0: bad chunk", browser.findElement(By.id("outcome")).getText());
            assertEquals(snapshot.slowest().size() + 1, browser.findElements(By.cssSelector("#slowest tr")).size());
            assertEquals(3, browser.findElements(By.cssSelector("#failures tr")).size(), "a header and two failed attempts");
            Object lanes = browser.executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('task-stream')).getOption().yAxis[0].data.length");
            assertEquals(snapshot.tasks().stream().map(RunRecorder.Span::lane).distinct().count(), ((Number) lanes).longValue());
            Object links = browser.executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('flows')).getOption().series[0].links.length");
            assertEquals(2L, ((Number) links).longValue(), "read -> sum, sum -> total");
            Path shot = Path.of("target", "screenshots", "run-report.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "no error in the browser's console");
        } finally {
            browser.quit();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
