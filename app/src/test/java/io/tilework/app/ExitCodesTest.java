package io.tilework.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.failure.DefectLog;
import io.tilework.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("exit codes: 0 done, 1 the user's input or request, 2 the command line, 3 a defect (one line, the log named)")
class ExitCodesTest {

    private static final Path REVIEW = Path.of("..", "process", "examples", "review.yaml");
    private static final Path DEM = TestData.raster("srtm_bigtujunga30m_utm11.tif");

    @TempDir
    Path temp;

    /** No stack trace: no line of one, and no exception class where the user reads. */
    private static void assertNoStackTrace(String err) {
        assertFalse(err.lines().anyMatch(line -> line.strip().startsWith("at ") || line.startsWith("Caused by")), err);
    }

    @Test
    @DisplayName("the table is in tilework --help and in every command's help")
    void help_showsTheTable() {
        for (List<String> args : List.of(List.of("--help"), List.of("raster", "--help"), List.of("process", "complete", "--help"),
                List.of("sales", "report", "--help"))) {
            CommandRun help = CommandRun.run(args.toArray(String[]::new));
            assertEquals(0, help.exit(), args + ": " + help.err());
            assertAll(args.toString(),
                    () -> assertTrue(help.out().contains("Exit codes:"), help.out()),
                    () -> assertTrue(help.out().matches("(?s).*\\n\\s+1\\s+the input or the request was wrong.*"), help.out()),
                    () -> assertTrue(help.out().matches("(?s).*\\n\\s+2\\s+wrong command line.*"), help.out()),
                    () -> assertTrue(help.out().matches("(?s).*\\n\\s+3\\s+a defect in Tilework.*"), help.out()));
        }
    }

    @Test
    @DisplayName("2: an unknown option, a malformed value")
    void wrongCommandLine_exits2() {
        CommandRun unknown = CommandRun.run("raster", "slope", DEM.toString(), temp.resolve("o.tif").toString(), "--no-such-option");
        assertEquals(2, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("--no-such-option"), unknown.err());
        CommandRun duration = CommandRun.run("process", "run", "--for", "soon", "--store", temp.resolve("p.db").toString());
        assertEquals(2, duration.exit(), duration.err());
        assertTrue(duration.err().contains("--for soon is not a duration"), duration.err());
    }

    @Test
    @DisplayName("1: a missing file, data GDAL cannot read, an event for an ended instance")
    void usersFailures_exit1() throws IOException {
        CommandRun missing = CommandRun.run("info", temp.resolve("nope.tif").toString());
        assertEquals(1, missing.exit(), missing.err());
        assertTrue(missing.err().contains("nope.tif: no such file"), missing.err());

        Path text = Files.writeString(temp.resolve("notes.tif"), "not a raster\n");
        CommandRun bad = CommandRun.run("raster", "slope", text.toString(), temp.resolve("o.tif").toString(), "--quiet");
        assertEquals(1, bad.exit(), bad.err());
        assertTrue(bad.err().contains("notes.tif"), bad.err());
        assertNoStackTrace(bad.err());

        String store = temp.resolve("store.db").toString();
        assertEquals(0, CommandRun.run("process", "deploy", REVIEW.toString(), "--store", store).exit());
        assertEquals(0, CommandRun.run("process", "start", "review", "--var", "amount=2500", "--store", store).exit());
        CommandRun completed = CommandRun.run("process", "complete", "review-1", "WorkItem-1", "--store", store);
        assertEquals(0, completed.exit(), completed.err());
        assertTrue(completed.out().contains("review-1: completed"), completed.out());
        CommandRun again = CommandRun.run("process", "complete", "review-1", "WorkItem-1", "--store", store);
        assertEquals(1, again.exit(), "a request to an ended instance changed nothing: " + again.out() + again.err());
        assertTrue(again.err().contains("not applied") && again.err().contains("completed"), again.err());
        CommandRun cancel = CommandRun.run("process", "cancel", "review-1", "--store", store);
        assertEquals(1, cancel.exit(), cancel.out() + cancel.err());
    }

    @Test
    @DisplayName("3: a defect (a process store whose log was corrupted) prints one line naming the log; the log and --verbose have the trace")
    void defect_exits3_withTheLogNamed() throws Exception {
        String store = temp.resolve("store.db").toString();
        assertEquals(0, CommandRun.run("process", "deploy", REVIEW.toString(), "--store", store).exit());
        assertEquals(0, CommandRun.run("process", "start", "review", "--var", "amount=2500", "--store", store).exit());
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + store);
             var update = connection.prepareStatement("UPDATE log SET payload = '5' WHERE tx = 2")) {
            assertEquals(1, update.executeUpdate());
        }
        var log = new DefectLog(temp.resolve("state").resolve("tilework-error.log"));
        CommandRun shown = CommandRun.run(log, "process", "show", "review-1", "--store", store);
        assertEquals(3, shown.exit(), shown.out() + shown.err());
        assertEquals(1, shown.err().lines().count(), "one line: " + shown.err());
        assertTrue(shown.err().startsWith("tilework: internal error: ") && shown.err().contains("details in " + log.file().toAbsolutePath()),
                shown.err());
        String logged = Files.readString(log.file());
        assertTrue(logged.contains("IllegalArgumentException") && logged.contains("\tat ") && logged.contains("process show review-1"), logged);

        CommandRun verbose = CommandRun.run(log, "process", "show", "review-1", "--store", store, "--verbose");
        assertEquals(3, verbose.exit());
        assertTrue(verbose.err().contains("\tat "), "--verbose prints the stack trace: " + verbose.err());
    }

    @Test
    @DisplayName("a cache entry replaced by a directory: one warning line naming it, no stack trace, the output written")
    void cacheEntryReplacedByADirectory_warnsInOneLine() throws IOException {
        Path cache = temp.resolve("cache");
        Path out = temp.resolve("slope.tif");
        CommandRun first = CommandRun.run("raster", "slope", DEM.toString(), out.toString(), "--cache", cache.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
        List<Path> entries;
        try (Stream<Path> files = Files.walk(cache)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(".chunk")).toList();
        }
        assertFalse(entries.isEmpty(), "the first run cached its tiles");
        for (Path entry : entries) {
            Files.delete(entry);
            Files.writeString(Files.createDirectories(entry).resolve("something.txt"), "in the way\n");
        }
        Path kept = cache.resolve("outputs");
        if (Files.exists(kept)) { // so that the tiles are read, not the kept output linked
            try (Stream<Path> files = Files.walk(kept)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.delete(out);

        var stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        CommandRun second;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            second = CommandRun.run("raster", "slope", DEM.toString(), out.toString(), "--cache", cache.toString(), "--quiet");
        } finally {
            System.setErr(original);
        }
        String logged = stderr.toString(StandardCharsets.UTF_8) + second.err();
        assertEquals(0, second.exit(), logged);
        assertTrue(Files.size(out) > 0);
        assertTrue(logged.contains(entries.getFirst() + " is a directory, not a cache entry"), logged);
        assertNoStackTrace(logged);
    }
}
