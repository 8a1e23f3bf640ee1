package io.tilework.process.store;

/** A scheduled temporal event: {@code event} on {@code object} of {@code instance} at {@code due} (epoch ms). */
public record TimerEntry(String key, String instance, String event, String object, long due) {
}
