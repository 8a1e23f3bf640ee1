package io.tilework.app;

import io.tilework.app.failure.DefectLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** One run of the {@code tilework} command line in this JVM: its exit code and what it printed. */
public record CommandRun(int exit, String out, String err) {

    /** Where the tests' defects are logged: the module's build folder, not the user's state folder. */
    public static final DefectLog TEST_LOG = new DefectLog(Path.of("target", "tilework-error.log"));

    public static CommandRun run(String... args) {
        return run(TEST_LOG, args);
    }

    public static CommandRun run(DefectLog log, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine command = Tilework.commandLine(log);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
