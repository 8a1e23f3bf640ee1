package io.tilework.raster;

import io.tilework.engine.Codec;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.PixelArrays;
import io.tilework.raster.footprint.Footprint;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Stores a tile's pixels in the chunk store, in their own type: a marker, the type's GDAL code,
 * band count, width, height, then each band's values, little-endian. The footprint is not stored:
 * the task's key names it, and decoding checks that the stored size matches it, so an entry
 * written for another grid is never taken for this one. Entries of the first format (no marker:
 * band count, width, height, then Float32 values) are still read, and converted to the type
 * asked for as GDAL would have stored them.
 */
final class TileCodec implements Codec<Tile> {

    /** "TWT2": the typed format; the first format began with a band count, never this large. */
    private static final int TYPED = 0x54575432;
    private static final int TYPED_HEADER = 20;
    private static final int FLOAT_HEADER = 12;

    private final Footprint footprint;
    private final DataType type;

    TileCodec(Footprint footprint, DataType type) {
        this.footprint = footprint;
        this.type = type;
    }

    @Override
    public byte[] encode(Tile tile) {
        long bandBytes = PixelArrays.bytes(tile.type(), tile.footprint().pixelCount());
        byte[] bytes = new byte[Math.toIntExact(TYPED_HEADER + bandBytes * tile.bandCount())];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(TYPED).putInt(tile.type().code()).putInt(tile.bandCount()).putInt(tile.width()).putInt(tile.height());
        MemorySegment target = MemorySegment.ofArray(bytes);
        for (int b = 0; b < tile.bandCount(); b++) {
            PixelArrays.toLittleEndian(tile.values(b), target, TYPED_HEADER + b * bandBytes);
        }
        return bytes;
    }

    @Override
    public Tile decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        boolean typed = bytes.length >= TYPED_HEADER && buffer.getInt(0) == TYPED;
        DataType stored = typed ? DataType.fromCode(buffer.getInt(4)) : DataType.FLOAT32;
        int header = typed ? TYPED_HEADER : FLOAT_HEADER;
        buffer.position(header - 12);
        int bandCount = buffer.getInt();
        int width = buffer.getInt();
        int height = buffer.getInt();
        long pixels = (long) width * height;
        if (stored.carrier() == null || width != footprint.width() || height != footprint.height()
                || bytes.length != header + PixelArrays.bytes(stored, pixels) * bandCount) {
            throw new IllegalStateException("a cached tile of " + width + " x " + height + " x " + bandCount + " " + stored.gdalName()
                    + " does not fit " + footprint);
        }
        MemorySegment source = MemorySegment.ofArray(bytes);
        Object[] bands = new Object[bandCount];
        for (int b = 0; b < bandCount; b++) {
            bands[b] = PixelArrays.allocate(stored, (int) pixels);
            PixelArrays.fromLittleEndian(source, header + b * PixelArrays.bytes(stored, pixels), bands[b]);
        }
        return new Tile(footprint, stored, bands).as(type);
    }
}
