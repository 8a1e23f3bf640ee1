package io.tilework.charts;

import io.tilework.engine.Engine;
import io.tilework.engine.pool.Pools;

import java.nio.file.Path;

/**
 * Runs the chain in a JVM of its own, so a test can kill it mid-way: ENC_DIR PRODUCT THREADS. Prints
 * a line for every step done, after its output is written, so the test kills it on what it did,
 * not after some time.
 */
public final class ProduceInAnotherJvm {

    public static void main(String[] args) throws Exception {
        try (Engine engine = Engine.builder().pool(Pools.cpu(Integer.parseInt(args[2]))).build()) {
            System.out.println("started");
            System.out.flush();
            ChartProduction.run(engine, Path.of(args[0]), Path.of(args[1]), ChartProduction.Options.defaults(), (stage, done, total) -> {
                System.out.println("progress " + stage + " " + done + " " + total);
                System.out.flush();
            });
            System.out.println("finished");
        }
    }
}
