package io.tilework.raster;

import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.raster.BandInfo;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.DatasetPool;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.PixelArrays;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.Window;
import io.tilework.raster.failure.RasterInputInvalid;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * A raster read from a file through GDAL. Reads run on the engine's I/O pool, each with a handle
 * borrowed from the session's pool; pixels outside the file are nodata. The identity includes the
 * file's size and modification time, so results derived from an older version are not reused.
 * A damaged file is a {@link io.tilework.raster.failure.RasterFileDamaged} naming the block that
 * cannot be read: when it is opened if its index shows it (a truncated GeoTIFF), else when a read
 * reaches the block (see {@link FileDamage}).
 */
public final class FileRaster implements Raster {

    private final RasterSession session;
    private final Path path;
    private final Footprint footprint;
    private final DataType dataType;
    private final List<OptionalDouble> noData;
    private final String crsWkt;
    private final String identity;
    private final int blockWidth;

    private FileRaster(RasterSession session, Path path, Footprint footprint, DataType dataType,
                       List<OptionalDouble> noData, String crsWkt, String identity, int blockWidth) {
        this.session = session;
        this.path = path;
        this.footprint = footprint;
        this.dataType = dataType;
        this.noData = noData;
        this.crsWkt = crsWkt;
        this.identity = identity;
        this.blockWidth = blockWidth;
    }

    static FileRaster open(RasterSession session, Path file) {
        Path path = file.toAbsolutePath().normalize();
        try (RasterDataset dataset = openOrExplain(path)) {
            if (dataset.bandCount() == 0) {
                throw new RasterInputInvalid(file + " has no raster bands; give a raster file");
            }
            GeoTransform transform = usable(file, dataset.geoTransform().orElse(new GeoTransform(0, 1, 0, 0, 0, 1)));
            List<OptionalDouble> noData = new java.util.ArrayList<>();
            DataType type = dataset.dataType(1);
            for (int band = 1; band <= dataset.bandCount(); band++) {
                BandInfo info = dataset.band(band);
                noData.add(info.noData());
                if (info.dataType() != type) { // bands of mixed types: Float64 holds every value of each
                    type = DataType.FLOAT64;
                }
            }
            if (type.carrier() == null) {
                throw new RasterInputInvalid(file + ": its pixels are " + type.gdalName() + ", which Tilework does not read;"
                        + " convert the file (gdal_translate -ot Float64) or take the bands it needs");
            }
            FileDamage.checkBlocks(dataset, path); // a truncated file is refused before any tile is computed
            String identity = "file:" + path + ":" + Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis();
            return new FileRaster(session, path, Footprint.of(transform, dataset.width(), dataset.height()),
                    type, List.copyOf(noData), dataset.crsWkt(), identity, dataset.band(1).blockWidth());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code transform} if pixels can be placed with it: every coefficient a number, a pixel with an
     * area (the transform can be inverted); else the file's georeferencing is at fault, and named.
     */
    private static GeoTransform usable(Path file, GeoTransform transform) {
        double determinant = transform.pixelWidth() * transform.pixelHeight() - transform.rowRotation() * transform.columnRotation();
        boolean finite = java.util.Arrays.stream(transform.toArray()).allMatch(Double::isFinite);
        if (!finite || determinant == 0 || !Double.isFinite(determinant)) {
            throw new RasterInputInvalid(file + ": its georeferencing cannot be used (pixel size " + transform.pixelWidth() + " x "
                    + transform.pixelHeight() + ", rotation " + transform.rowRotation() + ", " + transform.columnRotation() + ", origin "
                    + transform.originX() + ", " + transform.originY() + "): a pixel must have an area and every value be a number;"
                    + " correct it (gdal_edit.py -a_ullr or -a_ulurll) or replace the file with a whole copy");
        }
        return transform;
    }

    private static RasterDataset openOrExplain(Path path) {
        try {
            return RasterDataset.open(path);
        } catch (GdalException e) {
            throw FileDamage.whenOpenFails(path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** The width of band 1's blocks in the file: windows aligned on them read fastest. */
    public int blockWidth() {
        return blockWidth;
    }

    @Override
    public RasterSession session() {
        return session;
    }

    @Override
    public Footprint footprint() {
        return footprint;
    }

    @Override
    public int bandCount() {
        return noData.size();
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public OptionalDouble noData(int band) {
        return noData.get(band);
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
        TaskKey key = new TaskKey("raster.file", 1, TaskKey.digest(identity), Requests.chunk(rect, bands));
        return Task.<Tile>builder(key).pool("io").estimatedBytes(Tile.bytesFor(request, bands.length, dataType))
                .compute((inputs, cancel) -> read(request, rect, bands));
    }

    private Tile read(Footprint request, PixelRect rect, int[] bands) throws InterruptedException {
        PixelRect inside = rect.clampTo(footprint.width(), footprint.height());
        if (inside.isEmpty()) {
            return Tile.filled(request, dataType, fillValues(bands));
        }
        Window window = new Window(inside.x(), inside.y(), inside.width(), inside.height());
        Object[] values = new Object[bands.length];
        try (DatasetPool.Lease lease = session.files().borrow(path)) {
            for (int i = 0; i < bands.length; i++) {
                values[i] = PixelArrays.allocate(dataType, Math.toIntExact(inside.pixelCount()));
                try {
                    lease.dataset().read(window, bands[i] + 1, dataType, values[i]);
                } catch (GdalException e) {
                    if (!e.causedByInput()) {
                        throw e;
                    }
                    throw FileDamage.locate(lease.dataset(), path, window, bands[i] + 1, e);
                }
            }
        }
        if (inside.equals(rect)) {
            return new Tile(request, dataType, values); // wholly inside: no padding to add
        }
        Tile part = new Tile(footprint.subGrid(inside.x(), inside.y(), inside.width(), inside.height()), dataType, values);
        Tile tile = Tile.filled(request, dataType, fillValues(bands));
        tile.copyFrom(part, IntStream.range(0, bands.length).toArray());
        return tile;
    }

    @Override
    public String toString() {
        return "FileRaster[" + path + ", " + footprint + "]";
    }
}
