package io.tilework.charts.tiles;

import io.tilework.charts.catalog.UsageBand;
import io.tilework.charts.failure.ProductRequestInvalid;

/**
 * The zoom levels a chart is produced at. Default: from its compilation scale (the zoom where it
 * shows at that scale) down {@link #DEFAULT_LEVELS} - 1 levels, so the bands overlap and the
 * merge decides; a cell without a scale takes its usage band's typical one.
 */
public record ZoomRange(int min, int max) {

    public static final int DEFAULT_LEVELS = 3;

    /** Typical compilation scales of bands 1 to 6, for cells that state none. */
    private static final int[] BAND_SCALES = {3_000_000, 700_000, 150_000, 50_000, 15_000, 5_000};

    public ZoomRange {
        if (min < 0 || max > 22 || min > max) {
            throw new ProductRequestInvalid("zoom range " + min + "-" + max + " is not within 0-22 with min <= max");
        }
    }

    /** Parses "12-15" or "14". */
    public static ZoomRange parse(String text) {
        String[] parts = text.strip().split("-", -1);
        try {
            return parts.length == 1 ? new ZoomRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[0]))
                    : new ZoomRange(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new ProductRequestInvalid("zooms '" + text + "' are not MIN-MAX (e.g. 12-15) or one level (e.g. 14)");
        }
    }

    public static ZoomRange forChart(TileGrid grid, int compilationScale, UsageBand band) {
        int scale = compilationScale > 0 ? compilationScale : BAND_SCALES[band.ordinal()];
        int max = grid.zoomForScale(scale);
        return new ZoomRange(Math.max(0, max - DEFAULT_LEVELS + 1), max);
    }

    public boolean contains(int z) {
        return z >= min && z <= max;
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}
