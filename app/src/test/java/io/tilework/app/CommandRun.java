package io.tilework.app;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code tilework} command line in this JVM: its exit code and what it printed. */
public record CommandRun(int exit, String out, String err) {

    public static CommandRun run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine command = Tilework.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
