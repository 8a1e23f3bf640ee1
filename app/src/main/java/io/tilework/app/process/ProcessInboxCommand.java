package io.tilework.app.process;

import io.tilework.process.service.ProcessService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tilework process inbox ACTOR}: the notifications delivered to a participant. */
@Command(name = "inbox", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the notifications delivered to ACTOR (e.g. a participant's id), each with the current state of the "
                + "work item it is about.")
public final class ProcessInboxCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Parameters(index = "0", paramLabel = "ACTOR", description = "who")
    private String actor;

    @Option(names = "--open", description = "only notifications whose work item is still offered")
    private boolean open;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProcessService service = store.inspect()) {
            var items = service.inbox(actor).stream().filter(i -> !open || "offered".equals(i.objectState())).toList();
            if (items.isEmpty()) {
                out.println("nothing for " + actor);
                return 0;
            }
            out.printf("%-28s %-16s %-10s %-24s %s%n", "INSTANCE", "OBJECT", "STATE", "RECEIVED", "MESSAGE");
            for (var item : items) {
                out.printf("%-28s %-16s %-10s %-24s %s%n", item.entry().instance(), item.entry().object(), item.objectState(),
                        item.entry().created(), item.entry().message());
            }
        }
        return 0;
    }
}
