package io.tilework.charts.tiles;

import io.tilework.charts.failure.ProductRequestInvalid;
import io.tilework.gdal.srs.CoordinateTransform;
import io.tilework.gdal.srs.SpatialReference;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * The quadtree of the product's CRS: where zoom 0 starts and how big it is. EPSG:3857 is the
 * web's square of 2 x 20037508.34 m; a geographic CRS uses two 180-degree tiles at zoom 0 (as OGC's
 * WorldCRS84Quad); any other CRS a square around its area of use.
 *
 * @param minX        west edge of zoom 0
 * @param maxY        north edge of zoom 0
 * @param tileSize0   edge of one zoom-0 tile, in CRS units
 * @param columns0    zoom-0 tiles across (1, or 2 for geographic)
 * @param metresPerUnit ground metres per CRS unit (at the equator for degrees)
 */
public record TileGrid(String crs, double minX, double maxY, double tileSize0, int columns0, double metresPerUnit) {

    /** Pixels across a tile when turning a compilation scale into a zoom. */
    public static final int TILE_PIXELS = 256;
    /** S-52's pixel size: 0.28 mm, the size at which a chart is shown at its compilation scale. */
    private static final double PIXEL_METRES = 0.00028;
    private static final double WEB_MERCATOR_HALF = 20037508.342789244;
    private static final double METRES_PER_DEGREE = 2 * Math.PI * 6378137.0 / 360;

    public static TileGrid webMercator() {
        return new TileGrid("EPSG:3857", -WEB_MERCATOR_HALF, WEB_MERCATOR_HALF, 2 * WEB_MERCATOR_HALF, 1, 1);
    }

    /** The grid for a CRS given as {@code -t_srs} takes it ("EPSG:3857", "EPSG:4326", WKT...). */
    public static TileGrid of(String crs) {
        try (SpatialReference srs = SpatialReference.fromUserInput(crs)) {
            if (srs.epsgCode().orElse(0) == 3857) {
                return new TileGrid(crs, webMercator().minX, webMercator().maxY, webMercator().tileSize0, 1, 1);
            }
            if (srs.isGeographic()) {
                return new TileGrid(crs, -180, 90, 180, 2, METRES_PER_DEGREE);
            }
            double[] area = srs.areaOfUse().orElseThrow(() -> new ProductRequestInvalid(
                    "CRS " + crs + " states no area of use, so no quadtree can be laid over it; use EPSG:3857 or a CRS with one"));
            try (SpatialReference wgs84 = SpatialReference.fromEpsg(4326);
                 CoordinateTransform toCrs = CoordinateTransform.between(wgs84, srs)) {
                Envelope box = densifiedBounds(toCrs, area);
                double size = Math.max(box.getWidth(), box.getHeight());
                return new TileGrid(crs, box.getMinX(), box.getMinY() + size, size, 1, srs.metresPerUnit());
            }
        }
    }

    private static Envelope densifiedBounds(CoordinateTransform toCrs, double[] area) {
        double west = area[0];
        double east = area[2] < west ? area[2] + 360 : area[2];
        int steps = 32;
        double[] x = new double[4 * steps];
        double[] y = new double[4 * steps];
        for (int i = 0; i < steps; i++) {
            double t = i / (double) (steps - 1);
            double lon = west + t * (east - west);
            double lat = area[1] + t * (area[3] - area[1]);
            x[i] = lon; y[i] = area[1];
            x[steps + i] = lon; y[steps + i] = area[3];
            x[2 * steps + i] = west; y[2 * steps + i] = lat;
            x[3 * steps + i] = east; y[3 * steps + i] = lat;
        }
        toCrs.transform(x, y);
        var box = new Envelope();
        for (int i = 0; i < x.length; i++) {
            box.expandToInclude(x[i], y[i]);
        }
        return box;
    }

    public double tileSize(int z) {
        return tileSize0 / (1L << z);
    }

    public boolean isWebMercator() {
        return columns0 == 1 && minX == webMercator().minX && maxY == webMercator().maxY && metresPerUnit == 1;
    }

    public Envelope bounds(TileId tile) {
        double size = tileSize(tile.z());
        double west = minX + tile.x() * size;
        double north = maxY - tile.y() * size;
        return new Envelope(west, west + size, north - size, north);
    }

    /** The tiles of zoom {@code z} that an envelope touches, clamped to the grid. */
    public List<TileId> tiles(Envelope envelope, int z) {
        double size = tileSize(z);
        long columns = (long) columns0 << z;
        long rows = 1L << z;
        int x0 = clamp(Math.floor((envelope.getMinX() - minX) / size), columns);
        int x1 = clamp(Math.floor((envelope.getMaxX() - minX) / size), columns);
        int y0 = clamp(Math.floor((maxY - envelope.getMaxY()) / size), rows);
        int y1 = clamp(Math.floor((maxY - envelope.getMinY()) / size), rows);
        var tiles = new ArrayList<TileId>((x1 - x0 + 1) * (y1 - y0 + 1));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                tiles.add(new TileId(z, x, y));
            }
        }
        return tiles;
    }

    /** How many tiles {@link #tiles} gives, without making them. */
    public long tileCount(Envelope envelope, int z) {
        double size = tileSize(z);
        long columns = (long) columns0 << z;
        long rows = 1L << z;
        long across = clamp(Math.floor((envelope.getMaxX() - minX) / size), columns) - clamp(Math.floor((envelope.getMinX() - minX) / size), columns) + 1L;
        long down = clamp(Math.floor((maxY - envelope.getMinY()) / size), rows) - clamp(Math.floor((maxY - envelope.getMaxY()) / size), rows) + 1L;
        return across * down;
    }

    /** The tile of zoom {@code z} that owns a point: west and north edges belong to the tile. */
    public TileId tileOf(double x, double y, int z) {
        double size = tileSize(z);
        return new TileId(z, clamp(Math.floor((x - minX) / size), (long) columns0 << z),
                clamp(Math.floor((maxY - y) / size), 1L << z));
    }

    /**
     * The most detailed zoom at which a chart of scale 1:{@code scale} is not shown larger than
     * its compilation scale: one 256-pixel tile pixel covers at least 0.28 mm at that scale.
     */
    public int zoomForScale(int scale) {
        double groundPerPixel0 = tileSize0 * metresPerUnit / TILE_PIXELS;
        double zoom = Math.log(groundPerPixel0 / (scale * PIXEL_METRES)) / Math.log(2);
        return Math.max(0, Math.min(22, (int) Math.floor(zoom + 1e-9)));
    }

    private static int clamp(double index, long count) {
        return (int) Math.max(0, Math.min(count - 1, index));
    }
}
