package io.tilework.gdal.vector;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.internal.CStrings;
import io.tilework.gdal.internal.Datasets;
import io.tilework.gdal.internal.ErrorQueue;
import io.tilework.gdal.internal.GdalC;
import io.tilework.gdal.internal.NativeHandle;
import io.tilework.gdal.internal.OgrC;
import io.tilework.gdal.srs.SpatialReference;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vector dataset opened or created through GDAL/OGR: S-57 cells, GeoPackages, GeoJSON,
 * MBTiles, Shapefiles and every other format the GDAL build reads. One thread at a time.
 */
public final class VectorDataset extends NativeHandle {

    private static final Logger LOG = LoggerFactory.getLogger(VectorDataset.class);
    private static final int OGRERR_NONE = 0;

    private VectorDataset(MemorySegment handle, String name) {
        super(handle, name);
    }

    /** Opens read-only with default options. */
    public static VectorDataset open(Path path) {
        return open(path.toString(), false, Map.of());
    }

    /**
     * Opens with driver open options ({@code -oo}), e.g. for S-57
     * {@code Map.of("UPDATES", "APPLY", "SPLIT_MULTIPOINT", "ON", "ADD_SOUNDG_DEPTH", "ON")}.
     */
    public static VectorDataset open(Path path, Map<String, String> openOptions) {
        return open(path.toString(), false, openOptions);
    }

    public static VectorDataset open(String name, boolean update, Map<String, String> openOptions) {
        Gdal.initialize();
        int flags = Datasets.OF_VECTOR | (update ? Datasets.OF_UPDATE : 0);
        return new VectorDataset(Datasets.open(name, flags, openOptions), name);
    }

    /**
     * Creates an empty vector dataset: "GPKG", "GeoJSON", "MBTiles", "MVT", "ESRI Shapefile", ...
     * with dataset creation options ({@code -dsco}).
     */
    public static VectorDataset create(String driver, Path path, Map<String, String> options) {
        Gdal.initialize();
        MemorySegment driverHandle = Datasets.driver(driver);
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            MemorySegment handle = GdalC.create(driverHandle, arena.allocateFrom(path.toString()), 0, 0, 0, 0,
                    CStrings.nameValueList(arena, options));
            if (handle.equals(MemorySegment.NULL)) {
                throw ErrorQueue.failure(path.toString(), "GDALCreate(" + driver + ")");
            }
            ErrorQueue.clear();
            return new VectorDataset(handle, path.toString());
        }
    }

    /** The short name of the driver, e.g. "S57". */
    public String driverName() {
        return Datasets.driverName(pointer());
    }

    public int layerCount() {
        return GdalC.datasetGetLayerCount(pointer());
    }

    /** Layer by 0-based index. */
    public Layer layer(int index) {
        int count = layerCount();
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(name() + ": layer " + index + " does not exist; there are " + count);
        }
        return new Layer(this, GdalC.datasetGetLayer(pointer(), index));
    }

    /** Layer by name. */
    public Layer layer(String layerName) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = GdalC.datasetGetLayerByName(pointer(), arena.allocateFrom(layerName));
            if (handle.equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException(name() + ": no layer named '" + layerName + "'; layers are "
                        + layers().stream().map(Layer::name).toList());
            }
            return new Layer(this, handle);
        }
    }

    public List<Layer> layers() {
        int count = layerCount();
        var layers = new ArrayList<Layer>(count);
        for (int i = 0; i < count; i++) {
            layers.add(new Layer(this, GdalC.datasetGetLayer(pointer(), i)));
        }
        return layers;
    }

    /**
     * Creates a layer with its fields. {@code srs} may be null; {@code options} are layer
     * creation options ({@code -lco}).
     */
    public Layer createLayer(String layerName, SpatialReference srs, GeometryType geometryType,
                             List<FieldDefinition> fields, Map<String, String> options) {
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            MemorySegment handle = GdalC.datasetCreateLayer(pointer(), arena.allocateFrom(layerName),
                    srs == null ? MemorySegment.NULL : srs.pointer(), geometryType.code(),
                    CStrings.nameValueList(arena, options));
            if (handle.equals(MemorySegment.NULL)) {
                throw ErrorQueue.failure(name(), "GDALDatasetCreateLayer(" + layerName + ")");
            }
            ErrorQueue.clear();
            Layer layer = new Layer(this, handle);
            fields.forEach(layer::createField);
            // Some drivers (GPKG) defer creating the table; do it now so a rolled-back
            // transaction cannot take the new layer with it.
            ErrorQueue.clear();
            if (OgrC.layerSyncToDisk(handle) != OGRERR_NONE) {
                throw ErrorQueue.failure(name(), "OGR_L_SyncToDisk(" + layerName + ")");
            }
            return layer;
        }
    }

    /**
     * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws.
     * Drivers without transactions (GeoJSON, MVT) run it as it is: they write at close.
     */
    public void inTransaction(Runnable work) {
        if (!hasTransactions()) {
            LOG.debug("{}: driver {} has no transactions; writing without one", name(), driverName());
            work.run();
            return;
        }
        ErrorQueue.clear();
        if (GdalC.datasetStartTransaction(pointer(), 0) != OGRERR_NONE) {
            throw ErrorQueue.failure(name(), "GDALDatasetStartTransaction");
        }
        try {
            work.run();
        } catch (RuntimeException | Error failure) {
            ErrorQueue.clear();
            if (GdalC.datasetRollbackTransaction(pointer()) != OGRERR_NONE) {
                failure.addSuppressed(ErrorQueue.failure(name(), "GDALDatasetRollbackTransaction"));
            }
            throw failure;
        }
        ErrorQueue.clear();
        if (GdalC.datasetCommitTransaction(pointer()) != OGRERR_NONE) {
            throw ErrorQueue.failure(name(), "GDALDatasetCommitTransaction");
        }
    }

    /** Whether the driver offers real transactions on this dataset (ODsCTransactions). */
    public boolean hasTransactions() {
        try (Arena arena = Arena.ofConfined()) {
            return GdalC.datasetTestCapability(pointer(), arena.allocateFrom("Transactions")) != 0;
        }
    }

    @Override
    public String toString() {
        return "VectorDataset[" + name() + "]";
    }

    @Override
    protected void release(MemorySegment handle) {
        Datasets.close(handle, name());
    }
}
