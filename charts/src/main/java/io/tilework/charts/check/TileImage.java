package io.tilework.charts.check;

import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.Window;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * One tile of a chart product drawn as a PNG, for a person to look at: the GeoPackage's
 * triangles of that tile (read through GDAL) filled by object class, sea blue to land tan, with
 * their outlines, and its display points as dots; the image is written by GDAL's PNG driver.
 */
public final class TileImage {

    /** Fill colours of the common S-57 classes; any other class gets a colour derived from its name. */
    private static final Map<String, Color> CLASS_COLOURS = Map.of(
            "DEPARE", new Color(0xB4D7F0), "DRGARE", new Color(0xC8E1F5), "LNDARE", new Color(0xE6D2A0),
            "BUAARE", new Color(0xD2B98C), "UNSARE", new Color(0xDDDDDD), "SEAARE", new Color(0xA0C8EB),
            "COALNE", new Color(0x505050), "LAKARE", new Color(0x96C3E6), "RIVERS", new Color(0x96C3E6));

    private TileImage() {
    }

    /**
     * Draws {@code tile} of {@code geopackage} into {@code png}, {@code size} pixels square.
     *
     * @return how many features were drawn
     */
    public static long render(Path geopackage, TileGrid grid, TileId tile, int size, Path png) {
        Envelope bounds = grid.bounds(tile);
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        long drawn = 0;
        try (VectorDataset product = VectorDataset.open(geopackage)) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            double scale = size / bounds.getWidth();
            // map units to pixels, y down; the triangles are clipped to the tile already
            var shapes = new ShapeWriter((source, target) -> target.setLocation((source.x - bounds.getMinX()) * scale,
                    (bounds.getMaxY() - source.y) * scale));
            String where = String.format(Locale.ROOT, "z = %d AND x = %d AND y = %d", tile.z(), tile.x(), tile.y());
            Layer triangles = product.layer("triangles");
            triangles.setAttributeFilter(where);
            try (Stream<Feature> features = triangles.features()) {
                for (Feature feature : (Iterable<Feature>) features::iterator) {
                    if (feature.geometry() == null) {
                        continue;
                    }
                    Shape shape = shapes.toShape(feature.geometry());
                    g.setColor(colour(String.valueOf(feature.get("class"))));
                    g.fill(shape);
                    g.setColor(g.getColor().darker());
                    g.setStroke(new BasicStroke(0.5f));
                    g.draw(shape);
                    drawn++;
                }
            }
            Layer points = product.layer("display_points");
            points.setAttributeFilter(where);
            g.setColor(new Color(0x202040));
            try (Stream<Feature> features = points.features()) {
                for (Feature feature : (Iterable<Feature>) features::iterator) {
                    Geometry geometry = feature.geometry();
                    if (geometry instanceof Point point && !point.isEmpty()) {
                        double x = (point.getX() - bounds.getMinX()) * scale;
                        double y = (bounds.getMaxY() - point.getY()) * scale;
                        g.fillOval((int) Math.round(x) - 2, (int) Math.round(y) - 2, 4, 4);
                        drawn++;
                    }
                }
            }
        } finally {
            g.dispose();
        }
        writePng(image, png);
        return drawn;
    }

    static Color colour(String objectClass) {
        Color known = CLASS_COLOURS.get(objectClass);
        if (known != null) {
            return known;
        }
        int hash = objectClass.hashCode();
        // light, distinct colours for the rest
        return new Color(150 + (hash & 0x5F), 150 + ((hash >> 8) & 0x5F), 150 + ((hash >> 16) & 0x5F));
    }

    /** The image's red, green and blue as the bands of an in-memory raster, copied to a PNG by GDAL. */
    private static void writePng(BufferedImage image, Path png) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        try (RasterDataset memory = RasterDataset.createInMemory(new RasterSpec(width, height, 3, DataType.BYTE))) {
            for (int band = 0; band < 3; band++) {
                int shift = 16 - 8 * band;
                byte[] values = new byte[rgb.length];
                for (int i = 0; i < rgb.length; i++) {
                    values[i] = (byte) (rgb[i] >> shift);
                }
                memory.write(new Window(0, 0, width, height), band + 1, DataType.BYTE, values);
            }
            memory.copyTo("PNG", png, Map.of()).close();
        }
    }
}
