package io.tilework.raster;

import io.tilework.engine.Codec;
import io.tilework.raster.footprint.Footprint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Stores a tile's pixels in the chunk store: band count, width, height, then the floats,
 * little-endian. The footprint is not stored: the task's key names it, and decoding checks that
 * the stored size matches it, so an entry written for another grid is never taken for this one.
 */
final class TileCodec implements Codec<Tile> {

    private final Footprint footprint;

    TileCodec(Footprint footprint) {
        this.footprint = footprint;
    }

    @Override
    public byte[] encode(Tile tile) {
        int pixels = Math.toIntExact(tile.footprint().pixelCount());
        ByteBuffer buffer = ByteBuffer.allocate(12 + 4 * pixels * tile.bandCount()).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(tile.bandCount()).putInt(tile.width()).putInt(tile.height());
        for (float[] band : tile.bands()) {
            buffer.asFloatBuffer().put(band);
            buffer.position(buffer.position() + 4 * band.length);
        }
        return buffer.array();
    }

    @Override
    public Tile decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int bandCount = buffer.getInt();
        int width = buffer.getInt();
        int height = buffer.getInt();
        if (width != footprint.width() || height != footprint.height()
                || bytes.length != 12 + 4L * width * height * bandCount) {
            throw new IllegalStateException("a cached tile of " + width + " x " + height + " x " + bandCount
                    + " does not fit " + footprint);
        }
        float[][] bands = new float[bandCount][width * height];
        for (float[] band : bands) {
            buffer.asFloatBuffer().get(band);
            buffer.position(buffer.position() + 4 * band.length);
        }
        return new Tile(footprint, bands);
    }
}
