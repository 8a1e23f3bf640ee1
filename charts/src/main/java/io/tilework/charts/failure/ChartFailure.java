package io.tilework.charts.failure;

import io.tilework.engine.failure.UserFailure;

/**
 * What a chart producer's input can get wrong: a cell or catalogue that does not read as S-57, a
 * work file damaged outside Tilework, a request the chain cannot serve, cells that failed (and,
 * when none is left to produce, a product that would hold no tile). The chain records a cell
 * as failed only for these (and for GDAL and I/O failures of the data); any other exception is a
 * defect of Tilework and aborts the production.
 */
public abstract sealed class ChartFailure extends UserFailure permits CellUnreadable, WorkFileDamaged, ProductRequestInvalid, CellsFailed {

    ChartFailure(String message) {
        super(message);
    }

    ChartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
