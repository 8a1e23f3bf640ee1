package io.tilework.process.spec;

import java.util.Map;

/**
 * A message the engine sends out through the outbox: run a job, notify an assignment, call a
 * webhook, start a sub-process.
 *
 * @param to         the actor that receives it
 * @param parameters the fields its {@code with} must give
 */
public record ExternalOperationDef(String name, String to, Map<String, String> parameters, int line) {
}
