package io.tilework.cluster;

import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.RemoteFunctions;
import java.nio.charset.StandardCharsets;

/** The cluster's own chunk kind: {@value #ECHO}, an empty chunk that returns its parameter, for {@code cluster ping}. */
public final class ClusterFunctions implements RemoteFunctions {

    /** Returns the parameter "text" as UTF-8 bytes: a round trip with no work in it. */
    public static final String ECHO = "cluster.echo";

    @Override
    public void register(FunctionRegistry registry) {
        registry.register(ECHO, (parameters, inputs) -> parameters.getOrDefault("text", "").getBytes(StandardCharsets.UTF_8));
    }
}
