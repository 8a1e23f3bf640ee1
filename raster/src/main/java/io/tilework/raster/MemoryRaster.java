package io.tilework.raster;

import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.gdal.raster.DataType;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * A raster held in memory: a copy of a tile's pixels, with one nodata for every band. Its
 * identity is a digest of its pixels, so recipes over equal pixels share their cache.
 */
public final class MemoryRaster implements Raster {

    private final RasterSession session;
    private final Tile pixels;
    private final OptionalDouble noData;
    private final String crsWkt;
    private final String identity;

    private MemoryRaster(RasterSession session, Tile pixels, OptionalDouble noData, String crsWkt) {
        this.session = session;
        this.pixels = pixels;
        this.noData = noData;
        this.crsWkt = crsWkt;
        this.identity = "memory:" + digest(pixels) + ":" + noData;
    }

    /** A raster of a copy of {@code pixels} (its footprint and bands), with {@code noData} for every band. */
    public static MemoryRaster of(RasterSession session, Tile pixels, OptionalDouble noData, String crsWkt) {
        float[][] copy = new float[pixels.bandCount()][];
        for (int b = 0; b < copy.length; b++) {
            copy[b] = pixels.band(b).clone();
        }
        if (copy.length == 0) {
            throw new IllegalArgumentException("an in-memory raster needs at least one band");
        }
        return new MemoryRaster(session, new Tile(pixels.footprint(), copy), noData, crsWkt);
    }

    private static String digest(Tile pixels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pixels.footprint().toString().getBytes(StandardCharsets.UTF_8));
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] band : pixels.bands()) {
                for (float value : band) {
                    if (buffer.remaining() < Float.BYTES) {
                        sha.update(buffer.flip());
                        buffer.clear();
                    }
                    buffer.putFloat(value);
                }
            }
            sha.update(buffer.flip());
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public RasterSession session() {
        return session;
    }

    @Override
    public Footprint footprint() {
        return pixels.footprint();
    }

    @Override
    public int bandCount() {
        return pixels.bandCount();
    }

    @Override
    public DataType dataType() {
        return DataType.FLOAT32;
    }

    @Override
    public OptionalDouble noData(int band) {
        return noData;
    }

    @Override
    public String crsWkt() {
        return crsWkt;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public Task<Tile> gridTask(Footprint request, int[] bands) {
        PixelRect rect = Requests.checkOnGrid(this, request, bands);
        TaskKey key = new TaskKey("raster.memory", 1, TaskKey.digest(identity), Requests.chunk(rect, bands));
        double[] fill = fillValues(bands);
        return Task.<Tile>builder(key).estimatedBytes(Tile.bytesFor(request, bands.length))
                .compute((in, cancel) -> {
                    Tile tile = Tile.filled(request, fill);
                    Tile selected = new Tile(pixels.footprint(), IntStream.of(bands).mapToObj(pixels::band).toArray(float[][]::new));
                    tile.copyFrom(selected, IntStream.range(0, bands.length).toArray());
                    return tile;
                });
    }

    @Override
    public String toString() {
        return "MemoryRaster[" + pixels.bandCount() + " band(s), " + footprint() + "]";
    }
}
