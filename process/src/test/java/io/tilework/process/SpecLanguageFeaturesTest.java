package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.service.ProcessService;
import io.tilework.process.spec.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generic features of the specification language that the map pack relies on, shown on a
 * small language of their own: accept with messages, ctx.holds with extra names, ctx.closure and
 * ctx.model (with files validated and deployed together).
 */
@DisplayName("specification language: accept messages, holds with names, closure, other models")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class SpecLanguageFeaturesTest {

    /** Boxes that may be opened when a check passes; each box names the boxes inside it. */
    private static final String BOXES = """
            metamodel: boxes
            types:
              Shelf:
                root: true
                states: [open, closed]
                final: [closed]
              Box:
                attributes:
                  inside: list
                  inModel: string
                  rule: {type: expression, names: [opened]}
                states: [shut, opened]
            actors:
              user: {kind: person}
            events:
              start: {external: Shelf, from: user}
              open:
                external: Box
                from: user
                schema: {key: "string?"}
                accept:
                  - check: "self.state == 'shut'"
                    message: "self.id + ' is open already'"
                  - check: "ctx.holds(self.rule, {'opened': size(ctx.filter(ctx.objects('Box'), b -> b.state == 'opened'))})"
                  - check: "event.key == 'k'"
                    message: "'box ' + self.id + ' wants the key k, not ' + event.key"
              close: {external: Shelf, from: user}
            constraints:
              - forEach: Box
                check: "!(self.id =~ ctx.closure(self.inside ?? [], b -> ctx.element(b) == null ? [] : ctx.element(b).inside ?? []))"
                message: "a box is inside itself"
              - forEach: Box
                check: "self.inModel == null || ctx.model(self.inModel) != null && size(ctx.model(self.inModel).elements('Box')) > 0"
                message: "inModel names no model with boxes"
            triggers:
              - on: start
                do: []
              - on: open
                do:
                  - state: opened
              - on: close
                do:
                  - state: closed
            """;

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    @Test
    @DisplayName("accept: the first failing check rejects with its message; a check without one says what it requires")
    void acceptMessages() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("boxes.yaml", BOXES);
            String instance = fixture.deployAndStart("""
                    model: shelf
                    conformsTo: boxes
                    variables: {limit: 1}
                    Box:
                      a: {rule: "opened < limit"}
                      b: {rule: "opened < limit"}
                    """);
            Outcome wrongKey = fixture.service.send(instance, "open", "a", Map.of("key", "x"));
            assertEquals(Outcome.Status.REJECTED, wrongKey.status());
            assertEquals("box a wants the key k, not x", wrongKey.message());
            assertEquals(Outcome.Status.APPLIED, fixture.service.send(instance, "open", "a", Map.of("key", "k")).status());
            assertEquals("a is open already", fixture.service.send(instance, "open", "a", Map.of("key", "k")).message());
            // The rule sees the name the specification gives it (opened = 1) besides the variable limit.
            Outcome ruled = fixture.service.send(instance, "open", "b", Map.of("key", "k"));
            assertEquals(Outcome.Status.REJECTED, ruled.status());
            assertTrue(ruled.message().contains("it requires ctx.holds(self.rule"), ruled.message());
        }
    }

    @Test
    @DisplayName("names declared on an expression attribute are accepted by validation; other unknown names are not")
    void declaredNames() {
        String model = """
                model: shelf
                conformsTo: boxes
                variables: {limit: 1}
                Box:
                  a: {rule: "opened < limit"}
                  b: {rule: "closed < limit"}
                """;
        var problems = validate(List.of(new ProcessService.Document("shelf.yaml", model)), "shelf.yaml");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("b.rule", problems.getFirst().element());
        assertTrue(problems.getFirst().message().contains("variable 'closed'") && problems.getFirst().message().contains("[opened]"),
                problems.getFirst().message());
    }

    @Test
    @DisplayName("ctx.closure follows lists to every item reachable, so a box inside itself through others is found")
    void closure() {
        String model = """
                model: nested
                conformsTo: boxes
                Box:
                  a: {inside: [b]}
                  b: {inside: [c]}
                  c: {inside: [a]}
                  d: {inside: [a]}
                """;
        var problems = validate(List.of(new ProcessService.Document("nested.yaml", model)), "nested.yaml");
        assertEquals(List.of("a", "b", "c"), problems.stream().map(Problem::element).toList(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.message().equals("a box is inside itself")), problems.toString());
    }

    @Test
    @DisplayName("ctx.model sees the models given together, whatever their order, and the store's when deployed alone")
    void otherModels() throws Exception {
        String first = "model: first\nconformsTo: boxes\nBox:\n  a: {inModel: second}\n";
        String second = "model: second\nconformsTo: boxes\nBox:\n  z: {}\n";
        var together = List.of(new ProcessService.Document("first.yaml", first), new ProcessService.Document("second.yaml", second));
        assertEquals(List.of(), validate(together, "first.yaml"));
        var alone = validate(List.of(together.getFirst()), "first.yaml");
        assertEquals(List.of("first.yaml:4: a: inModel names no model with boxes"), alone.stream().map(Problem::toString).toList());
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("boxes.yaml", BOXES);
            fixture.service.deploy("first.yaml", first, together); // second is not deployed yet: seen among the files
            fixture.service.deploy("second.yaml", second, together);
            fixture.service.deploy("first.yaml", first); // alone: second is in the store now
            assertEquals(List.of(), fixture.service.validate("first.yaml", first));
        }
    }

    private static List<Problem> validate(List<ProcessService.Document> documents, String file) {
        // The boxes language is not shipped: deploy it on a store of its own to validate against it.
        try (var service = ProcessService.inMemory()) {
            service.deploy("boxes.yaml", BOXES);
            var document = documents.stream().filter(d -> d.file().equals(file)).findFirst().orElseThrow();
            return service.validate(document.file(), document.text(), documents);
        }
    }
}
