package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.spec.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("the XML form of specifications and models: the same tree as YAML, validated with the XML's lines")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class XmlFormTest {

    /** The README's two XML examples: the specification, then the model. */
    private static final List<String> README_XML = readmeXml();
    private static final String SPEC = README_XML.get(0);
    private static final String MODEL = README_XML.get(1);

    private static List<String> readmeXml() {
        try {
            var blocks = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
            var found = new ArrayList<String>();
            while (blocks.find()) {
                found.add(blocks.group(1));
            }
            assertEquals(2, found.size(), "process/README.md has two XML examples");
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    @Test
    @DisplayName("the README's XML specification and model deploy and run like their YAML")
    void deployAndRun() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            assertEquals(List.of(), fixture.service.validate("reviewed-workflow.xml", SPEC));
            assertEquals("reviewed-workflow", fixture.service.deploy("reviewed-workflow.xml", SPEC).name());
            assertEquals(List.of(), fixture.service.validate("reviewed.xml", MODEL));
            String instance = fixture.deployAndStart(MODEL);
            fixture.quiet();
            assertEquals("waiting", fixture.stateOf(instance, "wait"));
            fixture.service.signal(instance, "go", Map.of());
            fixture.quiet();
            assertEquals("completed", fixture.state(instance).state());
            assertEquals("go", fixture.state(instance).variables().get("reviewedBy"));
            assertEquals(true, fixture.state(instance).variables().get("done"));
        }
        if (!kind.durable()) {
            return; // the rest is about a new engine on the same store
        }
        // A new engine reads the deployed XML back from the store.
        try (var fixture = new ProcessFixture(kind, temp)) {
            String instance = fixture.service.start("reviewed", Map.of()).instance();
            fixture.service.signal(instance, "go", Map.of());
            fixture.quiet();
            assertEquals("completed", fixture.state(instance).state());
        }
    }

    @Test
    @DisplayName("problems name the XML's file, line and element; broken XML and DTDs are refused with the line")
    void problemsNameXmlLines() {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("reviewed-workflow.xml", SPEC);
            String wrong = MODEL.replace("<wait kind=\"receive\"", "<wait kind=\"dance\"").replace("target=\"end\"/>", "target=\"nowhere\"/>");
            List<Problem> problems = fixture.service.validate("wrong.xml", wrong);
            assertTrue(problems.stream().anyMatch(p -> p.file().equals("wrong.xml") && p.line() == 4 && p.element().equals("wait.kind")
                    && p.message().contains("'dance' is not one of")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.line() == 9 && p.element().equals("t2") && p.message().contains("no element 'nowhere'")),
                    problems.toString());

            List<Problem> broken = fixture.service.validate("broken.xml", "<model model=\"x\">\n  <Activity>\n</model>\n");
            assertTrue(broken.size() == 1 && broken.getFirst().line() == 3 && broken.getFirst().message().contains("not valid XML"), broken.toString());

            List<Problem> doctype = fixture.service.validate("entity.xml", """
                    <?xml version="1.0"?>
                    <!DOCTYPE model [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                    <model model="x" conformsTo="workflow">&secret;</model>
                    """);
            assertTrue(doctype.size() == 1 && doctype.getFirst().message().contains("DOCTYPE"), doctype.toString());
        }
    }
}
