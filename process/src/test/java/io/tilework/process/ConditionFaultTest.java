package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.spec.Problem;
import io.tilework.process.store.LogRecord;
import io.tilework.process.testjobs.CountingJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A condition of the model that fails while an instance runs (a type error, an unknown variable, a
 * method the sandbox refuses) fails the instance with MODEL:LINE pointing into the model; the job
 * whose success met it is not retried. Validation tells the unknown variable and the refused method
 * before anything runs.
 */
@DisplayName("a model's condition that fails while running fails the instance, pointing into the model; nothing is retried")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class ConditionFaultTest {

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Like the review example: a job (3 attempts), then an XOR split whose first transition has {@code condition} (line 13). */
    private String model(String name, String condition) {
        return """
                model: %s
                conformsTo: workflow
                variables: {amount: 0}
                Activity:
                  start: {kind: start}
                  prepare: {kind: job, job: test.count, attempts: 3, parameters: {name: %s}}
                  decide: {kind: task, split: XOR}
                  approve: {kind: end}
                  archive: {kind: end}
                Transition:
                  toPrepare: {source: start, target: prepare}
                  prepared: {source: prepare, target: decide}
                  large: {source: decide, target: approve, condition: "%s"}
                  small: {source: decide, target: archive}
                """.formatted(name, name + "-" + run, condition);
    }

    /** Starts it, waits until it has ended, and checks it failed at line 13 of its model, its job run once and never retried. */
    private String failsAtTheCondition(ProcessFixture fixture, String name, String condition, Map<String, Object> variables) throws Exception {
        String instance = fixture.service.start(name, variables).instance();
        fixture.waitFor(instance, "failed");
        fixture.quiet();
        String error = String.valueOf(fixture.state(instance).root().attributes().get("error"));
        List<LogRecord> history = fixture.service.history(instance);
        assertAll(
                () -> assertTrue(error.startsWith(name + ".yaml:13: transition large: condition '" + condition + "' failed: "), error),
                () -> assertEquals(1, CountingJob.runs(name + "-" + run), "the job ran once"),
                () -> assertEquals(List.of(), fixture.entered(instance, "retrying"), "nothing was retried"),
                () -> assertFalse(history.stream().anyMatch(r -> r.status().equals("rejected") || r.event().equals("jobFailed")),
                        "the job's success is not turned into its failure: " + history));
        return error;
    }

    @Test
    @DisplayName("a type error (--var amount=lots against amount > 1000) fails the instance at the transition's line")
    void typeError() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("typed.yaml", model("typed", "amount > 1000"));
            failsAtTheCondition(fixture, "typed", "amount > 1000", Map.of("amount", "lots"));
            // The same model with a number runs through.
            String fine = fixture.service.start("typed", Map.of("amount", 2500L)).instance();
            fixture.waitFor(fine, "completed");
        }
    }

    @Test
    @DisplayName("an unknown variable and a method the sandbox refuses, in models deployed before validation looked at conditions")
    void unknownVariableAndRefusedMethod() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            // Saved as a Tilework that did not check conditions would have saved them: straight into the store.
            fixture.service.engine().store().saveModel("unknown", "workflow", model("unknown", "amont > 1000"));
            fixture.service.engine().store().saveModel("refused", "workflow", model("refused", "amount.getClass().getName() != ''"));
            String unknown = failsAtTheCondition(fixture, "unknown", "amont > 1000", Map.of());
            assertTrue(unknown.contains("amont"), unknown);
            String refused = failsAtTheCondition(fixture, "refused", "amount.getClass().getName() != ''", Map.of());
            assertTrue(refused.contains("getName"), refused);
        }
    }

    @Test
    @DisplayName("validate reports the unknown variable and the refused method at the condition's line, before anything runs")
    void validateTellsBeforeRunning() {
        try (var fixture = new ProcessFixture(kind, temp)) {
            List<Problem> unknown = fixture.service.validate("unknown.yaml", model("unknown", "amont > 1000"));
            assertTrue(unknown.size() == 1 && unknown.getFirst().line() == 13 && unknown.getFirst().element().equals("large.condition")
                    && unknown.getFirst().message().contains("variable 'amont'"), unknown.toString());
            List<Problem> refused = fixture.service.validate("refused.yaml", model("refused", "amount.getClass().forName('java.lang.Runtime') != null"));
            assertTrue(refused.size() == 2 && refused.stream().allMatch(p -> p.line() == 13)
                    && refused.stream().anyMatch(p -> p.message().contains("method 'getClass'"))
                    && refused.stream().anyMatch(p -> p.message().contains("method 'forName'")), refused.toString());
            // What values have stays allowed: a text's methods, a list's size.
            assertEquals(List.of(), fixture.service.validate("fine.yaml", model("fine", "amount > 1000 && 'abc'.startsWith('a')")));
        }
    }
}
