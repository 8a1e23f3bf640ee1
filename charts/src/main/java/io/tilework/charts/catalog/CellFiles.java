package io.tilework.charts.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * One ENC cell on disk: its base file ({@code .000}) and its update files ({@code .001},
 * {@code .002}, ...) in the order they apply.
 */
public record CellFiles(String name, Path baseFile, List<Path> updates) {

    public CellFiles {
        updates = List.copyOf(updates);
    }

    public UsageBand band() {
        return UsageBand.ofCellName(name);
    }

    /** The highest update number on disk, 0 when there is none. */
    public int lastUpdateOnDisk() {
        return updates.isEmpty() ? 0 : updateNumber(updates.getLast());
    }

    static int updateNumber(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
    }
}
