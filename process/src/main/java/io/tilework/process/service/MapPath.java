package io.tilework.process.service;

import io.tilework.process.engine.ProcessEngine;
import io.tilework.process.failure.NotFound;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.store.InstanceSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route a Map instance took, read from its {@code Achievement} objects: Start, then each
 * intention achieved, with the section and strategy that achieved it, who chose the section,
 * when, and how long its guideline took. A section refined by a sub-map carries the sub-map's
 * own path, found among the engine's children of that section's object: the sub-map that
 * completed between the section's choice and its achievement. Nothing here knows how a map
 * behaves; it only reads what the map pack records (the attributes named in its types).
 *
 * <p>An instance is a map when its root object is of type {@code Map} and it has the intention
 * {@code Start}: what the map pack, and any specification extending it, creates. The objects are
 * read rather than the specification's lineage because they are what this reads, and an
 * extension of the pack keeps them under the same names.
 */
public final class MapPath {

    /**
     * One intention achieved. {@code section}, {@code strategy}, {@code chosenBy} and
     * {@code chosenAt} are null for Start's achievement at start; {@code refinement} is null
     * unless the section ran a sub-map.
     */
    public record Step(long step, String intention, String from, String section, String strategy, String chosenBy,
                       Instant chosenAt, Instant achievedAt, MapPath refinement) {

        /** The time from the section's choice to its achievement, or null if either is unknown. */
        public Duration spent() {
            return chosenAt == null || achievedAt == null ? null : Duration.between(chosenAt, achievedAt);
        }
    }

    private final String instance;
    private final String state;
    private final String parent;
    private final String parentSection;
    private final String current;
    private final List<Step> steps;

    private MapPath(String instance, String state, String parent, String parentSection, String current, List<Step> steps) {
        this.instance = instance;
        this.state = state;
        this.parent = parent;
        this.parentSection = parentSection;
        this.current = current;
        this.steps = List.copyOf(steps);
    }

    /** True if {@code state} is an instance of the map pack (or of a specification extending it). */
    public static boolean isMap(InstanceState state) {
        if (state == null || state.objects().isEmpty() || !"Map".equals(state.root().type())) {
            return false;
        }
        RuntimeObject start = state.object("Start");
        return start != null && "Intention".equals(start.type());
    }

    /**
     * The path of map instance {@code instance}, with its refinements' paths nested.
     *
     * @throws NotFound if there is no such instance
     * @throws IllegalArgumentException if it is not a map (its message says what it is)
     */
    public static MapPath of(ProcessEngine engine, String instance) {
        InstanceState state = engine.state(instance);
        if (state == null) {
            throw new NotFound("no instance '" + instance + "' (tilework process list)");
        }
        if (!isMap(state)) {
            throw new IllegalArgumentException(instance + " is not a map instance (its root is a " + state.root().type()
                    + " of model " + state.model() + "); a path is the route of a map: intentions achieved by sections");
        }
        return of(engine, state);
    }

    private static MapPath of(ProcessEngine engine, InstanceState state) {
        var steps = new ArrayList<Step>();
        List<RuntimeObject> achievements = state.objects().stream().filter(o -> "Achievement".equals(o.type())).toList();
        for (int i = 0; i < achievements.size(); i++) {
            Map<String, Object> a = achievements.get(i).attributes();
            String section = text(a.get("section"));
            Instant chosenAt = instant(a.get("chosenAt"));
            Instant achievedAt = instant(a.get("achievedAt"));
            long step = a.get("step") instanceof Number n ? n.longValue() : i;
            MapPath refinement = section == null ? null : refinement(engine, state.id(), section, chosenAt, achievedAt);
            steps.add(new Step(step, text(a.get("intention")), text(a.get("from")), section, text(a.get("strategy")),
                    text(a.get("chosenBy")), chosenAt, achievedAt, refinement));
        }
        steps.sort(Comparator.comparingLong(Step::step));
        String current = text(state.root().attributes().get("current"));
        if (current == null && !steps.isEmpty()) {
            current = steps.getLast().intention();
        }
        return new MapPath(state.id(), state.state(), state.parent(), state.parentObject(), current, steps);
    }

    /**
     * The sub-map that achieved {@code section}'s target: among the sub-maps started for it, the
     * last that completed and was created between the choice and the achievement (a sub-map
     * cancelled or failed before it did not achieve anything).
     */
    private static MapPath refinement(ProcessEngine engine, String parent, String section, Instant chosenAt, Instant achievedAt) {
        InstanceState found = null;
        for (InstanceSummary child : engine.store().children(parent)) {
            InstanceState childState = engine.state(child.id());
            if (childState == null || !section.equals(childState.parentObject()) || !"completed".equals(childState.state())) {
                continue;
            }
            boolean within = (chosenAt == null || !childState.created().isBefore(chosenAt))
                    && (achievedAt == null || !childState.created().isAfter(achievedAt));
            if (within && (found == null || childState.created().isAfter(found.created()))) {
                found = childState;
            }
        }
        return found == null ? null : of(engine, found);
    }

    public String instance() {
        return instance;
    }

    /** The instance's state: running, suspended, completed, cancelled. */
    public String state() {
        return state;
    }

    /** The instance whose section this sub-map refines, or null for a top-level map. */
    public String parent() {
        return parent;
    }

    /** The parent's section this sub-map refines, or null. */
    public String parentSection() {
        return parentSection;
    }

    /** The intention most recently achieved: where the map stands (Stop once it completed). */
    public String current() {
        return current;
    }

    /** Start first, then each achievement in the order of its step. */
    public List<Step> steps() {
        return steps;
    }

    /** The route in one line: {@code Start -> Elicit a goal -> Stop}. */
    public String route() {
        return String.join(" -> ", steps.stream().map(Step::intention).toList());
    }

    /**
     * The steps as JSON values, what {@code tilework process path --json} prints and the server
     * answers: one map per step with the fields of {@link Step}, times as ISO instants, the time
     * spent in milliseconds and in words, and {@code refinement}: {@code {instance, state, steps}}.
     */
    public List<Map<String, Object>> document() {
        return steps.stream().map(MapPath::document).toList();
    }

    private static Map<String, Object> document(Step step) {
        var map = new LinkedHashMap<String, Object>();
        map.put("step", step.step());
        map.put("intention", step.intention());
        map.put("from", step.from());
        map.put("section", step.section());
        map.put("strategy", step.strategy());
        map.put("chosenBy", step.chosenBy());
        map.put("chosenAt", step.chosenAt() == null ? null : step.chosenAt().toString());
        map.put("achievedAt", step.achievedAt() == null ? null : step.achievedAt().toString());
        Duration spent = step.spent();
        map.put("spentMillis", spent == null ? null : spent.toMillis());
        map.put("spent", spent == null ? null : words(spent));
        if (step.refinement() != null) {
            var refinement = new LinkedHashMap<String, Object>();
            refinement.put("instance", step.refinement().instance());
            refinement.put("state", step.refinement().state());
            refinement.put("steps", step.refinement().document());
            map.put("refinement", refinement);
        } else {
            map.put("refinement", null);
        }
        return map;
    }

    /** A duration as a person reads it: 340 ms, 1.2 s, 3 min, 2.5 h, 4 d. */
    public static String words(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return oneDecimal(millis / 1_000.0) + " s";
        }
        if (millis < 3_600_000) {
            return Math.round(millis / 60_000.0) + " min";
        }
        if (millis < 86_400_000) {
            return oneDecimal(millis / 3_600_000.0) + " h";
        }
        return oneDecimal(millis / 86_400_000.0) + " d";
    }

    private static String oneDecimal(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Instant instant(Object value) {
        return value instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }
}
