package io.tilework.process.failure;

import io.tilework.process.spec.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A specification or model with problems; the message lists every one. */
public final class DefinitionInvalid extends ProcessFailure {

    private final List<Problem> problems;

    public DefinitionInvalid(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
