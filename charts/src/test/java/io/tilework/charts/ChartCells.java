package io.tilework.charts;

import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.catalog.EncDirectory;
import io.tilework.testkit.TestData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared S-57 cells, found the way the chain finds them. */
public final class ChartCells {

    private ChartCells() {
    }

    public static Path root() {
        return TestData.s57("");
    }

    public static List<CellFiles> all() {
        try {
            return EncDirectory.scan(root()).cells();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CellFiles cell(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no shared cell " + name + " under " + root()));
    }

    /** Copies cells (base and updates) into {@code folder}, which becomes a small ENC folder. */
    public static Path copy(Path folder, String... names) throws IOException {
        for (String name : names) {
            CellFiles cell = cell(name);
            Path into = Files.createDirectories(folder.resolve(name));
            Files.copy(cell.baseFile(), into.resolve(cell.baseFile().getFileName()));
            for (Path update : cell.updates()) {
                Files.copy(update, into.resolve(update.getFileName()));
            }
        }
        return folder;
    }
}
