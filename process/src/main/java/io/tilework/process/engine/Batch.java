package io.tilework.process.engine;

import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.PendingEvent;
import io.tilework.process.runtime.Transaction;
import io.tilework.process.store.Commit;
import io.tilework.process.store.InboxEntry;
import io.tilework.process.store.InstanceSummary;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.TimerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commits and outcomes of one batch of commands, and the instance states as its transactions
 * leave them: committed all at once, then let out. Confined to the engine's loop thread.
 */
final class Batch {

    static final long NOT_SCHEDULED = Long.MIN_VALUE;

    final List<Commit> commits = new ArrayList<>();
    final Map<String, InstanceState> states = new LinkedHashMap<>();
    /** What the instances this batch started run. */
    final Map<String, LiveInstances.Pin> pins = new HashMap<>();
    /** By identity: a command's hash would walk its whole payload. */
    final Map<Command, Outcome> outcomes = new IdentityHashMap<>();
    /** Commands that met a defect, with it: their futures fail once the batch is committed. */
    final Map<Command, RuntimeException> defects = new IdentityHashMap<>();
    /** Timers this batch scheduled, cancelled or fired, by key: their due time, or NOT_SCHEDULED. */
    final Map<String, Long> timerDue = new HashMap<>();

    private final LiveInstances instances;
    private final Timers timers;
    private final int snapshotEvery;

    Batch(LiveInstances instances, Timers timers, int snapshotEvery) {
        this.instances = instances;
        this.timers = timers;
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * Whether a fired timer is still wanted: as this batch left it if it touched the timer
     * (the committed timers learn of this batch's changes only after its commit), else as committed.
     */
    boolean isCurrent(TimerEntry timer) {
        Long due = timerDue.get(timer.key());
        return due == null ? timers.isCurrent(timer.key(), timer.due()) : due == timer.due();
    }

    void add(Command command, Transaction transaction, PendingEvent event, String acknowledges, List<TimerEntry> firedTimers,
             boolean created, long now) {
        InstanceState state = transaction.state();
        List<String> delivered = acknowledges == null ? List.of() : List.of(acknowledges);
        if (!transaction.changed()) {
            commits.add(new Commit(null, null, null, delivered, List.of(), firedTimers));
            outcomes.put(command, new Outcome(state.id(), Outcome.Status.IGNORED, transaction.message(), state.state()));
            return;
        }
        for (Effect effect : transaction.effects()) {
            switch (effect) {
                case Effect.Scheduled timer -> timerDue.put(timer.key(), timer.due());
                case Effect.Unscheduled timer -> timerDue.put(timer.key(), NOT_SCHEDULED);
                default -> {
                }
            }
        }
        LiveInstances.Pin pin = instances.pinOf(state.id(), this);
        Instant time = Instant.ofEpochMilli(now);
        var summary = new InstanceSummary(state.id(), state.model(), pin.modelVersion(), pin.specVersion(), state.parent(), state.state(),
                state.created(), time);
        String status = transaction.status() == Transaction.Status.DEFERRED ? "deferred" : "applied";
        var record = new LogRecord(state.id(), state.transactions(), time, event.event(), event.object(), event.payload(), status,
                transaction.message(), transaction.effects());
        boolean snapshot = created || state.transactions() % snapshotEvery == 0 || instances.isFinal(state, this);
        commits.add(new Commit(summary, record, snapshot ? state.copy() : null, delivered, List.of(), firedTimers));
        // Kept as the instance's state only once its commit is built: a defect before leaves the batch as it was.
        states.put(state.id(), state);
        outcomes.put(command, new Outcome(state.id(), transaction.status() == Transaction.Status.DEFERRED ? Outcome.Status.DEFERRED
                : Outcome.Status.APPLIED, transaction.message(), state.state()));
    }

    void acknowledge(String key, InboxEntry inbox) {
        if (key != null) {
            commits.add(Commit.acknowledgement(List.of(key), inbox == null ? List.of() : List.of(inbox)));
        }
    }

    /** An event that did not fit: logged with why, its delivery acknowledged so it is not sent again. */
    void rejectEvent(Command command, InstanceState state, PendingEvent event, String acknowledges, String message, long now) {
        var record = new LogRecord(state.id(), state.transactions(), Instant.ofEpochMilli(now), event.event(), event.object(),
                event.payload(), "rejected", message, List.of());
        commits.add(new Commit(null, record, null, acknowledges == null ? List.of() : List.of(acknowledges), List.of(), List.of()));
        outcomes.put(command, new Outcome(state.id(), Outcome.Status.REJECTED, message, state.state()));
    }

    void reject(Command command, String message) {
        outcomes.put(command, new Outcome(null, Outcome.Status.REJECTED, message, null));
    }
}
