package io.tilework.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tilework.engine.Engine;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.pool.Pools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a defect in the chart chain aborts the production; it is not reported as a failed chart")
class ChartDefectTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a listener that throws IllegalStateException mid-chart aborts the run with that exception")
    void defectInTheChain_abortsTheProduction() throws Exception {
        Path enc = ChartCells.copy(temp.resolve("enc"), "AA5C1AB1");
        Path out = temp.resolve("product");
        var bug = new IllegalStateException("a bug in a progress listener");
        var thrown = new java.util.concurrent.atomic.AtomicBoolean();
        // Thrown once, from inside the chart's stages: a chain that took it for the cell's failure would go on.
        ChartProduction.Listener broken = (stage, done, total) -> {
            if (stage == ChartProduction.Stage.PRODUCE && done > 0 && thrown.compareAndSet(false, true)) {
                throw bug;
            }
        };
        try (Engine engine = Engine.builder().pool(Pools.cpu(1)).build()) {
            var failed = assertThrows(TaskFailedException.class,
                    () -> ChartProduction.run(engine, enc, out, ChartProduction.Options.defaults(), broken));
            assertSame(bug, failed.getCause(), "the defect itself, not a chart failure with its message");
        }
        assertFalse(Files.exists(out.resolve(ChartProduction.SUMMARY)), "no summary claims the chart failed");
        try (Engine engine = Engine.builder().pool(Pools.cpu(1)).build()) {
            var summary = ChartProduction.run(engine, enc, out, ChartProduction.Options.defaults(), (stage, done, total) -> {
            });
            assertEquals(1, summary.produced(), "a run without the bug produces the chart: " + summary.failures());
        }
    }
}
