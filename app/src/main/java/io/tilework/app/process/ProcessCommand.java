package io.tilework.app.process;

import picocli.CommandLine.Command;

/** {@code tilework process}: process models (workflows, maps) run by the durable process engine. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Process models — workflows and intentional maps — run by an event-driven engine, durable in a SQLite file (--store FILE) "
                        + "or a PostgreSQL database several engines share (--store postgresql://HOST[:PORT]/DB[?user=NAME]).",
                "Commands that change instances run the engine until nothing is left to do now (jobs finished, notifications "
                        + "delivered); timers set for later fire in the next command or under 'process run'."},
        subcommands = {ProcessValidateCommand.class, ProcessDeployCommand.class, ProcessStartCommand.class, ProcessListCommand.class,
                ProcessShowCommand.class, ProcessEventCommand.Signal.class, ProcessEventCommand.Choose.class, ProcessEventCommand.Complete.class,
                ProcessEventCommand.Cancel.class, ProcessEventCommand.Suspend.class, ProcessEventCommand.Resume.class,
                ProcessEventCommand.Send.class, ProcessPathCommand.class, ProcessHistoryCommand.class, ProcessInboxCommand.class, ProcessRunCommand.class,
                ProcessStoreCommand.class})
public final class ProcessCommand {
}
