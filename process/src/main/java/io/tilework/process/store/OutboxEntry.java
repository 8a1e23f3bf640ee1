package io.tilework.process.store;

import java.util.Map;

/**
 * An external operation waiting for delivery; delivered at least once, {@code key} lets the
 * receiver drop repeats.
 *
 * @param actor     the actor of the specification that receives it (worker, participant, engine, ...)
 * @param recipient who among the actor's members, e.g. the participant's id; may be null
 * @param object    the runtime object that sent it
 */
public record OutboxEntry(String key, String instance, String operation, String actor, String recipient, String object,
                          Map<String, Object> payload) {
}
