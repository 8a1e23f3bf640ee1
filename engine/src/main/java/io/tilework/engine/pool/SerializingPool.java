package io.tilework.engine.pool;

import io.tilework.engine.TaskKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * A {@link RemotePool} inside this JVM: every descriptor is serialised and deserialised before a
 * local thread runs it through a {@link FunctionRegistry}. It proves work is truly described by
 * its descriptor — exactly what a remote worker would receive — and serves single-machine runs
 * of remote-capable jobs.
 */
public final class SerializingPool extends ExecutorPool implements RemotePool {

    private final FunctionRegistry registry;

    public SerializingPool(String name, int slots, FunctionRegistry registry) {
        super(name, slots, Executors.newFixedThreadPool(Math.max(1, slots),
                Thread.ofPlatform().name("tilework-" + name + "-", 1).daemon(true).factory()));
        this.registry = registry;
    }

    @Override
    public CompletableFuture<byte[]> submit(TaskKey key, TaskDescriptor descriptor) {
        byte[] wire = serialise(descriptor);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return registry.run(deserialise(wire));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, executor());
    }

    private static byte[] serialise(TaskDescriptor descriptor) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(descriptor);
        } catch (IOException e) {
            throw new UncheckedIOException("task descriptor " + descriptor.function() + " is not serialisable", e);
        }
        return bytes.toByteArray();
    }

    private static TaskDescriptor deserialise(byte[] wire) {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(wire))) {
            return (TaskDescriptor) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read a task descriptor", e);
        }
    }
}
