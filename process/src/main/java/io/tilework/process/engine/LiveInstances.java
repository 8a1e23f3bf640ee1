package io.tilework.process.engine;

import io.tilework.process.runtime.InstanceState;
import io.tilework.process.store.ProcessStore;
import java.util.HashMap;
import java.util.Map;

/**
 * The states of the instances that have not ended, kept between batches so that an event does not
 * rebuild its instance from the store, and what each runs (its {@link Pin}). Confined to the
 * engine's loop thread: only the loop reads or changes it.
 */
final class LiveInstances {

    /** The model and specification versions an instance runs. */
    record Pin(int modelVersion, int specVersion) {
    }

    private final ProcessStore store;
    private final Definitions definitions;
    private final Map<String, InstanceState> live = new HashMap<>();
    /** What live instances run, by instance id. */
    private final Map<String, Pin> pins = new HashMap<>();

    LiveInstances(ProcessStore store, Definitions definitions) {
        this.store = store;
        this.definitions = definitions;
    }

    /** An instance as the batch left it, else as the last batch did, else as stored; null if there is none. */
    InstanceState current(String id, Batch work) {
        InstanceState state = work.states.get(id);
        if (state == null) {
            state = live.get(id);
        }
        if (state == null) {
            state = History.load(store, id);
            if (state != null && !isFinal(state, work)) {
                live.put(id, state);
            }
        }
        return state;
    }

    Pin pinOf(String instance, Batch work) {
        Pin pin = work.pins.get(instance);
        if (pin == null) {
            pin = pins.get(instance);
        }
        if (pin == null) {
            pin = store.instance(instance).map(s -> new Pin(s.modelVersion(), s.specVersion())).orElse(new Pin(0, 0));
            // Kept only for instances that go on; a late event for an ended one must not leave an entry behind.
            if (live.containsKey(instance)) {
                pins.put(instance, pin);
            }
        }
        return pin;
    }

    Definition definitionOf(InstanceState state, Batch work) {
        Pin pin = pinOf(state.id(), work);
        return definitions.definition(state.model(), pin.modelVersion(), pin.specVersion());
    }

    boolean isFinal(InstanceState state, Batch work) {
        return definitionOf(state, work).interpreter().hasEnded(state);
    }

    /** Forgets every cached state: the store may hold what this engine did not see (another engine's commits, a commit that failed late). */
    void forgetAll() {
        live.clear();
        pins.clear();
    }

    /** After a batch committed: its states become the live ones, and ended instances are forgotten. */
    void committed(Batch work) {
        for (var entry : work.states.entrySet()) {
            if (isFinal(entry.getValue(), work)) {
                live.remove(entry.getKey());
                pins.remove(entry.getKey());
            } else {
                live.put(entry.getKey(), entry.getValue());
                pins.put(entry.getKey(), pinOf(entry.getKey(), work));
            }
        }
    }
}
