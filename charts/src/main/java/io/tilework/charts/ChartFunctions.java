package io.tilework.charts;

import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.RemoteFunctions;

/**
 * The chart production's work that cluster workers run: stages 1 to 3 of one chart and stage 4 of
 * one block of tiles, one function (and chunk kind) per stage, so a worker can be given some stages only ({@code --roles}):
 * <ul>
 *   <li>{@code charts.reproject}: the cell's files to {@code 1-reproject/NAME-KEY.gpkg};</li>
 *   <li>{@code charts.produce}: that to {@code 2-produce/NAME-KEY.pieces};</li>
 *   <li>{@code charts.bundle}: those to {@code 3-bundle/NAME-KEY.bundle};</li>
 *   <li>{@code charts.merge}: the bundles of the charts in a block of tiles to
 *       {@code 4-merge/Z-X-Y-KEY.unit} (parameters {@code crs}, {@code unit} "Z/X/Y", {@code bundles}
 *       as a JSON array of absolute paths, {@code output}, {@code run}).</li>
 * </ul>
 * Parameters of the three chart stages: {@code cell} (the name), {@code base} and {@code updates} (the cell's files, absolute
 * paths; updates as a JSON array), {@code crs}, {@code zooms} ({@code auto} or {@code MIN-MAX}),
 * {@code work} (the production's work folder, absolute), {@code key} (what the chart's outputs are
 * named after) and {@code run}. Each stage after the first takes the one before's result as its
 * input. Every member reads and writes those paths, so they must be on a disk all members share
 * under the same path.
 */
public final class ChartFunctions implements RemoteFunctions {

    @Override
    public void register(FunctionRegistry registry) {
        for (String function : new String[] {RemoteChartStages.REPROJECT, RemoteChartStages.PRODUCE, RemoteChartStages.BUNDLE,
                RemoteChartStages.MERGE}) {
            registry.register(function, (parameters, inputs) -> RemoteChartStages.run(function, parameters, inputs));
        }
    }
}
