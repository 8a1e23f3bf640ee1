package io.tilework.app.process;

import io.tilework.process.runtime.Effect;
import io.tilework.process.service.ProcessService;
import io.tilework.process.yaml.Scalars;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import io.tilework.app.RunReportOption;
import io.tilework.app.cluster.ClusterOptions;
import io.tilework.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tilework process run}: the engine, serving timers, retries and deliveries until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the engine on the store — timers fire, retries and deliveries go out — printing each committed "
                + "transaction, until Ctrl-C or --for has passed. Other commands that change instances wait for it to stop.")
public final class ProcessRunCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--for", paramLabel = "DURATION", description = "stop after this long (e.g. 30s); default: until Ctrl-C")
    private String duration;

    @Option(names = "--until-idle", description = "stop when nothing is left to do: no work in flight and no timer set")
    private boolean untilIdle;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private RunReportOption report;

    @Override
    public Integer call() throws Exception {
        cluster.check();
        PrintWriter out = spec.commandLine().getOut();
        Duration limit = duration == null ? null : Scalars.duration(duration);
        if (duration != null && limit == null) {
            throw new io.tilework.app.failure.BadCommandLine("--for " + duration + " is not a duration (e.g. 30s, 10m)");
        }
        // with --cluster the jobs' chunks go to the workers; the kernel (and this member) start with the first job;
        // --report records that kernel: the report covers every job this run ran
        String title = "process run " + (store.location() instanceof io.tilework.process.store.StoreLocation.SqliteFile(java.nio.file.Path file)
                ? file.getFileName().toString() : store.describe());
        Supplier<Engine.Builder> kernel = cluster.given()
                ? () -> Engine.builder().pool(cluster.coordinator(title, null, null))
                : Engine::builder;
        report.start(title);
        return report.around(spec.commandLine(), () -> serve(() -> report.record(title, kernel.get()), out, limit));
    }

    private int serve(Supplier<Engine.Builder> kernel, PrintWriter out, Duration limit) throws InterruptedException {
        try (ProcessService service = store.open(kernel)) {
            service.engine().subscribe(record -> {
                var changes = record.effects().stream().filter(e -> e instanceof Effect.StateChanged).map(e -> {
                    var change = (Effect.StateChanged) e;
                    return change.object() + " " + change.to();
                }).toList();
                out.println(record.time() + "  " + record.instance() + "  " + record.event() + " on " + record.object()
                        + (changes.isEmpty() ? "" : "  -> " + String.join(", ", changes)));
                out.flush();
            });
            out.println("running on " + store.describe() + (limit == null ? " until Ctrl-C" : " for " + duration));
            out.flush();
            long end = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < end) {
                if (untilIdle && service.awaitQuiescence(Duration.ofMillis(200)) && service.engine().pendingTimers() == 0) {
                    out.println("idle: nothing in flight and no timer set");
                    break;
                }
                Thread.sleep(untilIdle ? 50 : 200);
            }
        }
        return 0;
    }
}
