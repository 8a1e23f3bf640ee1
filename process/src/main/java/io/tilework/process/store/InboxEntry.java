package io.tilework.process.store;

import java.time.Instant;
import java.util.Map;

/** A notification for an actor (e.g. a participant's new work item), kept until the work is done. */
public record InboxEntry(String key, String actor, String instance, String object, Map<String, Object> message, Instant created) {
}
