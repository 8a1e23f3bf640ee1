package io.tilework.engine.pool;

/**
 * A module's functions that remote workers run, found with {@link java.util.ServiceLoader} (list
 * implementations in {@code META-INF/services/io.tilework.engine.pool.RemoteFunctions}). The
 * command line and every cluster worker load the same jar, so both resolve a descriptor's function
 * name to the same code.
 *
 * <p>A function's name is also its chunk kind: workers may be restricted to some kinds, so name
 * each function after the work it does ("sales.map", "charts.chart", "raster.tile").
 */
public interface RemoteFunctions {

    /** Registers every function of this module. */
    void register(FunctionRegistry registry);
}
