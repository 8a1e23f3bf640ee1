package io.tilework.app.sales;

import static io.tilework.app.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.app.CommandRun;
import io.tilework.server.report.RunRecorder;
import io.tilework.server.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework sales report --report FILE.html: the run's report, after a success and after a failure")
class SalesRunReportTest {

    @TempDir
    Path dir;

    private static RunRecorder.Snapshot embedded(Path page) throws Exception {
        String html = Files.readString(page);
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"" + RunReport.DATA_ID + "\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(data.find(), "the page embeds the run's data");
        assertTrue(html.contains("echarts"), "and the chart library");
        return new ObjectMapper().readValue(data.group(1), RunRecorder.Snapshot.class);
    }

    @Test
    @DisplayName("a report run: the page holds the map and reduce chunks and the flow between them")
    void succeededRun_writesTheReport() throws Exception {
        Path csv = dir.resolve("tx.csv");
        CommandRun generated = run("sales", "generate", "--rows", "40000", "--seed", "5", "--out", csv.toString());
        assertEquals(0, generated.exit(), generated.err());
        assertTrue(Files.size(csv) > 2 << 20, "more than two 1 MiB splits: " + Files.size(csv));
        Path page = dir.resolve("reports/run.html");
        CommandRun report = run("sales", "report", csv.toString(), "--out", dir.resolve("out").toString(), "--quiet",
                "--split-mb", "1", "--report", page.toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().endsWith("report: " + page + System.lineSeparator()), report.out());

        RunRecorder.Snapshot run = embedded(page);
        assertEquals("succeeded", run.outcome());
        assertTrue(run.title().startsWith("sales report "), run.title());
        Set<String> recipes = run.tasks().stream().map(RunRecorder.Span::recipe).collect(Collectors.toSet());
        assertTrue(recipes.containsAll(Set.of("sales.map", "sales.reduce")), recipes.toString());
        long splits = run.tasks().stream().filter(span -> span.recipe().equals("sales.map")).count();
        assertTrue(splits >= 2, splits + " map chunks");
        RunRecorder.Flow flow = run.flows().stream().filter(f -> f.source().equals("sales.map") && f.target().equals("sales.reduce"))
                .findFirst().orElseThrow(() -> new AssertionError("no sales.map -> sales.reduce flow in " + run.flows()));
        assertEquals(splits, flow.chunks(), "every split's partial is reduced once");
        assertTrue(flow.bytes() > 0);
        assertEquals(0, run.chunksFailed());
        assertTrue(run.endMillis() >= run.startMillis());
    }

    @Test
    @DisplayName("a failed run still writes its report, with the failure as its outcome")
    void failedRun_writesTheReportToo() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "transaction_id,date,ville,type,modele,prix,duree_location_mois\n"
                + "T1,2024-01-05,Lyon,vente,BMW_X3,45000,NULL\nT2,2024-13-05,Lyon,vente,BMW_X3,45000,NULL\n");
        Path page = dir.resolve("failed.html");
        CommandRun report = run("sales", "report", csv.toString(), "--out", dir.resolve("o").toString(), "--quiet",
                "--report", page.toString());
        assertEquals(1, report.exit(), report.err());
        assertTrue(report.err().contains("were rejected, more than the 5% tolerated"), report.err());
        assertTrue(report.out().contains("report: " + page), report.out());

        RunRecorder.Snapshot run = embedded(page);
        assertTrue(run.outcome().startsWith("failed: " + csv + ": 1 of 2 rows (50.00%) were rejected"), run.outcome());
        assertTrue(run.tasks().stream().anyMatch(span -> span.recipe().equals("sales.map") && span.state().equals("finished")),
                "the map ran before the run failed: " + run.tasks());
    }
}
