package io.tilework.process.runtime;

import java.util.List;

/**
 * What processing one event did: the new state (the old one is untouched), the effects to log
 * (among them the asynchronous triggers to run later, as outbox entries), and whether the event
 * was applied.
 */
public record Transaction(Status status, String message, InstanceState state, List<Effect> effects) {

    public enum Status {
        /** Applied: the effects are to be committed. */
        APPLIED,
        /** Waiting for its defer condition to clear; the deferral is an effect to commit. */
        DEFERRED,
        /** Not applied and nothing to commit: the instance has ended, or the event was not for it. */
        IGNORED
    }

    public boolean changed() {
        return status != Status.IGNORED;
    }
}
