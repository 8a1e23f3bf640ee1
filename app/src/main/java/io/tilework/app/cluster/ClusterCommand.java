package io.tilework.app.cluster;

import picocli.CommandLine.Command;

/** {@code tilework cluster}: what a cluster of workers is doing. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "A cluster's members and running jobs (start members with 'tilework worker').",
        subcommands = {ClusterStatusCommand.class, ClusterPingCommand.class})
public final class ClusterCommand {
}
