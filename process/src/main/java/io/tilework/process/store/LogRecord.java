package io.tilework.process.store;

import io.tilework.process.runtime.Effect;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One transaction of an instance in the append-only log: the event that caused it and what it
 * changed. {@code status} is applied, deferred or rejected (rejected ones changed nothing and say why).
 */
public record LogRecord(String instance, long transaction, Instant time, String event, String object, Map<String, Object> payload,
                        String status, String message, List<Effect> effects) {
}
