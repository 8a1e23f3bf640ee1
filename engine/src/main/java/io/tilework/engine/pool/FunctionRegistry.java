package io.tilework.engine.pool;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
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

    /** Every function of the {@link RemoteFunctions} providers visible to {@code loader}. */
    public static FunctionRegistry discover(ClassLoader loader) {
        var registry = new FunctionRegistry();
        for (RemoteFunctions provider : ServiceLoader.load(RemoteFunctions.class, loader)) {
            provider.register(registry);
        }
        return registry;
    }

    /** The functions of the providers visible to this class's loader. */
    public static FunctionRegistry discover() {
        return discover(FunctionRegistry.class.getClassLoader());
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(functions).keySet();
    }

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
                    + "registered: " + names());
        }
        return function.apply(descriptor.parameters(), descriptor.inputs());
    }
}
