package io.tilework.app;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds the {@code tilework} command tree, in full or only as far as one run needs.
 *
 * <p>Picocli builds a command by reflection over its class, its fields and its subcommands: for
 * the whole tree (about 30 commands) that was most of the second {@code tilework --version} took.
 * A run uses one branch, so {@link #forArguments} builds in full only the subcommands whose name
 * appears among the arguments, and lists the others by their name and description alone (read
 * from their {@code @Command} annotation, so help shows them as before). A subcommand listed that
 * way never runs: to run, its name must be among the arguments, and then it is built in full.
 */
final class CommandTree {

    private CommandTree() {
    }

    /** The command line with every subcommand built. */
    static CommandLine full(Object top, List<Class<?>> subcommands) {
        var line = new CommandLine(top);
        for (Class<?> subcommand : subcommands) {
            line.addSubcommand(new CommandLine(subcommand));
        }
        return line;
    }

    /**
     * The command line for {@code args}: the subcommands they name built in full, the others
     * described only; everything in full when they ask for {@code help}, which may name any.
     */
    static CommandLine forArguments(Object top, List<Class<?>> subcommands, String[] args) {
        Set<String> words = Set.of(Arrays.stream(args).distinct().toArray(String[]::new));
        if (subcommands.stream().map(CommandTree::annotation).anyMatch(c -> c.helpCommand() && named(c, words))) {
            return full(top, subcommands);
        }
        var line = new CommandLine(top);
        for (Class<?> subcommand : subcommands) {
            Command command = annotation(subcommand);
            line.addSubcommand(named(command, words) ? new CommandLine(subcommand) : new CommandLine(described(command)));
        }
        return line;
    }

    /** A command with {@code command}'s names and help texts and nothing else: it lists, it cannot run. */
    private static CommandSpec described(Command command) {
        var spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage().header(command.header()).description(command.description()).hidden(command.hidden());
        spec.helpCommand(command.helpCommand());
        return spec;
    }

    private static boolean named(Command command, Set<String> words) {
        return Stream.concat(Stream.of(command.name()), Arrays.stream(command.aliases())).anyMatch(words::contains);
    }

    private static Command annotation(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        if (command == null) {
            throw new IllegalStateException(subcommand + " has no @Command annotation");
        }
        return command;
    }

    /** The names of the subcommands built in full in {@code line}, for tests. */
    static Set<String> builtInFull(CommandLine line) {
        return line.getSubcommands().entrySet().stream()
                .filter(entry -> entry.getValue().getCommand() != null)
                .map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
