package io.tilework.app.process;

import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.LogRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tilework process history INSTANCE}: the event log, or the state at a past time. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints the instance's log: one transaction per block — the event that caused it, then what changed. "
                + "With --at, the state every object had at that time instead.")
public final class ProcessHistoryCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "the instance's id")
    private String instance;

    @Option(names = "--at", paramLabel = "TIME", description = "an ISO-8601 instant, e.g. 2026-12-04T10:15:30Z")
    private String at;

    @Option(names = "--effects", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "list what each transaction changed (default: yes; --no-effects: the events only)")
    private boolean effects;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProcessService service = store.inspect()) {
            if (at != null) {
                Instant time;
                try {
                    time = Instant.parse(at);
                } catch (DateTimeParseException e) {
                    throw new io.tilework.app.failure.BadCommandLine("--at " + at + " is not an ISO-8601 instant such as 2026-12-04T10:15:30Z");
                }
                InstanceState state = service.stateAt(instance, time);
                if (state == null) {
                    out.println(instance + " did not exist at " + time);
                    return 0;
                }
                out.println(instance + " at " + time + ": " + state.state() + ", variables " + state.variables());
                for (RuntimeObject object : state.objects()) {
                    out.printf("  %-24s %-14s %s%n", object.id(), object.type(), object.state());
                }
                return 0;
            }
            for (LogRecord record : service.history(instance)) {
                out.println(record.time() + "  #" + record.transaction() + "  " + record.event() + " on " + record.object()
                        + (record.payload().isEmpty() ? "" : " " + record.payload()) + (record.status().equals("applied") ? "" : "  [" + record.status()
                        + (record.message() == null ? "" : ": " + record.message()) + "]"));
                if (effects) {
                    for (Effect effect : record.effects()) {
                        out.println("    " + describe(effect));
                    }
                }
            }
        }
        return 0;
    }

    private static String describe(Effect effect) {
        return switch (effect) {
            case Effect.Received r -> "event " + r.event() + " on " + r.object() + (r.payload().isEmpty() ? "" : " " + r.payload());
            case Effect.Created c -> "created " + c.type() + " " + c.object() + " (" + c.state() + ")";
            case Effect.StateChanged s -> s.object() + ": " + s.from() + " -> " + s.to();
            case Effect.AttributeSet a -> a.object() + "." + a.name() + " = " + a.value();
            case Effect.VariableSet v -> "variable " + v.name() + " = " + v.value();
            case Effect.Sent s -> "sent " + s.operation() + " to " + s.actor() + (s.to() == null ? "" : " " + s.to()) + " " + s.payload();
            case Effect.Scheduled s -> "timer " + s.event() + " on " + s.object() + " at " + Instant.ofEpochMilli(s.due());
            case Effect.Unscheduled u -> "timer cancelled: " + u.key();
            case Effect.Deferred d -> "waits: " + d.event().event() + " on " + d.event().object();
            case Effect.Undeferred u -> "taken up: waiting event " + u.index();
        };
    }
}
