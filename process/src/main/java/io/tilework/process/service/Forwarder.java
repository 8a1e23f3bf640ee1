package io.tilework.process.service;

import io.tilework.process.engine.ForwardedOutcome;
import io.tilework.process.engine.Outcome;
import io.tilework.process.failure.StoreUnavailable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A standby's side of forwarding: a command that changes instances is written to
 * {@code forwarded_commands} and the caller waits for the active engine's answer, returned as if
 * this engine had processed it.
 */
final class Forwarder {

    private static final long POLL_MS = 200;

    private final ForwardedCommands table;
    private final DatabaseSignals signals;
    private final String name;

    Forwarder(ForwardedCommands table, DatabaseSignals signals, String name) {
        this.table = table;
        this.signals = signals;
        this.name = name;
    }

    Outcome forward(Map<String, Object> body, Duration timeout) {
        long id = table.insert(body, name);
        long deadline = System.nanoTime() + timeout.toNanos();
        StoreUnavailable lastFailure = null;
        try {
            while (System.nanoTime() < deadline) {
                Optional<ForwardedOutcome> answer;
                try {
                    answer = table.answer(id);
                } catch (StoreUnavailable e) {
                    lastFailure = e; // the database restarts: the command waits there for the active engine
                    answer = Optional.empty();
                }
                if (answer.isPresent()) {
                    table.forget(id);
                    ForwardedOutcome outcome = answer.get();
                    if (outcome.outcome() == null) {
                        throw new IllegalStateException("the active engine failed on this command: " + outcome.defect());
                    }
                    return outcome.outcome();
                }
                signals.await(ForwardedCommands.ANSWERED, POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the active process engine", e);
        }
        throw new StoreUnavailable("no active process engine answered within " + timeout.toSeconds() + " s"
                + (lastFailure == null ? "" : " (" + lastFailure.getMessage() + ")")
                + "; the command waits in the database and may still be applied: check the instance's history before retrying", lastFailure);
    }
}
