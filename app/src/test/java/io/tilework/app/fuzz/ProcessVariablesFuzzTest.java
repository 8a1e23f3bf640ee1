package io.tilework.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.app.CommandRun;
import io.tilework.engine.io.Leftovers;
import io.tilework.testkit.fuzz.Boundaries;
import io.tilework.testkit.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code --var} values and event variables: {@code process start fuzzed --var amount=VALUE}, then
 * {@code process complete ID WorkItem-1 --var amount=VALUE}, whose variable the model's condition
 * ({@code amount > 1000}) then reads. The text of VALUE is fuzzed (numbers, JSON, whatever).
 *
 * <p>The input is an option's value, not a file, so the invariant is {@link CommandInvariant}'s
 * adapted: exit 0, 1 or 2 (a value of the wrong form is a wrong command line), never 3; on 1 or 2
 * one short printable line (2: and picocli's "See ... --help") that names the variable.
 */
@DisplayName("fuzz: --var values of process start and of the complete event")
class ProcessVariablesFuzzTest {

    private static final String MODEL = """
            model: fuzzed
            conformsTo: workflow
            variables: {amount: 0}
            Participant:
              ann: {}
            Activity:
              start: {kind: start}
              ask: {kind: human, participant: ann}
              decide: {kind: task, split: XOR}
              large: {kind: end}
              small: {kind: end}
            Transition:
              toAsk: {source: start, target: ask}
              asked: {source: ask, target: decide}
              big: {source: decide, target: large, condition: "amount > 1000"}
              other: {source: decide, target: small}
            """;

    /** What a value may look like: numbers of every kind, booleans, JSON objects and lists, text. */
    private static final List<String> SEEDS = List.of("2500", "-1.5e3", "true", "{\"a\": [1, 2.5, null, {\"b\": \"x\"}]}", "text, or \"quoted\"");

    private static final Pattern STARTED = Pattern.compile("(fuzzed-\\d+): waiting|(fuzzed-\\d+): running");

    private static Path folder;
    private static String store;

    @BeforeAll
    static void deployTheModel() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-process-vars");
        store = folder.resolve("process.db").toString();
        Path model = folder.resolve("fuzzed.yaml");
        Files.writeString(model, MODEL);
        CommandRun deployed = CommandRun.run("process", "deploy", model.toString(), "--store", store);
        assertEquals(0, deployed.exit(), deployed.err());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Leftovers.deleteTree(folder);
    }

    @Test
    @DisplayName("a fixed-seed campaign: every run exits 0, 1 or 2 with one line naming the variable")
    void campaign() {
        FuzzSettings.run(new FuzzCampaign("process-variables", SEEDS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(),
                Boundaries.every(6), ProcessVariablesFuzzTest::check));
    }

    @FuzzTest
    void jazzer(byte[] input) {
        check(input);
    }

    static void check(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);
        CommandRun started = holds("process", "start", "fuzzed", "--var", "amount=" + value, "--store", store);
        Matcher instance = STARTED.matcher(started.out());
        if (started.exit() != 0 || !instance.find()) {
            return;
        }
        String id = instance.group(1) != null ? instance.group(1) : instance.group(2);
        holds("process", "complete", id, "WorkItem-1", "--var", "amount=" + value, "--store", store);
    }

    /** Runs a command and checks the invariant for an option's value (see the class comment). */
    static CommandRun holds(String... args) {
        CommandRun run = CommandRun.run(args);
        if (run.exit() < 0 || run.exit() > 2) {
            fail("exit " + run.exit() + " (0, 1 or 2 expected) for " + String.join(" ", args).substring(0, Math.min(200, String.join(" ", args).length())) + ":\n" + run.err());
        }
        if (run.exit() > 0) {
            List<String> lines = run.err().lines().filter(line -> !line.isBlank()).toList();
            assertEquals(run.exit() == 2 ? 2 : 1, lines.size(), "one line of error expected:\n" + run.err());
            String line = lines.getFirst();
            assertTrue(line.startsWith("tilework: ") && line.contains("amount"), "the error does not name the variable amount: " + line);
            assertTrue(line.length() <= CommandInvariant.MAX_ERROR_LINE, "an error line of " + line.length() + " characters");
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c != 0x7F), "control characters in the error line");
        }
        return run;
    }
}
