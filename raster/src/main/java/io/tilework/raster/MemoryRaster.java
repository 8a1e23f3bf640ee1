package io.tilework.raster;

import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.PixelArrays;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalDouble;

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
        Object[] copy = new Object[pixels.bandCount()];
        for (int b = 0; b < copy.length; b++) {
            copy[b] = PixelArrays.convert(pixels.values(b), pixels.type(), pixels.type());
        }
        if (copy.length == 0) {
            throw new IllegalArgumentException("an in-memory raster needs at least one band");
        }
        return new MemoryRaster(session, new Tile(pixels.footprint(), pixels.type(), copy), noData, crsWkt);
    }

    private static String digest(Tile pixels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pixels.footprint().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(pixels.type().gdalName().getBytes(StandardCharsets.UTF_8));
            byte[] bytes = new byte[Math.toIntExact(PixelArrays.bytes(pixels.type(), pixels.footprint().pixelCount()))];
            for (int b = 0; b < pixels.bandCount(); b++) {
                PixelArrays.toLittleEndian(pixels.values(b), java.lang.foreign.MemorySegment.ofArray(bytes), 0);
                sha.update(bytes);
            }
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
        return pixels.type();
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
        return Task.<Tile>builder(key).estimatedBytes(Tile.bytesFor(request, bands.length, pixels.type()))
                .compute((in, cancel) -> {
                    Tile tile = Tile.filled(request, pixels.type(), fill);
                    tile.copyFrom(pixels, bands);
                    return tile;
                });
    }

    @Override
    public String toString() {
        return "MemoryRaster[" + pixels.bandCount() + " band(s), " + footprint() + "]";
    }
}
