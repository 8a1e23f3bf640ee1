package io.tilework.process.runtime;

import java.util.Map;

/** An event addressed to one runtime object, with its payload. */
public record PendingEvent(String event, String object, Map<String, Object> payload) {
}
