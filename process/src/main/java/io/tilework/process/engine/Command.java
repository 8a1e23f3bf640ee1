package io.tilework.process.engine;

import io.tilework.process.runtime.AsyncTrigger;
import io.tilework.process.store.InboxEntry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What the engine's loop processes, one batch at a time. */
sealed interface Command {

    CompletableFuture<Outcome> result();

    /**
     * Start an instance of the newest version of {@code model}. A {@code key} (from the outbox)
     * makes the start idempotent: the instance's id is derived from it.
     */
    record Start(String model, Map<String, Object> variables, String parent, String parentObject, String key,
                 CompletableFuture<Outcome> result) implements Command {
    }

    /** An external event; {@code acknowledges} names the outbox entry it answers (a job's result), or null. */
    record Event(String instance, String event, String object, Map<String, Object> payload, String acknowledges,
                 CompletableFuture<Outcome> result) implements Command {
    }

    record TimerFired(io.tilework.process.store.TimerEntry timer, CompletableFuture<Outcome> result) implements Command {
    }

    /** An outbox entry delivered, with the inbox entry its delivery made, if any. */
    record Acknowledge(String key, InboxEntry inbox, CompletableFuture<Outcome> result) implements Command {
    }

    /**
     * Something the loop does on its own thread between batches (taking up or giving up leadership):
     * never interpreted, never committed.
     */
    record Control(Runnable action, CompletableFuture<Outcome> result) implements Command {
    }

    /** An asynchronous trigger taken from the outbox entry {@code acknowledges}. */
    record Async(String instance, AsyncTrigger trigger, String acknowledges, CompletableFuture<Outcome> result) implements Command {
    }
}
