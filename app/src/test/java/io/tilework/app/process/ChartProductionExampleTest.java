package io.tilework.app.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.app.CommandRun;
import io.tilework.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("process/examples/chart-production.yaml: produce, check, the operator rejects once, approves, the product is released")
class ChartProductionExampleTest {

    private static final Path EXAMPLES = Path.of("..", "process", "examples");

    @TempDir
    Path temp;

    private CommandRun run(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--store";
        all[args.length + 1] = temp.resolve("process.db").toString();
        CommandRun run = CommandRun.run(all);
        assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.out() + run.err());
        return run;
    }

    private JsonNode variables() throws Exception {
        return new ObjectMapper().readTree(run("process", "show", "chart-production-1", "--json").out()).path("variables");
    }

    @Test
    void rejectOnce_thenApprove_releasesTheProduct() throws Exception {
        Path root = temp.resolve("data");
        Path cells = Files.createDirectories(root.resolve("operator/cells"));
        for (String cell : new String[] {"ECDIS_Chart_1/AA5C1AB1.000", "ECDIS_Chart_1/AA5C1AB2.000", "US5MA12M/US5MA12M.000"}) {
            Files.copy(TestData.s57(cell), cells.resolve(Path.of(cell).getFileName()));
        }
        // one cell arrives damaged (truncated), as in ChartProductionTest: it fails, the others are produced
        Path damaged = cells.resolve("US5MA12M.000");
        byte[] whole = Files.readAllBytes(damaged);
        Files.write(damaged, Arrays.copyOf(whole, whole.length / 3));

        run("process", "deploy", EXAMPLES.resolve("chart-production-workflow.yaml").toString());
        run("process", "deploy", EXAMPLES.resolve("chart-production.yaml").toString());
        var started = run("process", "start", "chart-production", "--var", "root=" + root, "--var", "inputFolder=operator/cells");
        assertTrue(started.out().contains("chart-production-1: running"), started.out());

        var inbox = run("process", "inbox", "operator", "--open");
        assertTrue(inbox.out().contains("WorkItem-1") && inbox.out().contains("offered"), inbox.out());
        JsonNode check = variables();
        assertEquals(2, check.path("produced").asInt(), check.toString());
        assertEquals(1, check.path("failed").asInt(), check.toString());
        assertTrue(check.path("failures").get(0).path("message").asText().contains("truncated or damaged"), check.toString());
        long bytes = Files.size(root.resolve("operator/product/chart.mbtiles")) + Files.size(root.resolve("operator/product/chart.gpkg"))
                + Files.size(root.resolve("operator/product/summary.json"));
        assertEquals(bytes, check.path("bytes").asLong());
        assertEquals(4, check.path("images").size(), check.toString());
        for (JsonNode image : check.path("images")) {
            assertTrue(Files.size(Path.of(image.asText())) > 0, image.asText());
        }

        // the operator gets the whole cell again and rejects: the production reruns the failed cell, the check runs again
        Files.write(damaged, whole);
        var rejected = run("process", "complete", "chart-production-1", "WorkItem-1", "--var", "approved=false");
        assertTrue(rejected.out().contains("chart-production-1: running"), rejected.out());
        assertTrue(run("process", "inbox", "operator", "--open").out().contains("WorkItem-2"));
        JsonNode again = variables();
        assertEquals(3, again.path("produced").asInt(), again.toString());
        assertEquals(0, again.path("failed").asInt(), again.toString());
        assertTrue(Files.notExists(root.resolve("operator/release")), "nothing is released before approval");

        var approved = run("process", "complete", "chart-production-1", "WorkItem-2", "--var", "approved=true");
        assertTrue(approved.out().contains("chart-production-1: completed"), approved.out() + run("process", "history", "chart-production-1").out());
        for (String file : new String[] {"chart.mbtiles", "chart.gpkg", "summary.json"}) {
            assertArrayEquals(Files.readAllBytes(root.resolve("operator/product").resolve(file)),
                    Files.readAllBytes(root.resolve("operator/release").resolve(file)), file);
        }
        var history = run("process", "history", "chart-production-1", "--no-effects").out();
        assertTrue(history.contains("jobSucceeded on produce {attempt=2") && !history.contains("on produce {attempt=3"), history);
        assertTrue(history.matches("(?s).*on produce \\{attempt=2.*reused=[1-9].*"), "the rerun kept what was done: " + history);
    }
}
