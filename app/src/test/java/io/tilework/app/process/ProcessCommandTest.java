package io.tilework.app.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework process: the commands on the examples of process/README.md")
class ProcessCommandTest {

    private static final Path EXAMPLES = Path.of("..", "process", "examples");

    @TempDir
    Path temp;

    private CommandRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--store";
        all[args.length + 1] = temp.resolve("store.db").toString();
        return CommandRun.run(all);
    }

    @Test
    @DisplayName("validate, deploy, start, inbox, complete, show, history, list on the review workflow")
    void workflowFromTheCommandLine() {
        String review = EXAMPLES.resolve("review.yaml").toString();
        assertEquals(0, run("process", "validate", review).exit());
        var deployed = run("process", "deploy", review);
        assertTrue(deployed.out().contains("deployed model review version 1"), deployed.out() + deployed.err());
        var started = run("process", "start", "review", "--var", "amount=2500");
        assertEquals(0, started.exit(), started.err());
        assertTrue(started.out().contains("review-1: running"), started.out());
        var inbox = run("process", "inbox", "alice", "--open");
        assertTrue(inbox.out().contains("WorkItem-1") && inbox.out().contains("offered"), inbox.out());
        var completed = run("process", "complete", "review-1", "WorkItem-1", "--var", "ok=true");
        assertEquals(0, completed.exit(), completed.err());
        assertTrue(completed.out().contains("review-1: completed"), completed.out());
        var shown = run("process", "show", "review-1");
        assertAll(
                () -> assertTrue(shown.out().contains("review-1: completed"), shown.out()),
                () -> assertTrue(shown.out().contains("ok=true") && shown.out().contains("amount=2500"), shown.out()),
                () -> assertTrue(shown.out().matches("(?s).*approve\\s+Activity\\s+completed.*"), shown.out()));
        var history = run("process", "history", "review-1");
        assertTrue(history.out().contains("#1  start on review") && history.out().contains("complete on WorkItem-1")
                && history.out().contains("approve: waiting -> completed"), history.out());
        var json = run("process", "show", "review-1", "--json");
        assertTrue(json.out().contains("\"state\" : \"completed\""), json.out());
        assertTrue(run("process", "list", "--state", "completed").out().contains("review-1"));
    }

    @Test
    @DisplayName("a map: the walk of process/README.md — candidates with the SSG's word, a choice by strategy, Stop refused while work is open, the path")
    void mapFromTheCommandLine() {
        run("process", "deploy", EXAMPLES.resolve("study.yaml").toString());
        assertEquals(0, run("process", "start", "study").exit());
        var shown = run("process", "show", "study-1");
        assertTrue(shown.out().contains("  collectByHand  Start -> Collect  by manual  [advice: the extraction job can be run again]"), shown.out());
        assertTrue(shown.out().contains("  collectByJob  Start -> Collect  by extraction  [recommended: the extraction job can be run again]"), shown.out());
        var wrong = run("process", "choose", "study-1", "finish");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("finish is not a candidate: it leaves Analyse, the current intention is Start"), wrong.err());
        var byStrategy = run("process", "choose", "study-1", "extraction");
        assertEquals(0, byStrategy.exit(), byStrategy.err());
        assertTrue(run("process", "show", "study-1", "--objects").out().matches("(?s).*Collect\\s+Intention\\s+achieved.*"));
        var collected = run("process", "show", "study-1", "--explain");
        assertTrue(collected.out().contains("current intention: Collect — collect the data"), collected.out());
        assertTrue(collected.out().contains("  analyse  Collect -> Analyse  by manual\n"), collected.out());
        assertEquals(0, run("process", "choose", "study-1", "analyse", "--by", "ana").exit());
        var stopWhileOpen = run("process", "choose", "study-1", "shortCut");
        assertEquals(1, stopWhileOpen.exit());
        assertTrue(stopWhileOpen.err().contains("shortCut is not a candidate: Stop is reached only when nothing runs: work item WorkItem-3 of analyse is open"),
                stopWhileOpen.err());
        assertEquals(0, run("process", "complete", "study-1", "WorkItem-3", "--var", "verdict=ok").exit());
        assertEquals(0, run("process", "choose", "study-1", "finish").exit());
        assertEquals(0, run("process", "complete", "study-1", "WorkItem-5").exit());
        var path = run("process", "path", "study-1").out().lines().toList();
        assertEquals("study-1: Start -> Collect -> Analyse -> Stop (completed)", path.getFirst(), String.join("\n", path));
        assertTrue(path.get(2).startsWith("  1. Collect  by extraction (collectByJob), chosen by "), path.get(2));
        assertTrue(path.get(3).startsWith("  2. Analyse  by manual (analyse), chosen by ana at "), path.get(3));
        assertTrue(path.get(4).startsWith("  3. Stop  by summary (finish), chosen by "), path.get(4));
        assertEquals(1, run("process", "choose", "study-1", "finish").exit(), "a choice sent to the completed map");
    }

    @Test
    @DisplayName("bad input says what and where: a model with problems, an unknown instance, a malformed variable")
    void errors() throws Exception {
        Path broken = temp.resolve("broken.yaml");
        Files.writeString(broken, "model: broken\nconformsTo: workflow\nActivity:\n  start: {kind: begin}\n");
        var invalid = run("process", "validate", broken.toString());
        assertEquals(1, invalid.exit());
        assertTrue(invalid.out().contains("broken.yaml:4: start.kind: 'begin' is not one of"), invalid.out());
        var deploy = run("process", "deploy", broken.toString());
        assertEquals(1, deploy.exit());
        assertTrue(deploy.err().contains("broken.yaml:4"), deploy.err());
        run("process", "deploy", EXAMPLES.resolve("review.yaml").toString());
        var unknown = run("process", "cancel", "review-99");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no instance 'review-99'"), unknown.err());
        var badVariable = run("process", "start", "review", "--var", "amount");
        assertEquals(2, badVariable.exit(), "a malformed option is a wrong command line");
        assertTrue(badVariable.err().contains("expected NAME=VALUE"), badVariable.err());
        // Numbers the store cannot keep as they are are refused, not wrapped round or turned into text when read back.
        var tooBig = run("process", "start", "review", "--var", "amount=[99999999999999999999999]");
        assertEquals(2, tooBig.exit(), tooBig.err());
        assertTrue(tooBig.err().contains("--var amount=") && tooBig.err().contains("64 bits"), tooBig.err());
        var infinite = run("process", "start", "review", "--var", "amount={\"a\": 1e999}");
        assertEquals(2, infinite.exit(), infinite.err());
        assertTrue(infinite.err().contains("--var amount=") && infinite.err().contains("finite"), infinite.err());
        var control = run("process", "start", "review", "--var", "amount=[1$\u00a0\u0012\u0000]");
        assertEquals(2, control.exit(), control.err());
        assertTrue(control.err().lines().findFirst().orElseThrow().chars().allMatch(c -> c >= 0x20), "escaped: " + control.err());
    }

    /** Exit 1 with exactly one line on the error stream, which starts with "tilework: " and contains {@code expected}; never a defect. */
    private static void oneLine(CommandRun run, String expected) {
        assertEquals(1, run.exit(), run.out() + run.err());
        String err = run.err().strip();
        assertAll(
                () -> assertTrue(err.startsWith("tilework: ") && err.contains(expected), err),
                () -> assertEquals(1, err.lines().count(), "one line: " + err),
                () -> assertTrue(err.length() < 600 && !err.contains("unexpected") && !err.contains("Exception"), err));
    }

    @Test
    @DisplayName("models past the YAML limits, with a DTD, too large or not text: FILE:LINE on one line, exit 1, from validate and deploy")
    void hostileModels() throws Exception {
        Path deep = temp.resolve("deep.yaml");
        Files.writeString(deep, "model: deep\nconformsTo: workflow\nvariables: {v: " + "[".repeat(5_000) + "]".repeat(5_000) + "}\n");
        var validated = run("process", "validate", deep.toString());
        assertEquals(1, validated.exit(), validated.err());
        assertTrue(validated.out().contains(deep + ":3: lists and mappings nested more than 50 levels deep"), validated.out());
        oneLine(run("process", "deploy", deep.toString()), deep + ":3: ");

        Path aliases = temp.resolve("aliases.yaml");
        Files.writeString(aliases, "model: aliases\nconformsTo: workflow\nvariables:\n  v: &v [1]\n  w: [" + "*v, ".repeat(60) + "*v]\n");
        oneLine(run("process", "deploy", aliases.toString()), aliases + ":5: more than 50 aliases");

        Path laughs = temp.resolve("laughs.xml");
        Files.writeString(laughs, "<?xml version=\"1.0\"?>\n<!DOCTYPE model [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n"
                + "<model model=\"laughs\" conformsTo=\"workflow\" description=\"&b;\"/>\n");
        oneLine(run("process", "deploy", laughs.toString()), laughs + ":2: a DTD");

        Path huge = temp.resolve("huge.yaml");
        Files.writeString(huge, "model: huge\nconformsTo: workflow\n" + "# padding\n".repeat(200_000));
        oneLine(run("process", "validate", huge.toString()), huge + ": 2,000,033 bytes, larger than 1 MiB");
        oneLine(run("process", "deploy", huge.toString()), "larger than 1 MiB");

        oneLine(run("process", "validate", temp.toString()), temp + ": not a file (a folder)");
        oneLine(run("process", "deploy", "/dev/zero"), "/dev/zero: not a file (a device or pipe)");

        Path binary = temp.resolve("binary.yaml");
        Files.write(binary, new byte[] {'m', 'o', 'd', 'e', 'l', ':', ' ', 'x', '\n', (byte) 0xC3, '(', 0x7F});
        oneLine(run("process", "validate", binary.toString()), binary + ":2: not a text file: byte 0xc3");
        Files.write(binary, new byte[] {'m', ':', 0, 1, 2});
        oneLine(run("process", "deploy", binary.toString()), binary + ":1: not a text file: a NUL byte at byte offset 2");
    }

    @Test
    @DisplayName("a condition that fails while running fails the instance with MODEL:LINE, exit 1, no retry; validate tells the unknown variable")
    void failingCondition() throws Exception {
        String review = EXAMPLES.resolve("review.yaml").toString();
        run("process", "deploy", review);
        var started = run("process", "start", "review", "--var", "amount=[2500]");
        oneLine(started, "review-1 failed: review.yaml:22: transition large: condition 'amount > 1000' failed: ");
        assertTrue(started.out().contains("review-1: failed"), started.out());
        var history = run("process", "history", "review-1");
        assertTrue(!history.out().contains("retrying") && !history.out().contains("rejected"), history.out());

        Path typo = temp.resolve("typo.yaml");
        Files.writeString(typo, Files.readString(EXAMPLES.resolve("review.yaml")).replace("amount > 1000", "amont > 1000"));
        var validated = run("process", "validate", typo.toString());
        assertEquals(1, validated.exit());
        assertTrue(validated.out().contains(typo + ":22: large.condition: variable 'amont' is not one of the model's variables [amount]"),
                validated.out());
        oneLine(run("process", "deploy", typo.toString()), typo + ":22: large.condition: variable 'amont'");
    }
}
