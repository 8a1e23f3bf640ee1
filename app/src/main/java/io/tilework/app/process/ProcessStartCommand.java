package io.tilework.app.process;

import io.tilework.process.engine.Outcome;
import io.tilework.process.service.ProcessService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tilework process start MODEL}: a new instance. */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts an instance of the newest version of MODEL and runs it until it waits (for a person, a timer or a "
                + "choice) or ends. Prints the instance's id and state.")
public final class ProcessStartCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a deployed model's name")
    private String model;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "an instance variable (repeatable); numbers, true/false and JSON keep their type")
    private List<String> variables = List.of();

    @Override
    public Integer call() throws Exception {
        try (ProcessService service = store.open()) {
            var outcome = service.start(model, StoreOptions.variables(variables));
            if (outcome.status() != Outcome.Status.APPLIED) {
                return StoreOptions.report(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            store.settle(service, spec.commandLine().getOut());
            return StoreOptions.ended(service, outcome.instance(), spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
