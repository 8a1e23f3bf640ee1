package io.tilework.charts.piece;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.charts.tiles.TileId;
import org.locationtech.jts.geom.Geometry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One chart ready for the merge: its description, its data coverage in the product's CRS, and
 * its pieces grouped by tile behind an index, so the merge of one tile reads only that tile's
 * pieces of each chart.
 *
 * <p>Layout: magic, description (JSON), coverage (WKB), tile count, then per tile z, x, y,
 * offset and length of its pieces, then the pieces.
 */
public final class ChartBundle {

    private static final int MAGIC = 0x54574342; // "TWCB"
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the merge needs to know of a chart: it ranks charts by band, then scale, then name. */
    public record Description(String name, int band, int compilationScale, int minZoom, int maxZoom, long features,
                              long pieces, long displayPoints) {
    }

    private record Extent(long offset, int length) {
    }

    private final Path file;
    private final Description description;
    private final Geometry coverage;
    private final SortedMap<TileId, Extent> index;
    private final long dataStart;

    private ChartBundle(Path file, Description description, Geometry coverage, SortedMap<TileId, Extent> index, long dataStart) {
        this.file = file;
        this.description = description;
        this.coverage = coverage;
        this.index = index;
        this.dataStart = dataStart;
    }

    public static void write(Path file, Description description, Geometry coverage, SortedMap<TileId, List<Piece>> pieces)
            throws IOException {
        var data = new ByteArrayOutputStream();
        var dataOut = new DataOutputStream(data);
        var extents = new TreeMap<TileId, Extent>();
        for (Map.Entry<TileId, List<Piece>> tile : pieces.entrySet()) {
            int start = data.size();
            for (Piece piece : tile.getValue()) {
                PieceCodec.write(dataOut, piece);
            }
            extents.put(tile.getKey(), new Extent(start, data.size() - start));
        }
        var header = new ByteArrayOutputStream();
        var out = new DataOutputStream(header);
        out.writeInt(MAGIC);
        byte[] text = JSON.writeValueAsBytes(description);
        out.writeInt(text.length);
        out.write(text);
        byte[] wkb = PieceCodec.wkb(coverage);
        out.writeInt(wkb.length);
        out.write(wkb);
        out.writeInt(extents.size());
        for (Map.Entry<TileId, Extent> tile : extents.entrySet()) {
            out.writeByte(tile.getKey().z());
            out.writeInt(tile.getKey().x());
            out.writeInt(tile.getKey().y());
            out.writeLong(tile.getValue().offset());
            out.writeInt(tile.getValue().length());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            channel.write(new ByteBuffer[]{ByteBuffer.wrap(header.toByteArray()), ByteBuffer.wrap(data.toByteArray())});
            channel.force(false);
        }
    }

    /** Reads the description, the coverage and the index; pieces are read per tile. */
    public static ChartBundle open(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            var stream = new DataInputStream(java.nio.channels.Channels.newInputStream(channel));
            var in = new DataInputStream(new java.io.BufferedInputStream(stream));
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a chart bundle; delete it and run again");
            }
            byte[] text = in.readNBytes(in.readInt());
            Description description = JSON.readValue(text, Description.class);
            byte[] wkb = in.readNBytes(in.readInt());
            Geometry coverage = PieceCodec.fromWkb(wkb);
            int tiles = in.readInt();
            var index = new TreeMap<TileId, Extent>();
            for (int i = 0; i < tiles; i++) {
                var tile = new TileId(in.readByte(), in.readInt(), in.readInt());
                index.put(tile, new Extent(in.readLong(), in.readInt()));
            }
            long dataStart = 4 + 4 + text.length + 4 + wkb.length + 4 + tiles * 21L;
            return new ChartBundle(file, description, coverage, Collections.unmodifiableSortedMap(index), dataStart);
        }
    }

    public Description description() {
        return description;
    }

    /** Where the chart has data, in the product's CRS (the union of its M_COVR areas with data). */
    public Geometry coverage() {
        return coverage;
    }

    public java.util.Set<TileId> tiles() {
        return index.keySet();
    }

    /** The chart's pieces in {@code tile}, in the order production made them; empty when none. */
    public List<Piece> pieces(TileId tile) throws IOException {
        Extent extent = index.get(tile);
        if (extent == null) {
            return List.of();
        }
        var buffer = ByteBuffer.allocate(extent.length());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = dataStart + extent.offset();
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException(file + " ends before tile " + tile + "'s pieces; delete it and run again");
                }
            }
        }
        return new ArrayList<>(PieceFiles.readAll(new ByteArrayInputStream(buffer.array())));
    }
}
