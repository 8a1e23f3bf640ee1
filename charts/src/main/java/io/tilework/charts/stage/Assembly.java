package io.tilework.charts.stage;

import io.tilework.charts.piece.Piece;
import io.tilework.charts.piece.PieceFiles;
import io.tilework.charts.product.LayerSchema;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import io.tilework.gdal.srs.CoordinateTransform;
import io.tilework.gdal.srs.SpatialReference;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.FieldDefinition;
import io.tilework.gdal.vector.FieldType;
import io.tilework.gdal.vector.GeometryType;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import org.locationtech.jts.geom.Envelope;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stage 5, copy: the merged units assembled into one product, in unit order so the same work
 * gives the same files: an MBTiles file of gzip-compressed vector tiles (written with SQLite,
 * rows numbered the TMS way as the MBTiles specification wants) and a GeoPackage with the
 * triangles of every area piece and the display points.
 */
public final class Assembly {

    public static final String TRIANGLES = "triangles";
    public static final String DISPLAY_POINTS = "display_points";
    private static final int BATCH = 2_000;

    /** Counts of the product. */
    public record Counts(long tiles, long triangles, long displayPoints, int minZoom, int maxZoom) {
    }

    private Assembly() {
    }

    /** Writes {@code mbtiles} (null: none, for a CRS other than EPSG:3857) and {@code geopackage} from the units. */
    public static Counts run(TileGrid grid, List<Path> units, String productName, Path mbtiles, Path geopackage) throws IOException {
        var schema = new LayerSchema();
        long[] counts = new long[3];
        int[] zooms = {Integer.MAX_VALUE, Integer.MIN_VALUE};
        var extent = new Envelope();
        try (SpatialReference crs = SpatialReference.fromUserInput(grid.crs());
             SpatialReference wgs84 = SpatialReference.fromEpsg(4326);
             CoordinateTransform toLonLat = CoordinateTransform.between(crs, wgs84);
             VectorDataset gpkg = VectorDataset.create("GPKG", geopackage, Map.of());
             Connection sqlite = mbtiles == null ? null : DriverManager.getConnection("jdbc:sqlite:" + mbtiles)) {
            Layer triangles = gpkg.createLayer(TRIANGLES, crs, GeometryType.MULTI_POLYGON, pieceFields(
                    new FieldDefinition("triangle_count", FieldType.INTEGER)), Map.of());
            Layer displayPoints = gpkg.createLayer(DISPLAY_POINTS, crs, GeometryType.POINT, pieceFields(), Map.of());
            PreparedStatement insert = sqlite == null ? null : createTiles(sqlite);
            int batched = 0;
            for (Path unit : units) {
                try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(unit), 1 << 16))) {
                    int tiles = in.readInt();
                    for (int i = 0; i < tiles; i++) {
                        var tile = new TileId(in.readByte(), in.readInt(), in.readInt());
                        byte[] data = in.readNBytes(in.readInt());
                        zooms[0] = Math.min(zooms[0], tile.z());
                        zooms[1] = Math.max(zooms[1], tile.z());
                        extent.expandToInclude(grid.bounds(tile));
                        if (insert != null) {
                            insert.setInt(1, tile.z());
                            insert.setInt(2, tile.x());
                            insert.setInt(3, (1 << tile.z()) - 1 - tile.y());
                            insert.setBytes(4, data);
                            insert.addBatch();
                            if (++batched % BATCH == 0) {
                                insert.executeBatch();
                            }
                        }
                        counts[0]++;
                    }
                    schema.addAll(LayerSchema.fromJson(in.readNBytes(in.readInt())));
                    List<Piece> pieces = PieceFiles.readAll(in);
                    gpkg.inTransaction(() -> {
                        for (Piece piece : pieces) {
                            if (piece.kind() == Piece.Kind.DISPLAY_POINT) {
                                displayPoints.write(Feature.of(pieceAttributes(piece), piece.geometry()));
                                counts[2]++;
                            } else {
                                var attributes = pieceAttributes(piece);
                                attributes.put("triangle_count", piece.triangles().getNumGeometries());
                                triangles.write(Feature.of(attributes, piece.triangles()));
                                counts[1] += piece.triangles().getNumGeometries();
                            }
                        }
                    });
                }
            }
            if (sqlite != null) {
                insert.executeBatch();
                Envelope lonLat = extent.isNull() ? extent : toLonLat.transform(ChartGeometry.factory().toGeometry(extent)).getEnvelopeInternal();
                writeMetadata(sqlite, productName, schema, zooms, lonLat);
                sqlite.commit();
            }
        } catch (SQLException e) {
            throw new IOException(mbtiles + ": SQLite refused the tiles: " + e.getMessage(), e);
        }
        return new Counts(counts[0], counts[1], counts[2], zooms[0], zooms[1]);
    }

    private static List<FieldDefinition> pieceFields(FieldDefinition... extra) {
        var fields = new java.util.ArrayList<>(List.of(
                new FieldDefinition("z", FieldType.INTEGER),
                new FieldDefinition("x", FieldType.INTEGER),
                new FieldDefinition("y", FieldType.INTEGER),
                new FieldDefinition("chart", FieldType.STRING),
                new FieldDefinition("class", FieldType.STRING),
                new FieldDefinition("rcid", FieldType.INTEGER64)));
        fields.addAll(List.of(extra));
        return fields;
    }

    private static Map<String, Object> pieceAttributes(Piece piece) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("z", piece.tile().z());
        attributes.put("x", piece.tile().x());
        attributes.put("y", piece.tile().y());
        attributes.put("chart", piece.chart());
        attributes.put("class", piece.objectClass());
        attributes.put("rcid", piece.recordId());
        return attributes;
    }

    private static PreparedStatement createTiles(Connection sqlite) throws SQLException {
        try (Statement statement = sqlite.createStatement()) {
            statement.execute("PRAGMA journal_mode = OFF"); // a temporary file, renamed into place when complete
            statement.execute("PRAGMA synchronous = OFF");
            statement.execute("CREATE TABLE metadata (name TEXT, value TEXT)");
            statement.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
            statement.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
        }
        sqlite.setAutoCommit(false);
        return sqlite.prepareStatement("INSERT INTO tiles VALUES (?, ?, ?, ?)");
    }

    private static void writeMetadata(Connection sqlite, String name, LayerSchema schema, int[] zooms, Envelope lonLat)
            throws SQLException, IOException {
        var metadata = new LinkedHashMap<String, String>();
        metadata.put("name", name);
        metadata.put("format", "pbf");
        metadata.put("type", "baselayer");
        metadata.put("version", "1");
        metadata.put("description", "Nautical chart tiles produced by Tilework from S-57 cells");
        if (zooms[0] <= zooms[1]) {
            metadata.put("minzoom", Integer.toString(zooms[0]));
            metadata.put("maxzoom", Integer.toString(zooms[1]));
            metadata.put("bounds", String.format(Locale.ROOT, "%.7f,%.7f,%.7f,%.7f",
                    lonLat.getMinX(), lonLat.getMinY(), lonLat.getMaxX(), lonLat.getMaxY()));
            metadata.put("center", String.format(Locale.ROOT, "%.7f,%.7f,%d",
                    lonLat.centre().x, lonLat.centre().y, zooms[0]));
        }
        metadata.put("json", new String(schema.toJson(), java.nio.charset.StandardCharsets.UTF_8));
        try (PreparedStatement insert = sqlite.prepareStatement("INSERT INTO metadata VALUES (?, ?)")) {
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                insert.setString(1, entry.getKey());
                insert.setString(2, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
