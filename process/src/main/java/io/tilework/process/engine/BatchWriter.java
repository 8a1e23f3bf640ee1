package io.tilework.process.engine;

import io.tilework.process.store.Commit;
import java.util.List;

/**
 * Writes a batch's commits in one transaction. A single engine's is the store's commit; an engine
 * that shares its database with others also checks, in that transaction, that it still leads in
 * {@code term} (so a deposed engine's batch fails instead of writing) and records the outcomes of
 * the commands other engines forwarded to it.
 */
@FunctionalInterface
public interface BatchWriter {

    void write(long term, List<Commit> commits, List<ForwardedOutcome> forwarded);
}
