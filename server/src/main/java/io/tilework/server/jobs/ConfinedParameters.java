package io.tilework.server.jobs;

import io.tilework.engine.job.JobParameter;
import io.tilework.server.api.ApiFailure;
import io.tilework.server.security.DataRoot;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A job's parameters as a client sent them, with every path ({@link JobParameter.Kind#INPUT_PATH}
 * or {@code OUTPUT_PATH}) made absolute under the data root and checked to stay there. A glob in a
 * list of input paths is expanded here, each match checked, so that no pattern reaches a file
 * outside the root through a link.
 */
final class ConfinedParameters {

    private ConfinedParameters() {
    }

    static Map<String, Object> confine(Map<String, Object> given, Class<?> record, DataRoot root) {
        var confined = new LinkedHashMap<>(given);
        if (!record.isRecord()) {
            return confined;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            JobParameter described = component.getAnnotation(JobParameter.class);
            Object value = given.get(component.getName());
            if (described == null || described.kind() == JobParameter.Kind.VALUE || value == null) {
                continue;
            }
            String name = component.getName();
            boolean output = described.kind() == JobParameter.Kind.OUTPUT_PATH;
            if (value instanceof List<?> list) {
                var paths = new ArrayList<String>();
                for (int i = 0; i < list.size(); i++) {
                    String text = String.valueOf(list.get(i));
                    if (isPattern(text) && !output) {
                        paths.addAll(expand(text, name + "[" + i + "]", root));
                    } else {
                        paths.add(path(text, name + "[" + i + "]", output, root));
                    }
                }
                confined.put(name, paths);
            } else if (value instanceof String text) {
                confined.put(name, path(text, name, output, root)); // one path, taken as written: a job opens it as it is
            } else {
                throw ApiFailure.badRequest("parameter '" + name + "' is a path: give it as text, not " + value);
            }
        }
        return confined;
    }

    private static String path(String text, String parameter, boolean output, DataRoot root) {
        return (output ? root.resolveOutput(text, parameter) : root.resolve(text, parameter)).toString();
    }

    private static boolean isPattern(String text) {
        return text.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    /** The files under the root that {@code pattern} matches, each confined; none is an error naming the pattern. */
    private static List<String> expand(String pattern, String parameter, DataRoot root) {
        String absolute = root.resolvePattern(pattern, parameter);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        Path start = Path.of(absolute);
        while (start != null && isPattern(start.toString())) {
            start = start.getParent();
        }
        if (start == null || !Files.isDirectory(start)) {
            throw ApiFailure.badRequest("parameter '" + parameter + "' is " + pattern + ": no such folder under the data root");
        }
        try (Stream<Path> walk = Files.walk(start)) {
            List<String> matches = walk.filter(matcher::matches).filter(Files::isRegularFile).sorted()
                    .map(p -> root.resolve(p.toString(), parameter).toString()).toList();
            for (String match : matches) {
                if (isPattern(Path.of(match).getFileName().toString())) {
                    // the job would take the name for a pattern again, and read other files
                    throw ApiFailure.badRequest("parameter '" + parameter + "': " + root.relative(Path.of(match))
                            + " has a wildcard character in its name; rename it, or name the files one by one");
                }
            }
            if (matches.isEmpty()) {
                throw ApiFailure.badRequest("parameter '" + parameter + "' is " + pattern + ": no file matches it under the data root");
            }
            return matches;
        } catch (IOException e) {
            throw ApiFailure.badRequest("parameter '" + parameter + "': cannot list " + root.relative(start) + ": " + e.getMessage());
        }
    }
}
