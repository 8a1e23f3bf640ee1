package io.tilework.sales.input;

import io.tilework.sales.failure.SalesInputInvalid;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The input files named on the command line: paths, or glob patterns ({@code data/2024-*.csv.gz}) expanded in name order. */
public final class InputFiles {

    private InputFiles() {
    }

    public static List<Path> expand(List<String> arguments) throws IOException {
        if (arguments.isEmpty()) {
            throw new SalesInputInvalid("no input file given");
        }
        Set<Path> files = new LinkedHashSet<>();
        for (String argument : arguments) {
            if (argument.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                List<Path> matches = glob(argument);
                if (matches.isEmpty()) {
                    throw new NoSuchFileException(argument, null, "no file matches this pattern");
                }
                files.addAll(matches);
            } else {
                Path file = Path.of(argument);
                if (!Files.exists(file)) {
                    throw new NoSuchFileException(argument, null, "no such file");
                }
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new IOException(argument + ": not a readable file");
                }
                files.add(file);
            }
        }
        return List.copyOf(files);
    }

    private static List<Path> glob(String pattern) throws IOException {
        Path path = Path.of(pattern);
        Path fixed = path.getRoot(); // the part before the first wildcard: where to look
        for (Path part : path) {
            if (part.toString().chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
                break;
            }
            fixed = fixed == null ? part : fixed.resolve(part);
        }
        boolean relative = fixed == null;
        Path start = relative ? Path.of(".") : fixed;
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
        try (Stream<Path> walk = Files.walk(start)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> relative ? start.relativize(p) : p)
                    .filter(matcher::matches)
                    .sorted()
                    .toList();
        }
    }
}
