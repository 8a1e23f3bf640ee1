package io.tilework.process.spec;

import io.tilework.process.meta.MetaModel;
import java.util.List;
import java.util.Map;

/**
 * A meta-model and the behaviour of its instances: events, actors, external operations and
 * triggers, and the constraints its models keep. The interpreter knows nothing else about a process language.
 *
 * @param source the YAML text (after {@code extends} was resolved, the texts in order)
 */
public record BehaviourSpec(MetaModel metaModel, Map<String, EventDef> events, Map<String, ActorDef> actors,
                            Map<String, ExternalOperationDef> externalOperations, List<Trigger> triggers,
                            List<Constraint> constraints, String file, List<String> source) {

    public String name() {
        return metaModel.name();
    }

    public EventDef event(String name) {
        return events.get(name);
    }
}
