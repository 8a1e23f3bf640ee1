package io.tilework.process.service;

import io.tilework.process.runtime.InstanceState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance as JSON values (maps, lists, texts, numbers): what {@code tilework process show
 * --json} prints and what the server answers, one document for both.
 */
public final class InstanceDocument {

    private InstanceDocument() {
    }

    public static Map<String, Object> of(ProcessService.InstanceView view) {
        InstanceState state = view.state();
        var map = new LinkedHashMap<String, Object>();
        map.put("id", state.id());
        map.put("model", view.summary().model());
        map.put("modelVersion", view.summary().modelVersion());
        map.put("specification", view.specification());
        map.put("specificationVersion", view.summary().specVersion());
        map.put("state", state.state());
        map.put("parent", state.parent());
        map.put("created", state.created().toString());
        map.put("variables", state.variables());
        map.put("objects", state.objects().stream().map(o -> {
            var object = new LinkedHashMap<String, Object>();
            object.put("id", o.id());
            object.put("type", o.type());
            object.put("element", o.element());
            object.put("state", o.state());
            object.put("attributes", o.attributes());
            return object;
        }).toList());
        map.put("timers", view.timers().stream().map(t -> Map.of("event", t.event(), "object", t.object(),
                "due", Instant.ofEpochMilli(t.due()).toString())).toList());
        map.put("undelivered", view.undelivered().stream().map(e -> Map.of("key", e.key(), "operation", e.operation(), "actor", e.actor()))
                .toList());
        map.put("waiting", List.copyOf(state.deferred().stream().map(e -> Map.of("event", e.event(), "object", e.object())).toList()));
        return map;
    }
}
