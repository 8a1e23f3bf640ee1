package io.tilework.process.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A specification or model with problems; the message lists every one. */
public final class InvalidSpecificationException extends IllegalArgumentException {

    private final List<Problem> problems;

    public InvalidSpecificationException(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
