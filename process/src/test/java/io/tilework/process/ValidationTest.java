package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.failure.DefinitionInvalid;
import io.tilework.process.service.ProcessService;
import io.tilework.process.spec.ModelReader;
import io.tilework.process.spec.Problem;
import io.tilework.process.spec.SpecReader;
import io.tilework.process.spec.Specifications;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("static validation reports every problem with file, line and element")
class ValidationTest {

    private static final Specifications PACKS = Specifications.packs();

    @Test
    @DisplayName("the shipped packs are valid")
    void packsAreValid() {
        for (String pack : Specifications.PACKS) {
            var reader = new SpecReader(name -> null);
            reader.parse(pack + ".yaml", Specifications.packText(pack));
            assertEquals(List.of(), reader.problems(), pack);
        }
    }

    @Test
    @DisplayName("a specification: unknown type, unreachable state, event with no trigger, cycle of internal events, bad expression")
    void specificationProblems() {
        String text = """
                metamodel: broken
                types:
                  Job:
                    root: true
                    states: [new, busy, done, lost]
                events:
                  start: {external: Job, from: user}
                  ping: {external: Gizmo, from: user}
                  orphan: {external: Job, from: user}
                  becameBusy: {internal: Job, when: "self.state == 'busy'"}
                  becameDone: {internal: Job, when: "self.state == 'done'"}
                actors:
                  user: {kind: person}
                triggers:
                  - on: start
                    do:
                      - state: busy
                  - on: becameBusy
                    do:
                      - state: done
                  - on: becameDone
                    do:
                      - state: busy
                  - on: ping
                    when: "self.state =="
                    do:
                      - state: sleeping
                """;
        var reader = new SpecReader(name -> null);
        reader.parse("broken.yaml", text);
        List<Problem> problems = reader.problems();
        assertProblem(problems, 8, "ping", "unknown type 'Gizmo'");
        assertProblem(problems, 9, "orphan", "event with no trigger");
        assertProblem(problems, 3, "Job", "unreachable state 'lost'");
        assertProblem(problems, 10, "becameBusy", "cycle of internal events with no condition to end it: becameBusy -> becameDone -> becameBusy");
        assertProblem(problems, 24, "trigger on ping", "does not compile: at column 12");
        assertProblem(problems, 27, "trigger on ping", "'sleeping' is not a state of any type");
        assertTrue(problems.stream().allMatch(p -> p.file().equals("broken.yaml")), problems.toString());
        var thrown = assertThrows(DefinitionInvalid.class, () -> SpecReader.read("broken.yaml", text, name -> null));
        assertEquals(problems.size(), thrown.problems().size(), "the exception lists every problem");
    }

    @Test
    @DisplayName("a model: unknown type and attribute, bad values, dangling references, and the pack's constraints")
    void modelProblems() {
        String text = """
                model: wrong
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  A: {kind: job, timeout: soon}
                  B: {kind: dance}
                  lonely: {kind: task}
                  end: {kind: end, colour: red}
                Transition:
                  t1: {source: start, target: A}
                  t2: {source: A, target: nowhere}
                  t3: {source: A, target: end, condition: "amount >"}
                Gateway:
                  g1: {}
                """;
        List<Problem> problems = ModelReader.check("wrong.yaml", text, PACKS::get);
        assertProblem(problems, 5, "A.timeout", "'soon' is not a duration");
        assertProblem(problems, 6, "B.kind", "'dance' is not one of [start, end, task, job, human, receive, subprocess, webhook]");
        assertProblem(problems, 8, "end", "unknown attribute 'colour' of Activity");
        assertProblem(problems, 11, "t2", "target: no element 'nowhere'");
        assertProblem(problems, 12, "t3.condition", "does not compile");
        assertProblem(problems, 13, "Gateway", "unknown type");
        var valid = """
                model: shaky
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  A: {kind: job}
                  lonely: {kind: task}
                  impatient: {kind: human, participant: p, timeout: 1h}
                  end: {kind: end}
                Participant:
                  p: {}
                Transition:
                  t1: {source: start, target: A}
                  t2: {source: A, target: impatient}
                  t3: {source: lonely, target: end}
                  t4: {source: impatient, target: end}
                """;
        List<Problem> constraints = ModelReader.check("shaky.yaml", valid, PACKS::get);
        assertProblem(constraints, 5, "A", "a job activity names its job");
        assertProblem(constraints, 6, "lonely", "unreachable activity: no transition leads to it");
        assertProblem(constraints, 7, "impatient", "an activity with a timeout needs a transition with outcome: timeout");
        assertEquals(3, constraints.size(), constraints.toString());
    }

    @Test
    @DisplayName("a model of an unknown meta-model, and YAML that does not parse, say where")
    void unknownMetaModelAndBadYaml() {
        assertProblem(ModelReader.check("m.yaml", "model: x\nconformsTo: bpmn\n", PACKS::get), 2, "", "unknown meta-model 'bpmn'");
        assertProblem(ModelReader.check("m.yaml", "model: x\nconformsTo: workflow\nActivity: {a: [\n", PACKS::get), 4, "", "not valid YAML");
    }

    /** A valid map: Start -> A -> B -> Stop, and A -> Stop. Each test below adds one mistake. */
    private static final String MAP = """
            model: m
            conformsTo: map
            Participant:
              ana: {}
            Intention:
              Start: {}
              A: {}
              B: {}
              Stop: {}
            Strategy:
              x: {}
            Section:
              s1: {source: Start, target: A, strategy: x, participant: ana}
              s2: {source: A, target: B, strategy: x, participant: ana}
              s3: {source: B, target: Stop, strategy: x, participant: ana}
              s4: {source: A, target: Stop, strategy: x, participant: ana}
            """;

    /** The problems of {@code text} as validate prints them, the map validated alone. */
    private static List<String> mapProblems(String text) {
        return ProcessService.validateAgainstPacks("m.yaml", text).stream().map(Problem::toString).toList();
    }

    /** "m.yaml:LINE: ELEMENT: MESSAGE", LINE the line of {@code text} where {@code at} starts. */
    private static String at(String text, String at, String element, String message) {
        int line = text.substring(0, text.indexOf(at)).split("\n", -1).length;
        return "m.yaml:" + line + ": " + element + ": " + message;
    }

    @Test
    @DisplayName("a map: the valid one has no problem; a section naming an intention that does not exist says which exist")
    void mapMissingIntention() {
        assertEquals(List.of(), mapProblems(MAP));
        String text = MAP + "  s5: {source: A, target: Nowhere, strategy: x, participant: ana}\n";
        assertEquals(List.of(at(text, "  s5:", "s5", "target: no element 'Nowhere'; the model's Intention elements: Start, A, B, Stop")),
                mapProblems(text));
    }

    @Test
    @DisplayName("a map: an intention not reachable from Start, and one with no path to Stop")
    void mapReachability() {
        String text = MAP.replace("  B: {}\n", "  B: {}\n  C: {}\n  D: {}\n")
                + "  s5: {source: C, target: Stop, strategy: x, participant: ana}\n"
                + "  s6: {source: A, target: D, strategy: x, participant: ana}\n";
        assertEquals(List.of(
                at(text, "  C: {}", "C", "not reachable from Start: no path of sections leads from Start to this intention"),
                at(text, "  D: {}", "D", "no path to Stop: no path of sections leads from this intention to Stop")), mapProblems(text));
    }

    @Test
    @DisplayName("a map: guideline is human, job or map NAME; the refinement names a known map")
    void mapGuidelines() {
        String robot = MAP.replace("s2: {source: A, target: B, strategy: x, participant: ana}", "s2: {source: A, target: B, strategy: x, guideline: robot}");
        assertEquals(List.of(at(robot, "  s2:", "s2", "guideline is human, job, or 'map NAME' (a refinement into the map NAME)")),
                mapProblems(robot));
        String unknown = MAP.replace("s2: {source: A, target: B, strategy: x, participant: ana}", "s2: {source: A, target: B, strategy: x, guideline: map nowhere}");
        assertEquals(List.of(at(unknown, "  s2:", "s2", "the refinement names no known map: validate or deploy the sub-map with this one "
                + "(tilework process deploy THIS.yaml SUB.yaml), or deploy it first")), mapProblems(unknown));
    }

    @Test
    @DisplayName("a map: refinements that form a cycle, a -> b -> a and a -> a, whatever the order of the files")
    void mapRefinementCycles() {
        String cycle = "a cycle of refinements: a section's sub-map is this map, or refines (through its own sub-maps) into it";
        String self = MAP.replace("s2: {source: A, target: B, strategy: x, participant: ana}", "s2: {source: A, target: B, strategy: x, guideline: map m}");
        assertEquals(List.of("m.yaml:1: m: " + cycle), mapProblems(self));
        String a = MAP.replace("model: m", "model: a").replace("participant: ana}\n  s3", "guideline: map b}\n  s3");
        String b = MAP.replace("model: m", "model: b").replace("participant: ana}\n  s3", "guideline: map a}\n  s3");
        var together = List.of(new ProcessService.Document("b.yaml", b), new ProcessService.Document("a.yaml", a));
        assertEquals(List.of("a.yaml:1: a: " + cycle), ProcessService.validateAgainstPacks("a.yaml", a, together).stream().map(Problem::toString).toList());
        assertEquals(List.of("b.yaml:1: b: " + cycle), ProcessService.validateAgainstPacks("b.yaml", b, together).stream().map(Problem::toString).toList());
        String c = MAP.replace("model: m", "model: c");
        String refinesC = MAP.replace("participant: ana}\n  s3", "guideline: map c}\n  s3");
        assertEquals(List.of(), ProcessService.validateAgainstPacks("m.yaml", refinesC,
                List.of(new ProcessService.Document("m.yaml", refinesC), new ProcessService.Document("c.yaml", c))), "no cycle: m refines into c");
    }

    @Test
    @DisplayName("a map: a bundle mixing sources, a parallel set whose sections follow each other, an ISG gating sections of another intention, an SSG recommending a section elsewhere")
    void mapGuidelineConstraints() {
        String bundle = MAP + "Bundle:\n  mixed: {sections: [s1, s2]}\n";
        assertEquals(List.of(at(bundle, "  mixed:", "mixed", "a bundle mixes sections of different sources: its sections are alternatives from one intention")),
                mapProblems(bundle));
        String parallel = MAP + "Parallel:\n  chained: {sections: [s4, s1]}\n";
        assertEquals(List.of(at(parallel, "  chained:", "chained", "a parallel set has a section that follows another of the set "
                + "(one's target is another's source): they cannot run at the same time")), mapProblems(parallel));
        String isg = MAP + "ISG:\n  elsewhere: {intention: A, sections: [s2, s3], condition: \"true\"}\n";
        assertEquals(List.of(at(isg, "  elsewhere:", "elsewhere", "sections: an ISG gates sections that leave its intention, and one of them does not")),
                mapProblems(isg));
        String unknownSection = MAP + "ISG:\n  typo: {intention: A, sections: [s22], condition: \"true\"}\n";
        assertEquals(List.of(at(unknownSection, "  typo:", "typo", "sections: every item names a Section of the map")), mapProblems(unknownSection));
        String ssg = MAP + "SSG:\n  advice: {source: A, target: B, advice: prefer it, recommend: s4}\n";
        assertEquals(List.of(at(ssg, "  advice:", "advice", "recommend: the recommended section does not go from the SSG's source to its target")),
                mapProblems(ssg));
        String condition = MAP + "variables: {ok: false}\nISG:\n  gate: {intention: A, sections: [s2], condition: \"ok && 'Start' =~ achieved && current == 'A' && nope\"}\n";
        var problems = mapProblems(condition);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("variable 'nope'") && problems.getFirst().contains("[achieved, current]"), problems.getFirst());
    }

    @Test
    @DisplayName("the map example of process/README.md is valid and is examples/study.yaml")
    void readmeMapExample() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        var block = java.util.regex.Pattern.compile("```yaml\n(model: study\nconformsTo: map.*?)```", java.util.regex.Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "the README has the map example");
        assertEquals(List.of(), ProcessService.validateAgainstPacks("README.md", block.group(1)));
        String example = java.nio.file.Files.readString(java.nio.file.Path.of("examples/study.yaml"));
        assertEquals(example.substring(example.indexOf("model: study")), block.group(1), "the README shows examples/study.yaml, which it runs");
    }

    private static void assertProblem(List<Problem> problems, int line, String element, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.element().equals(element) && p.message().contains(text)),
                () -> "expected line " + line + ", " + element + ": ..." + text + "... among\n" + String.join("\n", problems.stream().map(Problem::toString).toList()));
    }
}
