package io.tilework.server.api;

import io.javalin.http.Context;
import io.tilework.process.engine.Outcome;
import io.tilework.process.meta.Element;
import io.tilework.process.meta.Model;
import io.tilework.process.service.InstanceDocument;
import io.tilework.process.service.MapPath;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.InstanceSummary;
import io.tilework.process.store.LogRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/processes}: deploy and list models, start and show instances, send them events, read inboxes. */
final class ProcessRoutes {

    private final ProcessService processes;

    ProcessRoutes(ProcessService processes) {
        this.processes = processes;
    }

    List<Endpoint> endpoints() {
        Map<Integer, String> unknown = Map.of(404, "no such instance");
        return List.of(
                Endpoint.get("/api/processes/models", "the deployed models, every version").tag("processes").returns("Model[]")
                        .handle(this::models),
                Endpoint.post("/api/processes/models", "deploys a model or a specification (YAML text, or JSON {file, text})")
                        .tag("processes").body("Deployment").returns("Deployed").success(201)
                        .errors(Map.of(400, "the YAML is malformed or the model is invalid (every problem listed)")).handle(this::deploy),
                Endpoint.get("/api/processes/instances", "every instance").tag("processes").returns("InstanceSummary[]")
                        .handle(ctx -> Json.answer(ctx, 200, processes.list().stream().map(ProcessRoutes::summary).toList())),
                Endpoint.post("/api/processes/instances", "starts an instance of a model with variables").tag("processes")
                        .body("InstanceRequest").returns("Outcome").success(201)
                        .errors(Map.of(409, "the start was rejected (no such model, a variable refused)")).handle(this::start),
                Endpoint.get("/api/processes/instances/{id}", "an instance: state, objects, history; a Map's current intention, candidate, excluded and running sections, and path")
                        .tag("processes").returns("Instance").errors(unknown).handle(this::show),
                Endpoint.post("/api/processes/instances/{id}/events",
                                "sends an event: complete a work item, choose a Map candidate, signal, or cancel").tag("processes")
                        .body("InstanceEvent").returns("Outcome")
                        .errors(Map.of(400, "unknown event type", 404, "no such instance", 409, "rejected, or the instance has ended"))
                        .handle(this::event),
                Endpoint.get("/api/processes/inbox/{actor}", "the notifications of a person or role: work items to complete")
                        .tag("processes").returns("InboxItem[]").handle(this::inbox));
    }

    private void models(Context ctx) {
        Json.answer(ctx, 200, processes.engine().store().models().stream().map(m -> {
            var model = new LinkedHashMap<String, Object>();
            model.put("name", m.name());
            model.put("version", m.version());
            model.put("specification", m.conformsTo());
            model.put("deployed", m.deployed().toString());
            return model;
        }).toList());
    }

    private void deploy(Context ctx) {
        String file = "model.yaml";
        String text;
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            Map<String, Object> body = Json.body(ctx);
            text = Json.text(body, "text");
            if (body.get("file") instanceof String name && !name.isBlank()) {
                file = name;
            }
        } else {
            text = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw ApiFailure.badRequest("the request has no body; send the model's YAML text");
            }
        }
        ProcessService.Deployed deployed = processes.deploy(file, text);
        Json.answer(ctx, 201, Map.of("kind", deployed.kind(), "name", deployed.name(), "version", deployed.version()));
    }

    private void start(Context ctx) {
        Map<String, Object> body = Json.body(ctx);
        Outcome outcome = processes.start(Json.text(body, "model"), Json.object(body, "variables"));
        answer(ctx, outcome, 201);
    }

    private void show(Context ctx) {
        String id = ctx.pathParam("id");
        ProcessService.InstanceView view = processes.show(id);
        Map<String, Object> document = new LinkedHashMap<>(InstanceDocument.of(processes, view));
        document.put("history", processes.history(id).stream().map(ProcessRoutes::step).toList());
        Model model = processes.engine().definition(view.summary()).model();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects = (List<Map<String, Object>>) document.get("objects");
        document.put("candidates", sections(objects, "candidate", model));
        if (MapPath.isMap(view.state())) {
            Object current = view.state().root().attributes().get("current");
            document.put("current", current == null ? null : intention(current.toString(), model));
            // the root Map is "running" too: only sections
            List<Map<String, Object>> sections = objects.stream().filter(o -> "Section".equals(o.get("type"))).toList();
            document.put("excluded", sections(sections, "excluded", model));
            document.put("running", sections(sections, "running", model));
            document.put("path", MapPath.of(processes.engine(), id).document());
        }
        String failure = processes.failure(id);
        document.put("failure", failure);
        Json.answer(ctx, 200, document);
    }

    private static List<Map<String, Object>> sections(List<Map<String, Object>> objects, String state, Model model) {
        return objects.stream().filter(o -> state.equals(o.get("state"))).map(o -> section(o, model)).toList();
    }

    private static Map<String, Object> intention(String id, Model model) {
        var intention = new LinkedHashMap<String, Object>();
        intention.put("id", id);
        Element element = model.element(id);
        intention.put("description", element == null ? null : element.attribute("description"));
        return intention;
    }

    /**
     * A Map's section with what the model says of it (its intentions and strategy, with their
     * descriptions) and what the map pack says of it now: {@code recommended} or {@code advice}
     * (the strategy selection guideline's text) on a candidate, {@code why} on an excluded one.
     */
    private static Map<String, Object> section(Map<String, Object> object, Model model) {
        var candidate = new LinkedHashMap<String, Object>();
        candidate.put("id", object.get("id"));
        candidate.put("type", object.get("type"));
        candidate.put("attributes", object.get("attributes"));
        Element section = object.get("element") == null ? null : model.element(object.get("element").toString());
        if (section != null) {
            for (String role : List.of("source", "target", "strategy")) {
                Object name = section.attribute(role);
                if (name != null) {
                    candidate.put(role, name);
                    Element described = model.element(name.toString());
                    Object description = described == null ? null : described.attribute("description");
                    if (description != null) {
                        candidate.put(role + "Description", description);
                    }
                }
            }
            Object guideline = section.attribute("guideline");
            if (guideline != null) {
                candidate.put("guideline", guideline);
            }
        }
        if (object.get("attributes") instanceof Map<?, ?> attributes) {
            for (String said : List.of("recommended", "advice", "why")) {
                if (attributes.get(said) != null) {
                    candidate.put(said, attributes.get(said));
                }
            }
        }
        return candidate;
    }

    private void event(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> body = Json.body(ctx);
        String type = Json.text(body, "type");
        Outcome outcome = switch (type) {
            case "complete" -> processes.complete(id, Json.text(body, "workItem"), Json.object(body, "variables"));
            case "choose" -> body.get("by") instanceof String by && !by.isBlank()
                    ? processes.send(id, "choose", Json.text(body, "section"), Map.of("by", by))
                    : processes.choose(id, Json.text(body, "section"));
            case "signal" -> processes.signal(id, Json.text(body, "name"), Json.object(body, "variables"));
            case "cancel" -> processes.cancel(id);
            default -> throw ApiFailure.badRequest("unknown event type '" + type + "'; it is complete, choose, signal or cancel");
        };
        answer(ctx, outcome, 200);
    }

    private void inbox(Context ctx) {
        Json.answer(ctx, 200, processes.inbox(ctx.pathParam("actor")).stream().map(item -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("key", item.entry().key());
            entry.put("instance", item.entry().instance());
            entry.put("object", item.entry().object());
            entry.put("payload", item.entry().message());
            entry.put("objectState", item.objectState());
            entry.put("created", item.entry().created().toString());
            return entry;
        }).toList());
    }

    /** An outcome as the API answers it: 409 with the message when it changed nothing. */
    private static void answer(Context ctx, Outcome outcome, int applied) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
        body.put("instance", outcome.instance());
        body.put("state", outcome.state());
        body.put("message", outcome.message());
        boolean changedNothing = outcome.status() == Outcome.Status.REJECTED || outcome.status() == Outcome.Status.IGNORED;
        if (changedNothing) {
            body.put("error", (outcome.status() == Outcome.Status.REJECTED ? "rejected: " : "not applied: ") + outcome.message());
            body.put("status", 409);
            body.put("outcome", outcome.status().name().toLowerCase(Locale.ROOT));
        }
        Json.answer(ctx, changedNothing ? 409 : applied, body);
    }

    static Map<String, Object> summary(InstanceSummary instance) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("id", instance.id());
        summary.put("model", instance.model());
        summary.put("modelVersion", instance.modelVersion());
        summary.put("state", instance.state());
        summary.put("parent", instance.parent());
        summary.put("created", instance.created().toString());
        summary.put("updated", instance.updated().toString());
        return summary;
    }

    static Map<String, Object> step(LogRecord record) {
        var step = new LinkedHashMap<String, Object>();
        step.put("seq", record.transaction());
        step.put("time", record.time().toString());
        step.put("event", record.event());
        step.put("object", record.object());
        step.put("payload", record.payload());
        step.put("status", record.status());
        step.put("message", record.message());
        step.put("effects", record.effects() == null ? List.of() : record.effects().stream().map(Object::toString).toList());
        return step;
    }
}
