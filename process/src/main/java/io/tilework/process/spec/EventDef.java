package io.tilework.process.spec;

import java.util.List;
import java.util.Map;

/**
 * An event of a behaviour specification.
 *
 * @param target the type of the runtime object it is about ({@code self} in its triggers)
 * @param from   for external events, the actor that sends it
 * @param schema for external events, the payload's fields and their types ({@code ?} suffix: optional)
 * @param when   for internal events, the condition on the changed object
 * @param accept for external events, the checks the target must pass, in order; the first that fails
 *               rejects the event with its message (e.g. choosing a section that is not a candidate);
 *               empty: every event is accepted
 * @param defer  for external and temporal events, a condition under which the event waits
 *               (e.g. while the instance is suspended) and is offered again after each transaction
 */
public record EventDef(String name, EventKind kind, String target, String from, Map<String, String> schema,
                       String when, List<Acceptance> accept, String defer, int line) {

    /**
     * One check of {@code accept}.
     *
     * @param check   a condition over self, event, instance and ctx
     * @param message an expression over the same names giving the rejection's reason; null: the
     *                engine's own ("... is not accepted ...: it requires CHECK")
     */
    public record Acceptance(String check, String message) {
    }
}
