package io.tilework.app.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.catalog.CellInfo;
import io.tilework.charts.catalog.CellProblem;
import io.tilework.charts.catalog.EncDirectory;
import io.tilework.charts.failure.CellsFailed;
import io.tilework.charts.failure.ChartFailure;
import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.gdal.GdalException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import org.locationtech.jts.geom.Envelope;

/** {@code tilework charts catalog ENC_DIR}: every cell with its band, edition, update, scale and coverage. */
@Command(name = "catalog", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the S-57 cells under ENC_DIR (an exchange set with CATALOG.031, or loose cells), updates applied: "
                + "name, usage band, edition, update number, issue date, compilation scale, coverage and object count. "
                + "Exits 1 when a cell cannot be read, after listing the others.")
public final class ChartsCatalogCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENC_DIR", description = "folder of S-57 cells (searched recursively)")
    private Path encDir;

    @Option(names = "--json", description = "print the catalogue as JSON")
    private boolean json;

    /** One line of the catalogue: the cell's description or why it could not be read. */
    private record Entry(CellInfo info, CellProblem problem) {
    }

    @Override
    public Integer call() throws Exception {
        EncDirectory.Listing listing = EncDirectory.scan(encDir);
        var entries = new ArrayList<Entry>();
        try (Engine engine = Engine.builder().build()) {
            var tasks = new ArrayList<Task<Entry>>();
            for (CellFiles cell : listing.cells()) {
                tasks.add(Task.<Entry>builder(TaskKey.of("charts.catalog", 1, cell.baseFile().toString())).compute((inputs, cancel) -> {
                    try {
                        return new Entry(CellInfo.read(cell), null);
                    } catch (GdalException e) {
                        if (!e.causedByInput()) {
                            throw e; // a defect, not a problem of the cell
                        }
                        return new Entry(null, CellProblem.of(cell, "catalog", e.getMessage()));
                    } catch (ChartFailure e) {
                        return new Entry(null, CellProblem.of(cell, "catalog", e.getMessage()));
                    } catch (UncheckedIOException e) {
                        return new Entry(null, CellProblem.of(cell, "catalog", e.getCause().getMessage()));
                    }
                }));
            }
            try (ResultStream<Entry> results = engine.stream(tasks)) {
                results.forEachRemaining(entries::add);
            }
        }
        var problems = new ArrayList<>(listing.problems());
        entries.stream().filter(e -> e.problem() != null).forEach(e -> problems.add(e.problem()));
        List<CellInfo> cells = entries.stream().filter(e -> e.info() != null).map(Entry::info).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            var root = mapper.createObjectNode();
            var list = root.putArray("cells");
            for (CellInfo cell : cells) {
                var node = list.addObject();
                node.put("name", cell.name()).put("band", cell.band().number()).put("bandName", cell.band().toString())
                        .put("edition", cell.edition()).put("update", cell.updateNumber()).put("issueDate", cell.issueDate())
                        .put("compilationScale", cell.compilationScale()).put("objects", cell.features());
                if (cell.coverage().isNull()) {
                    node.putNull("coverage"); // no object has a position
                } else {
                    var coverage = node.putArray("coverage");
                    coverage.add(cell.coverage().getMinX()).add(cell.coverage().getMinY()).add(cell.coverage().getMaxX()).add(cell.coverage().getMaxY());
                }
            }
            var failed = root.putArray("problems");
            problems.forEach(p -> failed.addObject().put("cell", p.cell()).put("message", p.message()));
            out.println(mapper.writeValueAsString(root));
        } else {
            out.printf(Locale.ROOT, "%-10s %-9s %4s %6s %-8s %10s %8s  %s%n", "cell", "band", "ed.", "update", "issued", "scale", "objects",
                    "coverage (lon/lat: west,south,east,north)");
            for (CellInfo cell : cells) {
                Envelope coverage = cell.coverage();
                out.printf(Locale.ROOT, "%-10s %d %-7s %4d %6d %-8s %10s %8d  %s%n", cell.name(), cell.band().number(),
                        cell.band(), cell.edition(), cell.updateNumber(), CellProblem.oneLine(cell.issueDate()),
                        cell.compilationScale() == 0 ? "-" : "1:" + cell.compilationScale(), cell.features(), coverage.isNull()
                                ? "none (no object has a position)" : String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f",
                                coverage.getMinX(), coverage.getMinY(), coverage.getMaxX(), coverage.getMaxY()));
            }
            out.printf(Locale.ROOT, "%d cell(s)%s%n", cells.size(), problems.isEmpty() ? "" : ", " + problems.size() + " problem(s):");
            problems.forEach(p -> out.println("  " + p.cell() + ": " + p.message()));
        }
        if (!problems.isEmpty()) {
            // the listing above is the command's output; the one line of error says that some of it is missing, and why
            throw new CellsFailed(cells.size() + " cell(s) catalogued, " + problems.size() + (problems.size() == 1 ? " problem" : " problems"),
                    problems);
        }
        return 0;
    }
}
