package io.tilework.app;

import io.tilework.app.charts.ChartsCommand;
import io.tilework.app.failure.BadCommandLine;
import io.tilework.app.failure.DefectLog;
import io.tilework.app.failure.ExitCode;
import io.tilework.app.failure.UserError;
import io.tilework.app.info.InfoCommand;
import io.tilework.app.process.ProcessCommand;
import io.tilework.app.raster.RasterCommand;
import io.tilework.app.sales.SalesCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tilework} command line.
 *
 * {@snippet lang="shell" :
 * bin/tilework info ../shared/data/raster/RGB.byte.tif
 * bin/tilework info --json ../shared/data/s57/US5WA22M/US5WA22M.000
 * bin/tilework raster slope dem.tif slope.tif --cache cache/slope
 * bin/tilework sales report 'exports/2024-*.csv.gz' --out report
 * bin/tilework process deploy review.yaml && bin/tilework process start review
 * }
 *
 * <p>Every command ends with one of the {@link ExitCode}s: 0 done, 1 the input or request was
 * wrong (one line saying what, where and what to do), 2 the command line was wrong, 3 a defect
 * (one line naming the {@link DefectLog} that holds the stack trace; {@code --verbose} prints it).
 */
@Command(name = "tilework", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Cuts huge rasters, nautical charts and sales records into chunks, computes them in parallel, and runs durable process models.",
        subcommands = {InfoCommand.class, RasterCommand.class, SalesCommand.class, ChartsCommand.class, ProcessCommand.class,
                CommandLine.HelpCommand.class})
public final class Tilework {

    /** Inherited by every subcommand, so it may come anywhere on the line. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "print the stack trace of a failure (it always goes to the error log) and the engine's debug log lines")
    void verbose(boolean on) {
        verbose = on;
        if (on) {
            // Read when the first logger is made, which is after parsing: debug lines of this run reach stderr.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    private boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests; defects are logged to the user's {@link DefectLog#standard()}. */
    public static CommandLine commandLine() {
        return commandLine(DefectLog.standard());
    }

    /** The command line with defects logged to {@code log}. */
    public static CommandLine commandLine(DefectLog log) {
        var tilework = new Tilework();
        var command = new CommandLine(tilework);
        // An Error (a stack overflow, a linkage error) is a defect like any other, not a JVM crash dump.
        command.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (Error e) {
                throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), "failed: " + e, e);
            }
        });
        command.setExecutionExceptionHandler((e, failed, parsed) -> tilework.report(e, failed, parsed, log));
        command.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        withExitCodes(command);
        return command;
    }

    /** Every command's help ends with the same table of exit codes. */
    private static void withExitCodes(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.table());
        command.getSubcommands().values().forEach(Tilework::withExitCodes);
    }

    /** One line for the user; a defect's stack trace goes to the log, and to the terminal too with --verbose. */
    private int report(Exception e, CommandLine command, CommandLine.ParseResult parsed, DefectLog log) {
        Throwable failure = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
        var err = command.getErr();
        if (failure instanceof BadCommandLine usage) {
            err.println(command.getColorScheme().errorText("tilework: " + usage.getMessage()));
            err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        }
        Optional<String> userMessage = UserError.message(failure);
        if (userMessage.isPresent()) {
            err.println(command.getColorScheme().errorText("tilework: " + userMessage.get()));
            if (verbose) {
                failure.printStackTrace(err);
            }
            return ExitCode.USER_FAILURE;
        }
        String version = Tilework.class.getPackage().getImplementationVersion();
        Path logged = log.record(failure, parsed == null ? List.of() : parsed.originalArgs(),
                "tilework " + (version == null ? "(development build)" : version));
        // One line: a multi-line message (a parser's, with its position) keeps its first.
        String message = failure.getMessage() == null || failure.getMessage().isBlank() ? failure.toString()
                : failure.getMessage().lines().findFirst().orElse(failure.toString());
        err.println(command.getColorScheme().errorText("tilework: internal error: " + message + " ("
                + (logged == null ? "the error log could not be written; run again with --verbose" : "details in " + logged)
                + "; please report it)"));
        if (verbose) {
            failure.printStackTrace(err);
        }
        return ExitCode.DEFECT;
    }
}
