package io.tilework.app;

import io.tilework.app.failure.RequestFailure;
import io.tilework.app.failure.UserError;
import io.tilework.engine.Engine;
import io.tilework.server.report.RunRecorder;
import io.tilework.server.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --report FILE.html} of the job commands: records the run's engine and writes its report
 * (see {@link RunReport}) when the run ends, whether it succeeded, failed or was interrupted
 * (Ctrl-C): a failed run is when the report is most needed.
 *
 * {@snippet :
 * Engine.Builder engine = report.record("sales report " + out, Engine.builder());
 * return report.around(spec.commandLine(), () -> run(engine));
 * }
 */
public final class RunReportOption {

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "write a report of this run to FILE.html: task stream, pools over time, flows, slowest chunks, cache use "
                    + "and failures, one page that opens offline (written also when the run fails)")
    private Path file;

    private RunRecorder recorder;
    private final AtomicBoolean written = new AtomicBoolean();

    /** The run's work, which may throw what the command throws. */
    @FunctionalInterface
    public interface Run<T> {
        T run() throws Exception;
    }

    /** Whether --report was given. */
    public boolean given() {
        return file != null;
    }

    /**
     * Records {@code engine}'s run when --report was given (once: a second engine of the same run,
     * such as a process kernel built again, is recorded by the same recorder); returns {@code engine}.
     */
    public synchronized Engine.Builder record(String title, Engine.Builder engine) {
        if (file != null) {
            start(title);
            engine.listener(recorder);
        }
        return engine;
    }

    /**
     * Starts the recording now, for a command whose engine is built later or maybe not at all
     * ({@code process run}): its report is written even if no job ran.
     */
    public synchronized void start(String title) {
        if (file != null && recorder == null) {
            recorder = new RunRecorder(title);
        }
    }

    /**
     * Runs {@code work}, then writes the report (when --report was given and an engine was recorded)
     * and prints "report: FILE". A report that cannot be written fails a run that succeeded; a run
     * that failed keeps its own failure, and the report's is added to it. Interrupted by Ctrl-C, the
     * report is written as the JVM stops, with the outcome "cancelled".
     */
    public <T> T around(CommandLine command, Run<T> work) throws Exception {
        if (file == null) {
            return work.run();
        }
        Thread onExit = new Thread(() -> {
            try {
                write(command, "cancelled");
            } catch (RuntimeException notWritten) {
                command.getErr().println("tilework: " + notWritten.getMessage());
            }
        }, "tilework-report-on-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
        T value;
        try {
            value = work.run();
        } catch (Exception | Error e) {
            forget(onExit);
            try {
                write(command, outcome(e));
            } catch (RuntimeException notWritten) {
                e.addSuppressed(notWritten);
                command.getErr().println("tilework: " + notWritten.getMessage());
            }
            throw e;
        }
        forget(onExit);
        write(command, "succeeded");
        return value;
    }

    private static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the JVM is stopping: the hook writes the report
        }
    }

    /** Ends the recording and writes the page, once. */
    private void write(CommandLine command, String outcome) {
        RunRecorder recording;
        synchronized (this) {
            recording = recorder;
        }
        if (recording == null || !written.compareAndSet(false, true)) {
            return; // the command failed before it built an engine, or the report is written already
        }
        recording.finish(outcome);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            RunReport.write(recording.snapshot(), file);
        } catch (IOException e) {
            throw new RequestFailure("the report " + file + " was not written: "
                    + UserError.message(e).orElse(e.toString()) + "; give --report a path that can be written");
        }
        PrintWriter out = command.getOut();
        out.println("report: " + file);
        out.flush();
    }

    private static String outcome(Throwable failure) {
        if (failure instanceof InterruptedException || failure instanceof CancellationException) {
            return "cancelled";
        }
        String message = UserError.message(failure).orElse(failure.toString());
        int newline = message.indexOf('\n');
        return "failed: " + (newline < 0 ? message : message.substring(0, newline));
    }
}
