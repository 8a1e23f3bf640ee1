package io.tilework.engine.pool;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Work that can leave the JVM: the name of a function in the worker's {@link FunctionRegistry},
 * its parameters, and its inputs already encoded. Everything in it is serialisable.
 */
public record TaskDescriptor(String function, Map<String, String> parameters, List<byte[]> inputs)
        implements Serializable {

    public TaskDescriptor {
        parameters = Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
    }

    /** The same work with its inputs filled in. */
    public TaskDescriptor withInputs(List<byte[]> encodedInputs) {
        return new TaskDescriptor(function, parameters, encodedInputs);
    }
}
