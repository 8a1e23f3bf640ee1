package io.tilework.sales.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.engine.page.Echarts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The report as one self-contained HTML page: ECharts ({@link Echarts}, the chart library of every
 * Tilework page) and the report's JSON are inlined, so the file opens anywhere, offline, and can be
 * mailed as is.
 */
public final class ReportPage {

    private ReportPage() {
    }

    public static Path write(Report report, ObjectMapper json, Path target) throws IOException {
        String page = resource("io/tilework/sales/report/report.html")
                .replace("/*ECHARTS*/", Echarts.inlineScript())
                .replace("/*DATA*/", json.writeValueAsString(report).replace("</", "<\\/"));
        return Files.writeString(target, page, StandardCharsets.UTF_8);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing from the class path: " + name + " (is the build complete?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
