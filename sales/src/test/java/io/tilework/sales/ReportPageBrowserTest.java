package io.tilework.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.report.ExpectedCharts;
import io.tilework.sales.report.Recognition;
import io.tilework.sales.report.ReportInBrowser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real, headless Chromium: its script runs to the end and draws every chart offline, each
 * showing report.json's figures as ECharts holds them; the page is saved as target/screenshots/sales-report.png.
 */
@DisplayName("report.html in a headless Chromium: every chart drawn, every table filled, nothing fetched")
class ReportPageBrowserTest {

    @TempDir
    Path dir;

    @Test
    void thePageRendersOffline() throws Exception {
        Path input = dir.resolve("tx.csv");
        SalesGenerator.write(input, new SalesGenerator.Options(20_000, 5, 0.02), (line, reason) -> { });
        Path out = dir.resolve("report");
        Path costs = Files.writeString(dir.resolve("costs.csv"), "modele,achat,mensuel\nBMW_X3,40000,400\n");
        try (Engine engine = Engine.builder().build()) {
            SalesReportJob.run(engine, new SalesReportJob.Request(List.of(input), out, costs, Recognition.BOOKED,
                    SalesScan.Options.defaults()), JobContext.Progress.NONE);
        }
        String page = Files.readString(out.resolve("report.html"));
        assertTrue(!page.contains("<script src") && !page.contains("<link"), "nothing to fetch: the page is self-contained");

        String html;
        try (ReportInBrowser browser = ReportInBrowser.open(out.resolve("report.html"))) {
            html = browser.html();
            browser.screenshot("sales-report");
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            ExpectedCharts.assertShown(report, browser.charts());
            // what a reader hovering sees: the split's tooltip gives each part's share of the city, the forecast's tells line from trend
            JsonNode first = report.at("/cities/0");
            String split = browser.tooltip("split", 0);
            assertTrue(split.startsWith(first.get("city").asText() + "\n"), split);
            assertTrue(split.contains(String.format(Locale.ROOT, "€ (%.1f %%)",
                    100 * first.at("/sales/revenue").asDouble() / first.get("revenue").asDouble())), split);
            String forecast = browser.tooltip("forecast", 2);
            assertTrue(forecast.contains(first.get("city").asText() + ": ") && forecast.contains(first.get("city").asText() + " trend: "), forecast);
            assertEquals(List.of(), browser.console(), "no warning or error in the browser's console");
        }
        Matcher charts = Pattern.compile("<body data-charts=\"(\\d+)\"").matcher(html);
        assertTrue(charts.find(), "the page's script ran to its end");
        assertEquals(4 + 5, Integer.parseInt(charts.group(1)), "revenue, split, seasonality, forecast, and top models for each of 5 cities");
        String cities = between(html, "<table id=\"cities\">", "</table>");
        assertEquals(1 + 5, count(cities, "<tr>"), "a header and a row per city");
        for (String city : List.of("Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux")) {
            assertTrue(cities.contains(">" + city + "<"), city);
        }
        assertEquals(1 + 5, count(between(html, "<table id=\"margins\">", "</table>"), "<tr>"), "margins per city");
        assertTrue(between(html, "<table id=\"rejects\">", "</table>").contains("duplicate id"), "rejects by reason");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "the page has " + start);
        return text.substring(from, text.indexOf(end, from));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
