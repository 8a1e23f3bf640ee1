package io.tilework.engine.pool;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named functions a worker can run for a {@link TaskDescriptor}. Every JVM that may run remote
 * work registers the same names, so a descriptor means the same thing everywhere.
 */
public final class FunctionRegistry {

    /** A function over encoded inputs returning the encoded result. */
    @FunctionalInterface
    public interface RemoteFunction {
        byte[] apply(Map<String, String> parameters, List<byte[]> inputs) throws Exception;
    }

    private final Map<String, RemoteFunction> functions = new ConcurrentHashMap<>();

    public FunctionRegistry register(String name, RemoteFunction function) {
        if (functions.putIfAbsent(name, function) != null) {
            throw new IllegalArgumentException("function '" + name + "' is already registered");
        }
        return this;
    }

    /** Runs the descriptor's function; throws naming the known functions if it is not registered. */
    public byte[] run(TaskDescriptor descriptor) throws Exception {
        RemoteFunction function = functions.get(descriptor.function());
        if (function == null) {
            throw new IllegalArgumentException("no function '" + descriptor.function() + "' is registered on this worker; "
                    + "registered: " + new TreeMap<>(functions).keySet());
        }
        return function.apply(descriptor.parameters(), descriptor.inputs());
    }
}
