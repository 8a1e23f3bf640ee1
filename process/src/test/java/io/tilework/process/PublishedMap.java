package io.tilework.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.MapContext;
import org.yaml.snakeyaml.Yaml;

/**
 * A map model of {@code published-maps/} read as plain YAML, and what the Map literature says its
 * candidates are: the test's oracle, written from the meaning of sections and guidelines, not from
 * the pack. A {@link Route} is the walk a test makes, tracked on the test's side.
 */
final class PublishedMap {

    static final String STOP = "Stop";
    private static final JexlEngine JEXL = new JexlBuilder().strict(true).silent(false).create();

    record Section(String id, String source, String target, String strategy, String guideline, Map<String, Object> parameters) {
        /** What a {@code process.sleep} job guideline returns: its product. */
        @SuppressWarnings("unchecked")
        Map<String, Object> jobResult() {
            return (Map<String, Object>) parameters.getOrDefault("result", Map.of());
        }

        boolean job() {
            return guideline.equals("job");
        }

        boolean human() {
            return guideline.equals("human");
        }

        /** The sub-map's model name of a refined section, or null. */
        String subMap() {
            return guideline.startsWith("map ") ? guideline.substring(4).trim() : null;
        }
    }

    record Isg(String id, String intention, List<String> sections, String condition, String description) {
    }

    record Ssg(String id, String source, String target, String advice, String recommend, String condition) {
    }

    final String file;
    final String text;
    final String name;
    final Map<String, Object> variables;
    final Map<String, Section> sections = new LinkedHashMap<>();
    final List<Isg> isgs = new ArrayList<>();
    final List<Ssg> ssgs = new ArrayList<>();
    final Map<String, List<String>> bundles = new LinkedHashMap<>();
    final Map<String, List<String>> parallels = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    private PublishedMap(String file, String text) {
        this.file = file;
        this.text = text;
        Map<String, Object> root = new Yaml().load(text);
        this.name = (String) root.get("model");
        this.variables = new LinkedHashMap<>((Map<String, Object>) root.getOrDefault("variables", Map.of()));
        for (var entry : mapping(root, "Section").entrySet()) {
            var s = (Map<String, Object>) entry.getValue();
            sections.put(entry.getKey(), new Section(entry.getKey(), (String) s.get("source"), (String) s.get("target"),
                    (String) s.get("strategy"), (String) s.getOrDefault("guideline", "human"),
                    (Map<String, Object>) s.getOrDefault("parameters", Map.of())));
        }
        for (var entry : mapping(root, "ISG").entrySet()) {
            var g = (Map<String, Object>) entry.getValue();
            isgs.add(new Isg(entry.getKey(), (String) g.get("intention"), (List<String>) g.get("sections"), (String) g.get("condition"),
                    (String) g.get("description")));
        }
        for (var entry : mapping(root, "SSG").entrySet()) {
            var g = (Map<String, Object>) entry.getValue();
            ssgs.add(new Ssg(entry.getKey(), (String) g.get("source"), (String) g.get("target"), (String) g.get("advice"),
                    (String) g.get("recommend"), (String) g.get("condition")));
        }
        mapping(root, "Bundle").forEach((id, b) -> bundles.put(id, (List<String>) ((Map<String, Object>) b).get("sections")));
        mapping(root, "Parallel").forEach((id, p) -> parallels.put(id, (List<String>) ((Map<String, Object>) p).get("sections")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Map<String, Object> root, String key) {
        return (Map<String, Object>) root.getOrDefault(key, Map.of());
    }

    /** Reads {@code published-maps/FILE} from the test's class path. */
    static PublishedMap load(String file) {
        try (InputStream in = PublishedMap.class.getResourceAsStream("/published-maps/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no published-maps/" + file + " on the test class path");
            }
            return new PublishedMap(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Section section(String id) {
        Section section = sections.get(id);
        if (section == null) {
            throw new IllegalArgumentException(file + ": no section " + id);
        }
        return section;
    }

    /** The sections of the map whose strategy is {@code strategy}. */
    List<String> withStrategy(String strategy) {
        return sections.values().stream().filter(s -> s.strategy().equals(strategy)).map(Section::id).toList();
    }

    Route route(Map<String, Object> startVariables) {
        return new Route(startVariables);
    }

    /**
     * The walk of one instance as the test made it: the current intention (the one most recently
     * achieved), the variables (initial ones, then every product), the sections running and those
     * chosen since the last achievement. From these alone it says what the map offers.
     */
    final class Route {
        String current = "Start";
        final Map<String, Object> variables = new LinkedHashMap<>(PublishedMap.this.variables);
        final List<String> achieved = new ArrayList<>(List.of("Start"));
        /** Sections in the order they achieved their target (the path), with who chose each. */
        final List<String> path = new ArrayList<>();
        final List<String> chosenBy = new ArrayList<>();
        private final Set<String> running = new LinkedHashSet<>();
        private final Set<String> chosenInStep = new LinkedHashSet<>();
        private final Map<String, String> by = new HashMap<>();

        private Route(Map<String, Object> startVariables) {
            variables.putAll(startVariables);
        }

        void chose(String section, String who) {
            section(section);
            running.add(section);
            chosenInStep.add(section);
            by.put(section, who);
        }

        /** The section's guideline ended without achieving (job failed, sub-map cancelled): offered again. */
        void failed(String section) {
            running.remove(section);
        }

        void achieved(String section, Map<String, Object> product) {
            Section s = section(section);
            running.remove(section);
            chosenInStep.clear();
            current = s.target();
            achieved.add(s.target());
            path.add(section);
            chosenBy.add(by.remove(section));
            if (product != null) {
                variables.putAll(product);
            }
        }

        Set<String> running() {
            return Set.copyOf(running);
        }

        /** The sections that leave the current intention. */
        Set<String> leaving() {
            var leaving = new TreeSet<String>();
            sections.values().stream().filter(s -> s.source().equals(current)).forEach(s -> leaving.add(s.id()));
            return leaving;
        }

        /**
         * The candidates as the Map meta-model defines them: sections leaving the current intention,
         * not running, that every ISG naming them allows, not excluded by a bundle mate chosen in this
         * step, that may run beside every running section (a declared parallel set), and, to Stop,
         * only when nothing runs (so no work item is open).
         */
        Set<String> candidates() {
            var candidates = new TreeSet<String>();
            for (String id : leaving()) {
                Section s = section(id);
                boolean allowed = !running.contains(id)
                        && isgs.stream().filter(g -> g.sections().contains(id)).allMatch(g -> holds(g.condition()))
                        && bundles.values().stream().filter(b -> b.contains(id)).noneMatch(b -> b.stream().anyMatch(o -> !o.equals(id) && chosenInStep.contains(o)))
                        && running.stream().allMatch(r -> parallel(r, id))
                        && (!s.target().equals(STOP) || running.isEmpty());
                if (allowed) {
                    candidates.add(id);
                }
            }
            return candidates;
        }

        /** Section -> the SSG's advice, for the candidates an SSG recommends now. */
        Map<String, String> recommended() {
            return marks(true);
        }

        /** Section -> the SSG's advice, for the other candidates to an SSG's target. */
        Map<String, String> advised() {
            return marks(false);
        }

        private Map<String, String> marks(boolean recommendedOnes) {
            var marks = new TreeMap<String, String>();
            Set<String> candidates = candidates();
            for (Ssg ssg : ssgs) {
                if (!ssg.source().equals(current)) {
                    continue;
                }
                for (String id : candidates) {
                    if (!section(id).target().equals(ssg.target())) {
                        continue;
                    }
                    boolean recommended = id.equals(ssg.recommend()) && (ssg.condition() == null || holds(ssg.condition()));
                    if (recommended == recommendedOnes) {
                        marks.put(id, ssg.advice());
                    }
                }
            }
            return marks;
        }

        private boolean parallel(String a, String b) {
            return parallels.values().stream().anyMatch(set -> set.contains(a) && set.contains(b));
        }

        /** A guideline's condition over the variables, {@code achieved} and {@code current}. */
        boolean holds(String condition) {
            var context = new MapContext(new HashMap<>(variables));
            context.set("achieved", List.copyOf(achieved));
            context.set("current", current);
            return Boolean.TRUE.equals(JEXL.createExpression(condition).evaluate(context));
        }
    }
}
