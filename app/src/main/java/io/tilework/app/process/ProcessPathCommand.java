package io.tilework.app.process;

import io.tilework.app.failure.RequestFailure;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.service.MapPath;
import io.tilework.process.service.ProcessService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tilework process path INSTANCE}: the route a map instance took, refinements nested. */
@Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the route a map instance took: Start -> ... -> the current intention (or Stop), each step with "
                + "the intention achieved, the strategy and section that achieved it, who chose it, when, and the time its "
                + "guideline took; a section refined by a sub-map has the sub-map's path indented under it."})
public final class ProcessPathCommand implements Callable<Integer> {

    private static final String INDENT = "     ";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "a map instance's id (tilework process list)")
    private String instance;

    @Option(names = "--json", description = "print it as JSON: a list of steps, a refinement's steps under 'refinement'")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProcessService service = store.inspect()) {
            service.show(instance); // an unknown instance fails here, with the instances there are
            InstanceState state = service.engine().state(instance);
            if (!MapPath.isMap(state)) {
                throw new RequestFailure(instance + " is not a map instance (model " + state.model() + ", a " + state.root().type()
                        + "): a path is the route of a map; see this instance with 'tilework process history " + instance + "'");
            }
            MapPath path = MapPath.of(service.engine(), instance);
            if (json) {
                out.println(Json.write(path.document()));
                return 0;
            }
            out.println(instance + ": " + path.route() + " (" + path.state()
                    + (path.parent() == null ? "" : ", refinement of section " + path.parentSection() + " of " + path.parent()) + ")");
            print(out, path, "  ");
        }
        return 0;
    }

    private static void print(PrintWriter out, MapPath path, String indent) {
        for (MapPath.Step step : path.steps()) {
            out.println(indent + line(step));
            if (step.refinement() != null) {
                MapPath sub = step.refinement();
                out.println(indent + INDENT + "refined by " + sub.instance() + " (" + sub.state() + "): " + sub.route());
                print(out, sub, indent + INDENT);
            }
        }
    }

    /** {@code 2. Elicit a goal  by template (s1), chosen by alice at 2026-...Z, 1.2 s}. */
    private static String line(MapPath.Step step) {
        if (step.section() == null) {
            return step.step() + ". " + step.intention() + (step.achievedAt() == null ? "" : "  started at " + step.achievedAt());
        }
        return step.step() + ". " + step.intention() + "  " + MapListing.by(step.strategy()) + " (" + step.section() + ")"
                + (step.chosenBy() == null ? "" : ", chosen by " + step.chosenBy())
                + (step.chosenAt() == null ? "" : " at " + step.chosenAt())
                + (step.spent() == null ? "" : ", " + MapPath.words(step.spent()));
    }
}
