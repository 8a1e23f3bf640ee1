package io.tilework.app.fuzz;


import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.engine.io.Leftovers;
import io.tilework.testkit.fuzz.Boundaries;
import io.tilework.testkit.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code tilework process validate} and {@code process deploy} (into a fresh store) on damaged YAML
 * models and specifications: the fuzz target of the process engine's YAML reader. Seeds: the
 * shipped examples, and a small specification that extends the workflow pack.
 */
@DisplayName("fuzz: process validate and deploy on damaged YAML models and specifications")
class ProcessModelYamlFuzzTest {

    private static final Path EXAMPLES = Path.of("..", "process", "examples");

    /** A specification of the kind users write: it extends the workflow pack with a type attribute, an event and a trigger. */
    static final String SPECIFICATION = """
            metamodel: escalating-workflow
            extends: workflow
            types:
              Activity:
                attributes:
                  escalateTo: ref Participant
            events:
              overdue: {temporal: WorkItem}
            triggers:
              - name: remind the participant a day later
                on: workItemOffered
                do:
                  - schedule: overdue
                    after: "'1d'"
              - name: pass overdue work on
                on: overdue
                when: "self.state == 'offered' && ctx.element(self.activity).escalateTo != null"
                do:
                  - set: {participant: "ctx.element(self.activity).escalateTo"}
                  - send: notify
                    to: self.participant
                    with: {workItem: self.id, activity: self.activity}
            """;

    private static Path folder;

    @BeforeAll
    static void folder() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-process-yaml");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Leftovers.deleteTree(folder);
    }

    static List<byte[]> seeds() throws IOException {
        return List.of(Files.readAllBytes(EXAMPLES.resolve("review.yaml")), Files.readAllBytes(EXAMPLES.resolve("study.yaml")),
                SPECIFICATION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a fixed-seed campaign: every run exits 0 or 1 with one line naming the file, nothing half-written")
    void campaign() throws IOException {
        FuzzSettings.run(new FuzzCampaign("process-model-yaml", seeds(), someLines(), ProcessModelYamlFuzzTest::check));
    }

    /**
     * Line ends, at most 8 of them spread over the file: the campaign cuts each seed at every
     * boundary before it mutates, and a model run costs a command or two (random cuts come later).
     */
    static Boundaries someLines() {
        return input -> {
            int[] all = Boundaries.lines().recordEnds(input);
            int step = Math.max(1, (all.length + 7) / 8);
            return java.util.stream.IntStream.range(0, all.length).filter(i -> i % step == step - 1).map(i -> all[i]).toArray();
        };
    }

    @FuzzTest
    void jazzer(byte[] input) throws IOException {
        check(input);
    }

    static void check(byte[] input) throws IOException {
        check(folder, input, "model.yaml");
    }

    /**
     * Validates the input, then deploys it into a store made for it: every input validate accepts,
     * and one in four of those it refuses (deploy reads them the same way, and each run costs a
     * store and an engine).
     */
    static void check(Path folder, byte[] input, String name) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, input);
        Path store = folder.resolve("store");
        Leftovers.deleteTree(store);
        Files.createDirectories(store);
        String db = store.resolve("process.db").toString();
        var validated = CommandInvariant.holds(file, store, Set.of(), "process", "validate", file.toString(), "--store", db);
        if (validated.exit() == 0 || java.util.Arrays.hashCode(input) % 4 == 0) {
            CommandInvariant.holds(file, store, Set.of(), "process", "deploy", file.toString(), "--store", db);
        }
    }
}
