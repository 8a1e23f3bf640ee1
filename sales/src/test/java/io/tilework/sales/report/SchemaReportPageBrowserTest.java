package io.tilework.sales.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html for data read through a schema, in a headless Chromium: the units charts, one chart and table per
 * extra dimension, the lines saying what is missing, the schema and files named; without a price, no revenue chart.
 * Every chart shows the report's figures as ECharts holds them ({@link ExpectedCharts}).
 */
@DisplayName("report.html through a schema in a headless Chromium: units, dimensions, what is missing, schema and files")
class SchemaReportPageBrowserTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("monthly aggregates without a price: the units charts and the dimension's, no revenue chart")
    void unitsOnly() throws Exception {
        SalesSchema schema = SchemaKpisTest.schema("registrations", Set.of(Concept.MONTH, Concept.CITY, Concept.MODEL, Concept.MAKE,
                Concept.QUANTITY), List.of("body style"));
        String html = render(schema, SchemaKpisTest.rows(3, 2_000, true));
        // units per month, seasonality on units, trend on units, a top five per city (4), the dimension's
        assertEquals(3 + 4 + 1, charts(html));
        assertTrue(between(html, "<table id=\"cities\">", "</table>").contains(">Units<"), "cities compared by units");
        String missing = between(html, "<table id=\"missing\">", "</table>");
        assertTrue(missing.contains("no price column: revenue KPIs not computed"), missing);
        assertTrue(missing.contains("no id column: duplicates not checked"), missing);
        assertEquals(1 + 4, count(missing, "<tr>"), "a header and the four lines");
        assertEquals(1 + 4, count(between(html, "<table id=\"dimension-0-table\">", "</table>"), "<tr>"), "four body styles");
        assertTrue(between(html, "<table id=\"makes\">", "</table>").contains("Renault"), "units per make");
        assertTrue(html.contains("Read through the schema registrations (registrations.yaml)"), "the schema named");
        assertTrue(html.contains("registrations.csv"), "the file named");
        Matcher priced = Pattern.compile("<section class=\"priced\"[^>]*>").matcher(html);
        int hidden = 0;
        while (priced.find()) {
            assertTrue(priced.group().contains("hidden"), priced.group());
            hidden++;
        }
        assertEquals(3, hidden, "the revenue over time, trend and top models sections are hidden");
        assertTrue(html.contains("<section id=\"rotation-section\" hidden"), "no type: nothing rented, no rotation");
    }

    @Test
    @DisplayName("every concept: the revenue charts as before, plus units, and a chart per dimension")
    void everyConcept() throws Exception {
        SalesSchema schema = SchemaKpisTest.schema("dealer", Set.of(Concept.ID, Concept.DATE, Concept.CITY, Concept.TYPE, Concept.MODEL,
                Concept.MAKE, Concept.PRICE, Concept.QUANTITY, Concept.DURATION, Concept.COST), List.of("gender", "body style"));
        String html = render(schema, SchemaKpisTest.rows(4, 3_000, false));
        // revenue, split, seasonality, forecast, top models x 4 cities; units x 3, units top five x 4; two dimensions
        assertEquals(4 + 4 + 3 + 4 + 2, charts(html));
        assertEquals(1 + 4, count(between(html, "<table id=\"margins\">", "</table>"), "<tr>"), "sale margins per city from the cost column");
        assertTrue(between(html, "<div id=\"margin\">", "</table>").contains("column COST"), "where the costs came from");
        assertEquals(1 + 3, count(between(html, "<table id=\"dimension-0-table\">", "</table>"), "<tr>"), "three genders");
        assertFalse(between(html, "<section class=\"priced\"", ">").contains("hidden"), "revenue shown");
        assertFalse(html.contains("<section id=\"rotation-section\" hidden"), "rotation shown");
    }

    /** Writes the page, opens it, checks every chart against the report's JSON and saves a screenshot named after the schema. */
    private String render(SalesSchema schema, List<SchemaKpisTest.Row> rows) throws Exception {
        Path file = dir.resolve(schema.name() + ".csv");
        var scan = new SalesScan.Result(SchemaKpisTest.partial(rows, schema), List.of(file), 0, dir.resolve("rejects.csv"));
        Report report = Kpis.compute(scan, schema, Recognition.BOOKED, null, "no cost file was given");
        ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        Path page = ReportPage.write(report, json, dir.resolve(schema.name() + ".html"));
        try (ReportInBrowser browser = ReportInBrowser.open(page)) {
            browser.screenshot("sales-report-" + schema.name());
            ExpectedCharts.assertShown(json.readTree(json.writeValueAsString(report)), browser.charts());
            assertEquals(List.of(), browser.console(), "no warning or error in the browser's console");
            return browser.html();
        }
    }

    private static int charts(String html) {
        Matcher charts = Pattern.compile("<body data-charts=\"(\\d+)\"").matcher(html);
        assertTrue(charts.find());
        return Integer.parseInt(charts.group(1));
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
