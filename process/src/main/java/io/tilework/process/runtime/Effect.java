package io.tilework.process.runtime;

import java.util.Map;

/**
 * One change made by a transaction. The event log stores them; history shows them; replay
 * applies them. Sent, scheduled and unscheduled also feed the outbox and the timers.
 */
public sealed interface Effect {

    /** The event the transaction (or a cascade step of it) processed. */
    record Received(String event, String object, Map<String, Object> payload) implements Effect {
    }

    record Created(String object, String type, String element, String state) implements Effect {
    }

    record StateChanged(String object, String from, String to) implements Effect {
    }

    record AttributeSet(String object, String name, Object value) implements Effect {
    }

    record VariableSet(String name, Object value) implements Effect {
    }

    /** An external operation put in the outbox; {@code key} is its idempotency key. */
    record Sent(String key, String operation, String actor, String to, String object, Map<String, Object> payload) implements Effect {
    }

    /** A timer: {@code event} on {@code object} at {@code due} (epoch milliseconds). */
    record Scheduled(String key, String event, String object, long due) implements Effect {
    }

    record Unscheduled(String key) implements Effect {
    }

    /** An event that waits until its defer condition clears. */
    record Deferred(PendingEvent event) implements Effect {
    }

    /** The deferred event at {@code index} was taken up again. */
    record Undeferred(int index) implements Effect {
    }
}
