package io.tilework.app.process;

import io.tilework.app.failure.ExitCode;
import io.tilework.process.failure.DefinitionInvalid;
import io.tilework.process.service.ProcessService;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tilework process deploy FILE...}: specifications and models into the store. */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Validates and deploys behaviour specifications and models, in the order given (a specification before "
                + "the models that conform to it); models given together see each other (a sub-map named by a map). A specification or model deployed again becomes its next version; running instances keep theirs.")
public final class ProcessDeployCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML or XML files")
    private List<Path> files;

    @Override
    public Integer call() throws Exception {
        // Read first, deployed together: a model's constraints see the models of the other files, whatever their order.
        var documents = new java.util.ArrayList<ProcessService.Document>();
        for (Path file : files) {
            documents.add(new ProcessService.Document(file.toString(), DocumentFile.read(file)));
        }
        try (ProcessService service = store.open()) {
            for (ProcessService.Document document : documents) {
                Path file = Path.of(document.file());
                ProcessService.Deployed deployed;
                try {
                    deployed = service.deploy(document.file(), document.text(), documents);
                } catch (DefinitionInvalid invalid) {
                    // Every problem on a line of its own, like validate; the error line says the first and that nothing was deployed.
                    invalid.problems().forEach(spec.commandLine().getOut()::println);
                    spec.commandLine().getErr().println("tilework: " + ProcessValidateCommand.summary(invalid.problems())
                            + "; " + file + " was not deployed");
                    return ExitCode.USER_FAILURE;
                }
                spec.commandLine().getOut().println("deployed " + deployed.kind() + " " + deployed.name() + " version "
                        + deployed.version() + " to " + store.describe());
            }
        }
        return 0;
    }
}
