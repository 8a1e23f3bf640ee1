package io.tilework.app.process;

import io.tilework.process.spec.Problem;
import io.tilework.process.yaml.Excerpt;
import io.tilework.process.service.ProcessService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tilework process validate FILE...}: every problem of specifications and models, with file and line. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Checks behaviour specifications (files with 'metamodel:') and models (files with 'conformsTo:') against the "
                + "shipped packs and what the store has deployed; models given together see each other (a sub-map named by a map). "
                + "Lists every problem as FILE:LINE: ELEMENT: MESSAGE. Exits 1 if any.")
public final class ProcessValidateCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML or XML files")
    private List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var problems = new java.util.ArrayList<Problem>();
        // With no store there is nothing deployed to look up: the shipped packs are enough, and no engine need run.
        // The files are checked together: a map refined into a map of another file finds it, whatever their order.
        var documents = new java.util.ArrayList<ProcessService.Document>();
        for (Path file : files) {
            documents.add(new ProcessService.Document(file.toString(), DocumentFile.read(file)));
        }
        try (ProcessService service = store.exists() ? store.inspect() : null) {
            for (ProcessService.Document document : documents) {
                Path file = Path.of(document.file());
                List<Problem> found = service == null ? ProcessService.validateAgainstPacks(document.file(), document.text(), documents)
                        : service.validate(document.file(), document.text(), documents);
                found.forEach(out::println);
                if (found.isEmpty()) {
                    out.println(file + ": valid");
                }
                problems.addAll(found);
            }
        }
        if (!problems.isEmpty()) {
            spec.commandLine().getErr().println("tilework: " + summary(problems));
            return 1;
        }
        return 0;
    }

    /** "3 problems (listed above), the first: FILE:LINE: ELEMENT: MESSAGE": one line that names the place to start. */
    static String summary(List<Problem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems (listed above), the first") + ": "
                + Excerpt.of(problems.getFirst().toString(), Excerpt.LINE + 150);
    }
}
