package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.Effect;
import io.tilework.process.store.LogRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("the interpreter: asynchronous subscriptions, and loops caught at run time")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class InterpreterTest {

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    @Test
    @DisplayName("an async trigger runs in a transaction of its own, after the one that raised its event")
    void asynchronousSubscription() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("audited.yaml", TestModels.AUDITED_WORKFLOW);
            String instance = fixture.deployAndStart("""
                    model: audited
                    conformsTo: audited-workflow
                    Activity:
                      start: {kind: start}
                      end: {kind: end}
                    Transition:
                      t1: {source: start, target: end}
                    """);
            fixture.quiet();
            List<LogRecord> history = fixture.service.history(instance);
            LogRecord first = history.getFirst();
            assertTrue(first.effects().stream().noneMatch(e -> e instanceof Effect.AttributeSet set && set.name().equals("audited")),
                    "not in the transaction that raised the event");
            assertEquals("completed", fixture.state(instance).state());
            // The instance ended in the first transaction, so the asynchronous ones find it final and do nothing:
            assertEquals(1, history.size(), "no transaction after the end: " + history.size());
        }
        try (var fixture = new ProcessFixture(kind, temp.resolve("second"))) {
            fixture.service.deploy("audited.yaml", TestModels.AUDITED_WORKFLOW);
            String instance = fixture.deployAndStart(TestModels.waitsForGo("waits", "audited-workflow"));
            fixture.quiet();
            List<LogRecord> history = fixture.service.history(instance);
            assertEquals(2, history.size(), "the start, then the audit of the start activity on its own");
            assertTrue(history.get(1).effects().stream().anyMatch(e -> e instanceof Effect.AttributeSet set
                    && set.object().equals("start") && set.name().equals("audited")));
            assertEquals(true, fixture.state(instance).object("start").attributes().get("audited"));
        }
    }

    @Test
    @DisplayName("internal events that never quiesce are a loop: the transaction is discarded and the event rejected, saying which events repeat")
    void loopAtRunTime() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            // Conditions that always hold hide the cycle from the static check; the interpreter still stops it.
            fixture.service.deploy("pingpong.yaml", """
                    metamodel: pingpong
                    types:
                      Game:
                        root: true
                        states: [ping, pong, over]
                        initial: over
                    actors:
                      user: {kind: person}
                    events:
                      start: {external: Game, from: user}
                      atPing: {internal: Game, when: "self.state == 'ping'"}
                      atPong: {internal: Game, when: "self.state == 'pong'"}
                    triggers:
                      - on: start
                        do:
                          - state: ping
                      - on: atPing
                        when: "1 == 1"
                        do:
                          - state: pong
                      - on: atPong
                        when: "1 == 1"
                        do:
                          - state: ping
                    """);
            fixture.service.deploy("game.yaml", "model: game\nconformsTo: pingpong\n");
            Outcome started = fixture.service.start("game", java.util.Map.of());
            assertEquals(Outcome.Status.REJECTED, started.status());
            assertTrue(started.message().contains("did not quiesce") && started.message().contains("atPing(game) -> atPong(game)"),
                    started.message());
            assertFalse(fixture.service.list().stream().anyMatch(i -> i.model().equals("game")), "nothing of it was kept");
        }
    }
}
