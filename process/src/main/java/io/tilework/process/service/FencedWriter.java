package io.tilework.process.service;

import io.tilework.process.engine.BatchWriter;
import io.tilework.process.engine.ForwardedOutcome;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.store.Commit;
import io.tilework.process.store.PostgresProcessStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * How the active engine on a shared PostgreSQL database writes a batch: in its transaction, first
 * the leadership epoch is read with a share lock and must still be the term the engine leads in
 * (a new leader's increment waits for this transaction, or this one sees it and fails: a deposed
 * engine never writes after its successor has read the store), then the commits, then the outcomes
 * of the forwarded commands of the batch.
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
        store.commit(commits, connection -> {
            try (PreparedStatement epoch = connection.prepareStatement("SELECT epoch FROM leadership WHERE id = 1 FOR SHARE");
                 ResultSet rs = epoch.executeQuery()) {
                long current = rs.next() ? rs.getLong(1) : 0;
                if (current != term) {
                    onFenced.run();
                    throw new StoreUnavailable("this process engine no longer leads on " + store.location() + " (its term " + term
                            + ", now " + current + "); nothing of the batch was applied: retry the command", null);
                }
            }
            ForwardedCommands.answer(connection, forwarded);
        });
    }
}
