package io.tilework.raster;

import java.util.OptionalDouble;

/**
 * How a query is served: how many tiles may be computed ahead of the consumer, how requests on
 * another grid are resampled, and the nodata value of the answers (by default each band's own;
 * pixels with no data, outside the raster or nodata in it, come back as that value).
 */
public record QueryOptions(int lookahead, Interpolation interpolation, OptionalDouble destinationNoData) {

    public QueryOptions {
        if (lookahead < 1) {
            throw new IllegalArgumentException("the lookahead must be at least 1, not " + lookahead);
        }
        if (interpolation == null || destinationNoData == null) {
            throw new NullPointerException("interpolation and destinationNoData are required");
        }
    }

    /** Lookahead {@code lookahead}, nearest-neighbour resampling, each band's own nodata. */
    public static QueryOptions lookahead(int lookahead) {
        return new QueryOptions(lookahead, Interpolation.NEAREST, OptionalDouble.empty());
    }

    public QueryOptions withInterpolation(Interpolation value) {
        return new QueryOptions(lookahead, value, destinationNoData);
    }

    public QueryOptions withDestinationNoData(double value) {
        return new QueryOptions(lookahead, interpolation, OptionalDouble.of(value));
    }
}
