package io.tilework.process.spec;

import java.util.List;

/**
 * When {@code event} happens to an object and {@code when} holds, run {@code operations}.
 *
 * @param async run in a transaction of its own after the current one commits (an asynchronous
 *              subscription) instead of inside it
 */
public record Trigger(String name, String event, String when, boolean async, List<Operation> operations, String file, int line) {
}
