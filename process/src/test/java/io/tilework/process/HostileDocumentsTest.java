package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.failure.ProcessFailure;
import io.tilework.process.service.ProcessService;
import io.tilework.process.spec.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Specifications and models made to exhaust the reader: YAML aliases and nesting past the limits,
 * an alias bomb within them, XML with DTDs, entities and deep nesting, files far too large. Each
 * is refused with FILE:LINE and what is wrong, by validate and by deploy, quickly and in little
 * memory; none is a defect.
 */
@DisplayName("hostile specifications and models are refused with FILE:LINE, never a defect or an exhausted heap")
class HostileDocumentsTest {

    /** Generous for what takes milliseconds; an expansion or a stack overflow takes far longer or fails. */
    private static final Duration QUICKLY = Duration.ofSeconds(20);

    private final ProcessService service = ProcessService.inMemory();

    @AfterEach
    void close() {
        service.close();
    }

    /** The one problem validate finds, checked to name the file and a line, and deploy's refusal, checked to say the same. */
    private Problem refused(String file, String text) {
        List<Problem> problems = assertTimeoutPreemptively(QUICKLY, () -> service.validate(file, text));
        assertEquals(1, problems.size(), problems::toString);
        Problem problem = problems.getFirst();
        assertEquals(file, problem.file());
        assertTrue(problem.line() >= 1, problem::toString);
        assertTrue(problem.toString().startsWith(file + ":" + problem.line() + ": "), problem.toString());
        assertTrue(!problem.toString().contains(file + ":" + problem.line() + ": " + file), "the place once: " + problem);
        assertTrue(problem.toString().length() < 500 && problem.toString().chars().noneMatch(c -> c < 0x20), "one short line: " + problem);
        ProcessFailure deploy = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(ProcessFailure.class, () -> service.deploy(file, text)));
        assertTrue(deploy.getMessage().contains(file + ":" + problem.line() + ": "), deploy.getMessage());
        return problem;
    }

    @Test
    @DisplayName("YAML: more aliases of lists or mappings than the limit")
    void tooManyAliases() {
        var text = new StringBuilder("model: aliased\nconformsTo: workflow\nshared: &shared [1, 2]\nmany:\n");
        for (int i = 0; i < 200; i++) {
            text.append("  - *shared\n");
        }
        Problem problem = refused("aliased.yaml", text.toString());
        assertTrue(problem.message().contains("aliases") && problem.line() > 4, problem.toString());
    }

    @Test
    @DisplayName("YAML: an alias bomb within the alias limit (2 aliases a level, 25 levels: 33 million values) is refused, not expanded")
    void aliasBombWithinTheLimit() {
        var text = new StringBuilder("model: bomb\nconformsTo: workflow\nl0: &l0 [x, x]\n");
        for (int level = 1; level <= 25; level++) {
            text.append("l").append(level).append(": &l").append(level).append(" [*l").append(level - 1).append(", *l").append(level - 1)
                    .append("]\n");
        }
        Problem problem = refused("bomb.yaml", text.toString());
        assertTrue(problem.message().contains("values"), problem.toString());
    }

    @Test
    @DisplayName("YAML: a key given twice is refused at its second line (SnakeYAML's compose takes the last one silently)")
    void keyGivenTwice() {
        Problem problem = refused("twice.yaml", "model: twice\nconformsTo: workflow\nvariables:\n  amount: 1\n  amount: 2\n");
        assertEquals(5, problem.line(), problem.toString());
        assertTrue(problem.message().contains("'amount' is given twice"), problem.toString());
    }

    @Test
    @DisplayName("durations too long to count (past 64 bits, past the milliseconds of a long) or past 100 years are problems, not defects")
    void durationsTooLong() {
        for (String timeout : List.of("99999999999999999999999d", "106751991167d", "PT2562047788015216H", "36526d")) {
            String text = "model: late\nconformsTo: workflow\nActivity:\n  start: {kind: start}\n  wait: {kind: receive, message: go, timeout: "
                    + timeout + "}\n  end: {kind: end}\nTransition:\n  t1: {source: start, target: wait}\n  t2: {source: wait, target: end}\n"
                    + "  t3: {source: wait, target: end, outcome: timeout}\n";
            List<Problem> problems = assertTimeoutPreemptively(QUICKLY, () -> service.validate("late.yaml", text));
            assertEquals(1, problems.size(), timeout + ": " + problems);
            assertTrue(problems.getFirst().line() == 5 && problems.getFirst().element().equals("wait.timeout"), problems.toString());
        }
    }

    @Test
    @DisplayName("YAML: nesting 5,000 deep")
    void deepYaml() {
        String text = "model: deep\nconformsTo: workflow\nvariables: {v: " + "[".repeat(5_000) + "]".repeat(5_000) + "}\n";
        Problem problem = refused("deep.yaml", text);
        assertEquals(3, problem.line(), problem.toString());
        assertTrue(problem.message().contains("nested more than"), problem.toString());
    }

    @Test
    @DisplayName("YAML and XML: a file larger than the limit is refused by its size, before it is parsed")
    void tooLarge() {
        String yaml = "model: huge\nconformsTo: workflow\nvariables:\n" + "  v: 1\n".repeat(400_000);
        assertTrue(refused("huge.yaml", yaml).message().contains("larger than"), "yaml");
        String xml = "<model model=\"huge\" conformsTo=\"workflow\">\n" + "<a/>\n".repeat(400_000) + "</model>\n";
        assertTrue(refused("huge.xml", xml).message().contains("larger than"), "xml");
    }

    @Test
    @DisplayName("XML: a billion-laughs DTD, an external DTD and an external entity are refused at the DOCTYPE's line, and nothing is read")
    void xmlDtds() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE model [
                  <!ENTITY a "hahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahahaha">
                  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
                  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
                ]>
                <model model="laughs" conformsTo="workflow" description="&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"/>
                """;
        Problem problem = refused("laughs.xml", laughs);
        assertEquals(2, problem.line(), problem.toString());
        assertTrue(problem.message().contains("DTD") && !problem.message().contains("http://apache.org"), problem.toString());
        assertEquals(1, refused("external.xml", """
                <!DOCTYPE model SYSTEM "file:///etc/passwd">
                <model model="x" conformsTo="workflow"/>
                """).line());
        assertEquals(2, refused("entity.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE model [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <model model="x" conformsTo="workflow">&secret;</model>
                """).line());
    }

    @Test
    @DisplayName("XML: nesting 100,000 deep is refused at the line where it passes the limit")
    void deepXml() {
        String text = "<model model=\"deep\" conformsTo=\"workflow\">\n<variables>\n" + "<v>\n".repeat(100_000) + "</v>".repeat(100_000)
                + "\n</variables>\n</model>\n";
        Problem problem = refused("deep.xml", text);
        assertTrue(problem.message().contains("nested more than") && problem.line() > 2 && problem.line() < 100, problem.toString());
    }
}
