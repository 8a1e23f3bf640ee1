package io.tilework.app.process;

import io.tilework.process.meta.Element;
import io.tilework.process.meta.Model;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.MapPath;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.InstanceSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * A map instance as {@code tilework process show} prints it: where it stands (the current
 * intention), what may be chosen now (candidates, with the strategy selection guideline's advice),
 * what runs (a work item, a job, or a sub-map), and the intentions achieved so far; with
 * {@code --explain}, the sections leaving the current intention that are not offered, and why.
 * It reads the objects the map pack keeps (see the pack's contract in process/README.md).
 */
final class MapListing {

    private final ProcessService service;
    private final InstanceState state;
    private final Model model;

    MapListing(ProcessService service, ProcessService.InstanceView view) {
        this.service = service;
        this.state = view.state();
        this.model = service.engine().definition(view.summary()).model();
    }

    /** The header's tail for a sub-map: whose refinement it is. */
    static String parentOf(InstanceState state) {
        return state.parent() == null ? "" : ", refinement of section " + state.parentObject() + " of " + state.parent();
    }

    void print(PrintWriter out, boolean explain) {
        String current = text(state.root().attributes().get("current"));
        out.println("current intention: " + (current == null ? "(none)" : current + described(current)));
        List<RuntimeObject> candidates = sections("candidate");
        List<RuntimeObject> excluded = sections("excluded");
        if (candidates.isEmpty()) {
            out.println("candidates: none" + (excluded.isEmpty() || explain ? "" : " (--explain says why the others are not offered)"));
        } else {
            out.println("candidates:");
            candidates.forEach(c -> out.println("  " + c.id() + "  " + route(c) + guidance(c)));
        }
        List<RuntimeObject> running = sections("running");
        if (!running.isEmpty()) {
            out.println("running:");
            running.forEach(r -> out.println("  " + r.id() + "  " + route(r) + ": " + work(r)));
        }
        MapPath path = MapPath.of(service.engine(), state.id());
        out.println("achievements:");
        for (MapPath.Step step : path.steps()) {
            out.println("  " + step.step() + "  " + step.intention() + (step.section() == null
                    ? "  (at start, " + (step.achievedAt() == null ? state.created() : step.achievedAt()) + ")"
                    : "  from " + step.from() + " " + by(step.strategy()) + " (" + step.section() + ")"
                    + (step.chosenBy() == null ? "" : ", chosen by " + step.chosenBy())
                    + (step.achievedAt() == null ? "" : ", achieved at " + step.achievedAt())));
        }
        if (explain) {
            if (excluded.isEmpty()) {
                out.println("excluded: none");
            } else {
                out.println("excluded:");
                excluded.forEach(e -> out.println("  " + e.id() + "  " + route(e) + ": "
                        + Objects.requireNonNullElse(e.attributes().get("why"), "(no reason recorded)")));
            }
        }
    }

    private List<RuntimeObject> sections(String sectionState) {
        return state.objects().stream().filter(o -> "Section".equals(o.type()) && sectionState.equals(o.state())).toList();
    }

    /** {@code source -> target  by STRATEGY}, from the section's model element. */
    private String route(RuntimeObject section) {
        return attribute(section, "source") + " -> " + attribute(section, "target") + "  " + by(attribute(section, "strategy"));
    }

    /** "by STRATEGY", or the strategy's name alone when it says "by" itself (maps often name them "by template"). */
    static String by(Object strategy) {
        String name = String.valueOf(strategy);
        return name.regionMatches(true, 0, "by ", 0, 3) ? name : "by " + name;
    }

    /** The strategy selection guideline's word on a candidate: recommended, or advice among the strategies to its target. */
    private static String guidance(RuntimeObject candidate) {
        Object recommended = candidate.attributes().get("recommended");
        if (recommended != null) {
            return "  [recommended: " + recommended + "]";
        }
        Object advice = candidate.attributes().get("advice");
        return advice == null ? "" : "  [advice: " + advice + "]";
    }

    /** What a running section waits for: its work item, its sub-map(s), or its job. */
    private String work(RuntimeObject section) {
        List<String> items = state.objects().stream()
                .filter(o -> "WorkItem".equals(o.type()) && section.id().equals(o.attributes().get("section")) && "offered".equals(o.state()))
                .map(o -> "work item " + o.id() + " for " + o.attributes().get("participant") + " (" + o.state() + ")").toList();
        if (!items.isEmpty()) {
            return String.join(", ", items);
        }
        List<String> subMaps = service.engine().store().children(state.id()).stream().map(InstanceSummary::id)
                .map(id -> service.engine().state(id)).filter(child -> child != null && section.id().equals(child.parentObject()))
                .filter(child -> "running".equals(child.state()) || "suspended".equals(child.state()))
                .map(child -> "sub-map " + child.id() + " (" + child.state() + ")").toList();
        if (!subMaps.isEmpty()) {
            return String.join(", ", subMaps);
        }
        String guideline = text(attribute(section, "guideline"));
        if (guideline != null && guideline.startsWith("map ")) {
            return "sub-map of " + guideline.substring(4).strip() + " starting";
        }
        Object attempt = section.attributes().get("attempt");
        return "job " + attribute(section, "job") + (attempt == null ? "" : ", attempt " + attempt);
    }

    private Object attribute(RuntimeObject object, String name) {
        Element element = object.element() == null ? null : model.element(object.element());
        return element == null ? null : element.attribute(name);
    }

    private String described(String elementId) {
        Element element = model.element(elementId);
        Object description = element == null ? null : element.attribute("description");
        return description == null ? "" : " — " + description;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
