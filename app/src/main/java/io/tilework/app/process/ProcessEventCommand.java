package io.tilework.app.process;

import io.tilework.process.engine.Outcome;
import io.tilework.process.service.ProcessService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The commands that send an instance an external event, then run the engine until it settles. */
abstract class ProcessEventCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "the instance's id (tilework process list)")
    String instance;

    abstract Outcome send(ProcessService service);

    @Override
    public Integer call() throws Exception {
        try (ProcessService service = store.open()) {
            Outcome outcome = send(service);
            if (outcome.status() == Outcome.Status.APPLIED) {
                store.settle(service, spec.commandLine().getOut());
                return StoreOptions.ended(service, instance, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            if (outcome.status() == Outcome.Status.DEFERRED) {
                store.settle(service, spec.commandLine().getOut());
                outcome = new Outcome(outcome.instance(), outcome.status(), outcome.message(), service.engine().state(instance).state());
            }
            return StoreOptions.report(outcome, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Command(name = "signal", mixinStandardHelpOptions = true, description = "Sends signal NAME to the instance (workflow: completes the receive activities waiting for it).")
    static final class Signal extends ProcessEventCommand {
        @Parameters(index = "1", paramLabel = "NAME", description = "the signal")
        String name;

        @Option(names = "--var", paramLabel = "NAME=VALUE", description = "variables the signal sets (repeatable)")
        List<String> variables = List.of();

        @Override
        Outcome send(ProcessService service) {
            return service.signal(instance, name, StoreOptions.variables(variables));
        }
    }

    @Command(name = "choose", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Chooses candidate SECTION of a map: its guideline runs (a work item, a job, or a sub-map).",
                    "SECTION is a section's id or its strategy's name, when exactly one section of the instance has that strategy "
                            + "(among the candidates first); otherwise the sections that have it are listed."})
    static final class Choose extends ProcessEventCommand {
        @Parameters(index = "1", paramLabel = "SECTION", description = "a candidate section, or its strategy (tilework process show INSTANCE)")
        String section;

        @Option(names = "--by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
                description = "who chooses it, recorded with the achievement (default: the user's name, ${DEFAULT-VALUE})")
        String by;

        @Override
        Outcome send(ProcessService service) {
            String chosen = SectionChoice.resolve(service, instance, section);
            return service.send(instance, "choose", chosen, by == null || by.isBlank() ? Map.of() : Map.of("by", by));
        }
    }

    @Command(name = "complete", mixinStandardHelpOptions = true, description = "Completes work item WORK_ITEM, with the variables its work produced.")
    static final class Complete extends ProcessEventCommand {
        @Parameters(index = "1", paramLabel = "WORK_ITEM", description = "the work item's id, e.g. WorkItem-1 (tilework process inbox ACTOR)")
        String workItem;

        @Option(names = "--var", paramLabel = "NAME=VALUE", description = "variables the work produced (repeatable)")
        List<String> variables = List.of();

        @Override
        Outcome send(ProcessService service) {
            return service.complete(instance, workItem, StoreOptions.variables(variables));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels the instance: running jobs are cancelled, open work items withdrawn.")
    static final class Cancel extends ProcessEventCommand {
        @Override
        Outcome send(ProcessService service) {
            return service.cancel(instance);
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspends the instance: answers and timers wait until it is resumed.")
    static final class Suspend extends ProcessEventCommand {
        @Override
        Outcome send(ProcessService service) {
            return service.suspend(instance);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes a suspended instance; what waited is processed.")
    static final class Resume extends ProcessEventCommand {
        @Override
        Outcome send(ProcessService service) {
            return service.resume(instance);
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Sends any external event of the instance's specification (for events the other commands do not name).")
    static final class Send extends ProcessEventCommand {
        @Parameters(index = "1", paramLabel = "EVENT", description = "the event's name")
        String event;

        @Option(names = "--object", paramLabel = "OBJECT", description = "the object it is about (default: the instance's root)")
        String object;

        @Option(names = "--payload", paramLabel = "JSON", description = "its payload, a JSON object")
        String payload;

        @Override
        @SuppressWarnings("unchecked")
        Outcome send(ProcessService service) {
            Object fields = payload == null ? Map.of() : Json.read(payload, "--payload");
            if (!(fields instanceof Map)) {
                throw new io.tilework.app.failure.BadCommandLine("--payload must be a JSON object, e.g. '{\"name\": \"go\"}'");
            }
            return service.send(instance, event, object, (Map<String, Object>) fields);
        }
    }
}
