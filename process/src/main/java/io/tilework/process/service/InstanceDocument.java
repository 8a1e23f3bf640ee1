package io.tilework.process.service;

import io.tilework.process.runtime.InstanceState;
import io.tilework.process.store.InstanceSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance as JSON values (maps, lists, texts, numbers): what {@code tilework process show
 * --json} prints and what the server answers, one document for both. It names the instance's
 * parent and the parent's object that waits for it ({@code parentObject}: a workflow's subprocess
 * activity, a map's refined section), and its own sub-processes ({@code children}, each with the
 * object of this instance that started it), so a map's refinements can be followed both ways.
 */
public final class InstanceDocument {

    private InstanceDocument() {
    }

    /** {@code view} (from {@code service.show}) as a document; its children are read from {@code service}'s store. */
    public static Map<String, Object> of(ProcessService service, ProcessService.InstanceView view) {
        InstanceState state = view.state();
        var map = new LinkedHashMap<String, Object>();
        map.put("id", state.id());
        map.put("model", view.summary().model());
        map.put("modelVersion", view.summary().modelVersion());
        map.put("specification", view.specification());
        map.put("specificationVersion", view.summary().specVersion());
        map.put("state", state.state());
        map.put("parent", state.parent());
        map.put("parentObject", state.parentObject());
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
        map.put("children", children(service, state.id()));
        return map;
    }

    private static List<Map<String, Object>> children(ProcessService service, String instance) {
        var children = new ArrayList<Map<String, Object>>();
        for (InstanceSummary summary : service.engine().store().children(instance)) {
            InstanceState child = service.engine().state(summary.id());
            var map = new LinkedHashMap<String, Object>();
            map.put("id", summary.id());
            map.put("model", summary.model());
            map.put("state", child == null ? summary.state() : child.state());
            map.put("parentObject", child == null ? null : child.parentObject());
            map.put("created", summary.created().toString());
            children.add(map);
        }
        return children;
    }
}
