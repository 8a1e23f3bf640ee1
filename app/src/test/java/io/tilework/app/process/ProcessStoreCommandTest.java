package io.tilework.app.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.CommandRun;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework process store on SQLite files: init, migrate, check, copy, and their help")
class ProcessStoreCommandTest {

    private static final Path EXAMPLES = Path.of("..", "process", "examples");

    @TempDir
    Path temp;

    @Test
    @DisplayName("check of a missing file exits 1 saying to init; init creates it; check counts what a start left; copy to a new file")
    void onFiles() {
        String store = temp.resolve("process.db").toString();
        CommandRun missing = CommandRun.run("process", "store", "check", "--store", store);
        assertEquals(1, missing.exit(), missing.out());
        assertTrue(missing.err().contains("tilework process store init --store " + store), missing.err());

        CommandRun init = CommandRun.run("process", "store", "init", "--store", store);
        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().contains("created the schema, version 2"), init.out());
        CommandRun migrate = CommandRun.run("process", "store", "migrate", "--store", store);
        assertTrue(migrate.out().contains("current: nothing to do"), migrate.out());

        assertEquals(0, CommandRun.run("process", "deploy", EXAMPLES.resolve("review.yaml").toString(), "--store", store).exit());
        assertEquals(0, CommandRun.run("process", "start", "review", "--var", "amount=2500", "--store", store).exit());
        CommandRun check = CommandRun.run("process", "store", "check", "--store", store);
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().contains("schema version 2 (current)") && check.out().contains("instances      1 (running 1)"), check.out());

        String copy = temp.resolve("copy.db").toString();
        CommandRun copied = CommandRun.run("process", "store", "copy", "--from", store, "--to", copy);
        assertEquals(0, copied.exit(), copied.err());
        CommandRun listed = CommandRun.run("process", "list", "--store", copy);
        assertTrue(listed.out().contains("review-1"), listed.out());
        CommandRun same = CommandRun.run("process", "store", "copy", "--from", store, "--to", store);
        assertEquals(1, same.exit(), same.out());
    }

    @Test
    @DisplayName("the help names the URL form and where the password comes from")
    void help() {
        CommandRun help = CommandRun.run("process", "store", "--help");
        assertTrue(help.out().contains("init") && help.out().contains("migrate") && help.out().contains("check") && help.out().contains("copy"),
                help.out());
        CommandRun list = CommandRun.run("process", "list", "--help");
        assertTrue(list.out().contains("postgresql://HOST[:PORT]/DB[?user=NAME]") && list.out().contains("PGPASSWORD"), list.out());
        CommandRun serve = CommandRun.run("serve", "--help");
        assertTrue(serve.out().contains("postgresql://"), serve.out());
    }
}
