package io.tilework.charts.failure;

/** A production request that cannot be served: a CRS without an area of use, parameters missing from a job. */
public final class ProductRequestInvalid extends ChartFailure {

    public ProductRequestInvalid(String message) {
        super(message);
    }
}
