package io.tilework.app.process;

import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.InstanceDocument;
import io.tilework.process.service.MapPath;
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

/**
 * {@code tilework process show INSTANCE}: its state, objects, variables, timers and undelivered
 * messages; for a map, where it stands and what may be chosen instead of the object table.
 */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows an instance: its state, the variables, waiting events, timers and undelivered outbox messages, and "
                + "every object with its state and runtime attributes.",
                "A map instance shows instead its current intention, the candidate sections (source -> target  by STRATEGY, "
                        + "with the strategy guideline's advice), the running sections (their work item or sub-map) and the "
                        + "intentions achieved; --explain adds the sections not offered now and why, --objects the object table."})
public final class ProcessShowCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "the instance's id")
    private String instance;

    @Option(names = "--json", description = "print it as JSON (every object, and the instance's sub-processes)")
    private boolean json;

    @Option(names = "--explain", description = "a map: also the sections leaving the current intention that are not offered, and why")
    private boolean explain;

    @Option(names = "--objects", description = "a map: also every object with its state and attributes (always shown for other instances)")
    private boolean objects;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProcessService service = store.inspect()) {
            var view = service.show(instance);
            InstanceState state = view.state();
            if (json) {
                out.println(Json.write(InstanceDocument.of(service, view)));
                return 0;
            }
            boolean map = MapPath.isMap(state);
            out.println(instance + ": " + state.state() + " (model " + view.summary().model() + "@" + view.summary().modelVersion()
                    + ", specification " + view.specification() + "@" + view.summary().specVersion()
                    + (map ? MapListing.parentOf(state) : state.parent() == null ? "" : ", sub-process of " + state.parent())
                    + ", started " + state.created() + ")");
            out.println("variables: " + state.variables());
            if (map) {
                new MapListing(service, view).print(out, explain);
            }
            if (!map || objects) {
                out.printf("%-24s %-14s %-10s %s%n", "OBJECT", "TYPE", "STATE", "ATTRIBUTES");
                for (RuntimeObject object : state.objects()) {
                    out.printf("%-24s %-14s %-10s %s%n", object.id(), object.type(), object.state(),
                            object.attributes().isEmpty() ? "" : object.attributes());
                }
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
