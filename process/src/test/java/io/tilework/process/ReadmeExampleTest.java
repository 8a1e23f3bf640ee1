package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("process/README.md: the example specification works as written")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class ReadmeExampleTest {

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    private static String readmeSpecification() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        var block = Pattern.compile("```yaml\n(metamodel: approval.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "the README has the approval example");
        return block.group(1);
    }

    @Test
    @DisplayName("deployed, a model of it runs: both steps' tasks offered and notified, both approvals approve the request")
    void approvalExample() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("README.md", readmeSpecification());
            String instance = fixture.deployAndStart("""
                    model: purchase
                    conformsTo: approval
                    Approver:
                      bob: {}
                      carol: {}
                    Step:
                      finance: {approver: bob}
                      legal: {approver: carol}
                    """);
            fixture.quiet();
            assertEquals(List.of("Task-1"), fixture.service.inbox("bob").stream().map(i -> i.entry().object()).toList());
            assertEquals(List.of("Task-2"), fixture.service.inbox("carol").stream().map(i -> i.entry().object()).toList());
            assertEquals(2, fixture.service.show(instance).timers().size(), "a reminder per task");
            Outcome twice = fixture.service.send(instance, "decide", "Task-1", Map.of("approve", true));
            assertEquals(Outcome.Status.APPLIED, twice.status());
            assertEquals("open", fixture.state(instance).state(), "one of two steps done");
            assertEquals(Outcome.Status.REJECTED, fixture.service.send(instance, "decide", "Task-1", Map.of("approve", true)).status(),
                    "a task decided already is not accepted");
            fixture.service.send(instance, "decide", "Task-2", Map.of("approve", true));
            fixture.quiet();
            assertEquals("approved", fixture.state(instance).state());
            assertTrue(fixture.service.show(instance).timers().isEmpty(), "the reminders were cancelled");
        }
    }
}
