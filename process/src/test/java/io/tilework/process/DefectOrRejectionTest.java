package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.store.LogRecord;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("only the user's failures are rejected events; a defect fails its command and is not recorded as rejected")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class DefectOrRejectionTest {

    private static final String REVIEW = """
            model: review
            conformsTo: workflow
            Participant:
              alice: {}
            Activity:
              start: {kind: start}
              prepare: {kind: job, job: process.sleep, parameters: {result: {prepared: true}}}
              approve: {kind: human, participant: alice}
              end: {kind: end}
            Transition:
              t1: {source: start, target: prepare}
              t2: {source: prepare, target: approve}
              t3: {source: approve, target: end}
            """;

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    @Test
    @DisplayName("an event the specification does not know is rejected, and the log says why")
    void badEvent_isRejected() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            String instance = fixture.deployAndStart(REVIEW);
            fixture.quiet();
            Outcome outcome = fixture.service.engine().send(instance, "launch", "WorkItem-1", Map.of()).get(30, TimeUnit.SECONDS);
            assertEquals(Outcome.Status.REJECTED, outcome.status(), outcome.message());
            assertTrue(outcome.message().contains("'launch' is not an external event"), outcome.message());
            assertEquals("rejected", fixture.service.history(instance).getLast().status());
        }
    }

    @Test
    @DisplayName("a store whose log was corrupted: the event fails with the defect, nothing is recorded as rejected, other instances go on")
    void corruptedState_isADefectNotARejection() throws Exception {
        kind.assumeDurable(); // the log is spoiled in the database between two engines
        var place = new StorePlace(kind, temp);
        String broken;
        String sound;
        try (var fixture = new ProcessFixture(kind, temp)) {
            broken = fixture.deployAndStart(REVIEW);
            sound = fixture.service.start("review", Map.of()).instance();
            fixture.quiet();
        }
        // The job's answer (transaction 2, after the first snapshot) gets a payload that is no JSON object.
        try (var connection = place.sql();
             var update = connection.prepareStatement("UPDATE log SET payload = '5' WHERE instance = ? AND tx = 2")) {
            update.setString(1, broken);
            assertEquals(1, update.executeUpdate());
        }
        try (var fixture = new ProcessFixture(kind, temp)) {
            var failed = assertThrows(ExecutionException.class,
                    () -> fixture.service.engine().send(broken, "complete", "WorkItem-1", Map.of()).get(30, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, failed.getCause(), "the defect itself, as the command's failure");
            Outcome other = fixture.service.complete(sound, "WorkItem-1", Map.of());
            assertEquals(Outcome.Status.APPLIED, other.status(), other.message());
        }
        try (var store = place.openStore();
             var connection = place.sql();
             var rejected = connection.prepareStatement("SELECT count(*) FROM log WHERE status = 'rejected'");
             var rows = rejected.executeQuery()) {
            rows.next();
            assertEquals(0, rows.getInt(1), "a defect is not the user's rejected event");
            assertFalse(store.log(sound, 0).stream().map(LogRecord::status).anyMatch("rejected"::equals));
        }
    }
}
