package io.tilework.app.charts;

import picocli.CommandLine.Command;

/** {@code tilework charts}: S-57 cells to a tiled chart product. */
@Command(name = "charts", mixinStandardHelpOptions = true,
        description = "Nautical charts: a catalogue of S-57 cells, and the production chain to MBTiles (vector tiles) and a GeoPackage.",
        subcommands = {ChartsCatalogCommand.class, ChartsProduceCommand.class})
public final class ChartsCommand {
}
