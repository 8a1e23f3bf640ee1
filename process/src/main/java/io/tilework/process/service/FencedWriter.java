package io.tilework.process.service;

import io.tilework.process.engine.BatchWriter;
import io.tilework.process.engine.ForwardedOutcome;
import io.tilework.process.engine.Outcome;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.store.Commit;
import io.tilework.process.store.PostgresProcessStore;
import java.util.List;
import java.util.OptionalLong;

/**
 * How the active engine on a shared PostgreSQL database writes a batch: in one statement with its
 * commits, the leadership epoch is read with a share lock and must still be the term the engine
 * leads in (a new leader's increment waits for that statement, or the statement sees it and writes
 * nothing: a deposed engine never writes after its successor has read the store), and the outcomes
 * of the batch's forwarded commands are recorded, each only if still unanswered (else nothing of the
 * batch is written), waking the standbys waiting on {@link ForwardedCommands#ANSWERED}.
 */
final class FencedWriter implements BatchWriter {

    private final PostgresProcessStore store;
    /** Told when a batch finds another term begun: this engine must stand down. */
    private volatile Runnable onFenced = () -> { };

    FencedWriter(PostgresProcessStore store) {
        this.store = store;
    }

    void onFenced(Runnable action) {
        this.onFenced = action;
    }

    @Override
    public void write(long term, List<Commit> commits, List<ForwardedOutcome> forwarded) {
        if (commits.isEmpty() && forwarded.isEmpty()) {
            return;
        }
        var answers = forwarded.stream().map(FencedWriter::answer).toList();
        OptionalLong current = store.commit(commits, new PostgresProcessStore.Fence(term, answers, ForwardedCommands.ANSWERED));
        if (current.isPresent()) {
            onFenced.run();
            throw new StoreUnavailable("this process engine no longer leads on " + store.location() + " (its term " + term
                    + ", now " + current.getAsLong() + "); nothing of the batch was applied: retry the command", null);
        }
    }

    private static PostgresProcessStore.Fence.Answer answer(ForwardedOutcome forwarded) {
        Outcome outcome = forwarded.outcome();
        return outcome == null
                ? new PostgresProcessStore.Fence.Answer(forwarded.id(), null, null, null, null, forwarded.defect())
                : new PostgresProcessStore.Fence.Answer(forwarded.id(), outcome.status().name(), outcome.message(), outcome.instance(),
                        outcome.state(), forwarded.defect());
    }
}
