package io.tilework.process.store;

import io.tilework.process.runtime.InstanceState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the process engine keeps everything that must survive it: specifications, models, the
 * append-only event log, snapshots, the outbox, timers and inboxes. {@link SqliteProcessStore} is
 * the embedded default; {@link InMemoryProcessStore} keeps nothing after the JVM (tests, and the
 * benchmark that shows what durability costs). A PostgreSQL store implements the same.
 */
public interface ProcessStore extends AutoCloseable {

    /**
     * Saves a deployed specification's texts (its {@code extends} chain first) as its next
     * version; returns that version (1 for the first deploy).
     */
    int saveSpec(String name, List<String> sources);

    /** The newest version of every deployed specification, in deploy order: name to texts. */
    Map<String, List<String>> specs();

    /** The texts of version {@code version} of a deployed specification. */
    Optional<List<String>> spec(String name, int version);

    /** The newest deployed version of a specification; 0 if it was never deployed. */
    int specVersion(String name);

    /** Saves a model as the next version of its name; returns that version. */
    int saveModel(String name, String conformsTo, String source);

    /** The model's given version, or its newest with {@code version} 0. */
    Optional<StoredModel> model(String name, int version);

    /** The newest version of every model. */
    List<StoredModel> models();

    /** Writes the commits of a batch in one transaction: all or nothing. */
    void commit(List<Commit> commits);

    List<InstanceSummary> instances();

    Optional<InstanceSummary> instance(String id);

    /** The instances started as children of {@code parent}. */
    List<InstanceSummary> children(String parent);

    /** The latest snapshot of an instance, if one was written. */
    Optional<InstanceState> snapshot(String id);

    /** The instance's log records after transaction {@code afterTransaction}, in order. */
    List<LogRecord> log(String id, long afterTransaction);

    /** Outbox entries not yet acknowledged, oldest first. */
    List<OutboxEntry> pendingOutbox();

    /** The instance's outbox entries not yet acknowledged, oldest first. */
    List<OutboxEntry> pendingOutbox(String instance);

    List<TimerEntry> timers();

    /** Every notification delivered to the actor, oldest first. */
    List<InboxEntry> inbox(String actor);

    /** A number not given before, for new instance ids. */
    long nextInstanceNumber();

    @Override
    void close();
}
