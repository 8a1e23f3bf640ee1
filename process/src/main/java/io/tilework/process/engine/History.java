package io.tilework.process.engine;

import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.ProcessStore;
import java.time.Instant;

/** An instance rebuilt from the store: now (its latest snapshot, then the log after it), or at a past time. */
public final class History {

    private History() {
    }

    public static InstanceState load(ProcessStore store, String id) {
        InstanceState state = store.snapshot(id).orElse(null);
        if (state == null) {
            return null;
        }
        for (LogRecord record : store.log(id, state.transactions())) {
            if (record.status().equals("rejected")) {
                continue;
            }
            record.effects().forEach(state::apply);
            state.restoreTransactions(record.transaction());
        }
        return state;
    }

    /**
     * The instance as it stood at {@code time}: every effect committed up to then, replayed from
     * the instance's creation. Null if it did not exist yet.
     */
    public static InstanceState at(ProcessStore store, String id, Instant time) {
        InstanceState first = store.snapshot(id).orElse(null);
        if (first == null) {
            return null;
        }
        InstanceState state = null;
        for (LogRecord record : store.log(id, 0)) {
            if (record.time().isAfter(time)) {
                break;
            }
            if (record.status().equals("rejected")) {
                continue;
            }
            if (state == null) {
                state = new InstanceState(first.id(), first.model(), first.parent(), first.parentObject(), first.created());
            }
            for (Effect effect : record.effects()) {
                state.apply(effect);
            }
            state.restoreTransactions(record.transaction());
        }
        return state;
    }
}
