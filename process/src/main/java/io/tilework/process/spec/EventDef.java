package io.tilework.process.spec;

import java.util.Map;

/**
 * An event of a behaviour specification.
 *
 * @param target the type of the runtime object it is about ({@code self} in its triggers)
 * @param from   for external events, the actor that sends it
 * @param schema for external events, the payload's fields and their types ({@code ?} suffix: optional)
 * @param when   for internal events, the condition on the changed object
 * @param accept for external events, a condition the target must meet; if it does not, the event is
 *               rejected with an error (e.g. choosing a section that is not a candidate)
 * @param defer  for external and temporal events, a condition under which the event waits
 *               (e.g. while the instance is suspended) and is offered again after each transaction
 */
public record EventDef(String name, EventKind kind, String target, String from, Map<String, String> schema,
                       String when, String accept, String defer, int line) {
}
