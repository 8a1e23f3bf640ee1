package io.tilework.app.process;

import io.tilework.process.service.ProcessService;
import io.tilework.process.store.InstanceSummary;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tilework process list}: the instances in the store. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false, description = "Lists the instances: id, model and version, state, started, last change.")
public final class ProcessListCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--state", paramLabel = "STATE", description = "only instances in this state (e.g. running)")
    private String state;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProcessService service = store.inspect()) {
            var instances = service.list().stream().filter(i -> state == null || i.state().equals(state)).toList();
            if (instances.isEmpty()) {
                out.println("no instances" + (state == null ? "" : " in state " + state));
                return 0;
            }
            out.printf("%-28s %-24s %-10s %-24s %s%n", "INSTANCE", "MODEL", "STATE", "STARTED", "CHANGED");
            for (InstanceSummary instance : instances) {
                out.printf("%-28s %-24s %-10s %-24s %s%n", instance.id(), instance.model() + "@" + instance.modelVersion(), instance.state(),
                        instance.created(), instance.updated());
            }
        }
        return 0;
    }
}
