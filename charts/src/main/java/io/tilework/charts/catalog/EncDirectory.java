package io.tilework.charts.catalog;

import io.tilework.charts.failure.CellUnreadable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the cells of a folder tree: every base file {@code NAME.000} with the update files beside
 * it. An exchange set's {@code CATALOG.031} is read too, and a cell it lists that is not on disk
 * is reported; loose cells without a catalogue are found all the same.
 */
public final class EncDirectory {

    private static final Pattern CELL_FILE = Pattern.compile("(?i)([A-Z0-9]{3}[A-Z0-9_]{1,5})\\.(\\d{3})");

    /** The cells found, sorted by name, and the problems met on the way. */
    public record Listing(List<CellFiles> cells, List<CellProblem> problems, List<Path> catalogues) {
    }

    private EncDirectory() {
    }

    public static Listing scan(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "no such ENC folder");
        }
        var byName = new TreeMap<String, List<Path>>();
        var catalogues = new ArrayList<Path>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.equalsIgnoreCase("CATALOG.031")) {
                    catalogues.add(file);
                } else if (CELL_FILE.matcher(fileName).matches()) {
                    String name = fileName.substring(0, fileName.lastIndexOf('.')).toUpperCase(Locale.ROOT);
                    byName.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
                }
            }
        }
        var cells = new ArrayList<CellFiles>();
        var problems = new ArrayList<CellProblem>();
        byName.forEach((name, files) -> cell(name, files, problems).ifPresent(cells::add));
        for (Path catalogue : catalogues) {
            checkCatalogue(catalogue, byName, problems);
        }
        return new Listing(cells, problems, catalogues);
    }

    private static Optional<CellFiles> cell(String name, List<Path> files, List<CellProblem> problems) {
        var bases = files.stream().filter(f -> CellFiles.updateNumber(f) == 0).toList();
        if (bases.isEmpty()) {
            problems.add(new CellProblem(name, "catalog", "update files " + names(files) + " but no base cell " + name + ".000"));
            return Optional.empty();
        }
        if (bases.size() > 1) {
            problems.add(new CellProblem(name, "catalog", "base cell found more than once: " + bases + "; keep one"));
            return Optional.empty();
        }
        Path base = bases.getFirst();
        var updates = files.stream().filter(f -> CellFiles.updateNumber(f) > 0)
                .filter(f -> f.getParent().equals(base.getParent()))
                .sorted(Comparator.comparingInt(CellFiles::updateNumber)).toList();
        for (int i = 0; i < updates.size(); i++) {
            if (CellFiles.updateNumber(updates.get(i)) != i + 1) {
                problems.add(new CellProblem(name, "catalog", "update " + name + "." + String.format(Locale.ROOT, "%03d", i + 1)
                        + " is missing, so " + names(updates.subList(i, updates.size())) + " cannot apply; add it or remove the later ones"));
                return Optional.empty();
            }
        }
        try {
            UsageBand.ofCellName(name);
        } catch (CellUnreadable e) {
            problems.add(new CellProblem(name, "catalog", base + ": " + e.getMessage()));
            return Optional.empty();
        }
        return Optional.of(new CellFiles(name, base, updates));
    }

    private static void checkCatalogue(Path catalogue, Map<String, List<Path>> onDisk, List<CellProblem> problems) {
        try {
            for (Map<String, Map<String, String>> record : Iso8211.read(catalogue)) {
                Map<String, String> entry = record.get("CATD");
                if (entry == null || entry.get("FILE") == null) {
                    continue;
                }
                String file = entry.get("FILE").replace('\\', '/');
                String fileName = file.substring(file.lastIndexOf('/') + 1);
                if (!CELL_FILE.matcher(fileName).matches()) {
                    continue; // the catalogue itself, text and picture files
                }
                Path expected;
                try {
                    expected = catalogue.getParent().resolve(file);
                } catch (InvalidPathException e) {
                    problems.add(new CellProblem(catalogue.getFileName().toString(), "catalog", catalogue + " lists " + file
                            + ", which is not a path (a damaged catalogue); get the exchange set again"));
                    continue;
                }
                String name = fileName.substring(0, fileName.lastIndexOf('.')).toUpperCase(Locale.ROOT);
                if (!Files.exists(expected) && onDisk.getOrDefault(name, List.of()).stream()
                        .noneMatch(p -> p.getFileName().toString().equalsIgnoreCase(fileName))) {
                    problems.add(new CellProblem(name, "catalog", catalogue + " lists " + file + ", which is not on disk"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CellUnreadable e) {
            problems.add(new CellProblem(catalogue.getFileName().toString(), "catalog", e.getMessage()));
        }
    }

    private static String names(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList().toString();
    }
}
