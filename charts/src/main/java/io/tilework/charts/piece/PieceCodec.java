package io.tilework.charts.piece;

import io.tilework.charts.failure.WorkFileDamaged;
import io.tilework.charts.tiles.TileId;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/** Pieces as bytes in the work files: fixed fields, then UTF-8 texts and WKB with their lengths. */
public final class PieceCodec {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private PieceCodec() {
    }

    public static void write(DataOutput out, Piece piece) throws IOException {
        out.writeByte(piece.tile().z());
        out.writeInt(piece.tile().x());
        out.writeInt(piece.tile().y());
        text(out, piece.chart());
        text(out, piece.objectClass());
        out.writeLong(piece.recordId());
        out.writeByte(piece.kind().ordinal());
        text(out, piece.attributes());
        geometry(out, piece.geometry());
        geometry(out, piece.triangles());
    }

    public static Piece read(DataInput in) throws IOException {
        var tile = new TileId(in.readByte(), in.readInt(), in.readInt());
        String chart = text(in);
        String objectClass = text(in);
        long recordId = in.readLong();
        Piece.Kind kind = Piece.Kind.values()[in.readByte()];
        String attributes = text(in);
        return new Piece(tile, chart, objectClass, recordId, kind, attributes, geometry(in), geometry(in));
    }

    /** WKB with Z when the geometry has it, so soundings keep their depth. */
    public static byte[] wkb(Geometry geometry) {
        var first = geometry.getCoordinate();
        boolean hasZ = first != null && !Double.isNaN(first.getZ());
        return new WKBWriter(hasZ ? 3 : 2).write(geometry);
    }

    public static Geometry fromWkb(byte[] bytes) {
        try {
            return new WKBReader(FACTORY).read(bytes);
        } catch (ParseException e) {
            throw new WorkFileDamaged("a work file holds a geometry that is not WKB (" + e.getMessage() + "); delete the product's work folder and run again", e);
        }
    }

    private static void text(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void geometry(DataOutput out, Geometry geometry) throws IOException {
        if (geometry == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = wkb(geometry);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static Geometry geometry(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return fromWkb(bytes);
    }
}
