package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.failure.DefinitionInvalid;
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

    private static void assertProblem(List<Problem> problems, int line, String element, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.element().equals(element) && p.message().contains(text)),
                () -> "expected line " + line + ", " + element + ": ..." + text + "... among\n" + String.join("\n", problems.stream().map(Problem::toString).toList()));
    }
}
