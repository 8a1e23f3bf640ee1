package io.tilework.app.sales;

import picocli.CommandLine.Command;

/** {@code tilework sales}: the dealer's KPIs over transaction CSVs, and realistic data to try them on. */
@Command(name = "sales", mixinStandardHelpOptions = true,
        description = "Monthly sales KPIs per city over transaction CSVs (map-reduce on the engine).",
        subcommands = {SalesReportCommand.class, SalesInspectCommand.class, SalesGenerateCommand.class})
public final class SalesCommand {
}
