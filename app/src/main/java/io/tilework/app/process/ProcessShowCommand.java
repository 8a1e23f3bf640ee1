package io.tilework.app.process;

import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.InstanceDocument;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.OutboxEntry;
import io.tilework.process.store.TimerEntry;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tilework process show INSTANCE}: its state, objects, variables, timers and undelivered messages. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Shows an instance: its state, every object with its state and runtime attributes, the variables, "
                + "waiting events, timers and undelivered outbox messages.")
public final class ProcessShowCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "the instance's id")
    private String instance;

    @Option(names = "--json", description = "print it as JSON")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProcessService service = store.inspect()) {
            var view = service.show(instance);
            InstanceState state = view.state();
            if (json) {
                out.println(Json.write(InstanceDocument.of(view)));
                return 0;
            }
            out.println(instance + ": " + state.state() + " (model " + view.summary().model() + "@" + view.summary().modelVersion()
                    + ", specification " + view.specification() + "@" + view.summary().specVersion()
                    + (state.parent() == null ? "" : ", sub-process of " + state.parent()) + ", started " + state.created() + ")");
            out.println("variables: " + state.variables());
            out.printf("%-24s %-14s %-10s %s%n", "OBJECT", "TYPE", "STATE", "ATTRIBUTES");
            for (RuntimeObject object : state.objects()) {
                out.printf("%-24s %-14s %-10s %s%n", object.id(), object.type(), object.state(), object.attributes().isEmpty() ? "" : object.attributes());
            }
            state.deferred().forEach(e -> out.println("waiting: " + e.event() + " on " + e.object() + " " + e.payload()));
            for (TimerEntry timer : view.timers()) {
                out.println("timer: " + timer.event() + " on " + timer.object() + " at " + Instant.ofEpochMilli(timer.due()));
            }
            for (OutboxEntry entry : view.undelivered()) {
                out.println("undelivered: " + entry.operation() + " to " + entry.actor() + (entry.recipient() == null ? "" : " " + entry.recipient())
                        + " (" + entry.key() + ")");
            }
        }
        return 0;
    }
}
