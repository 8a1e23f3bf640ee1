package io.tilework.gdal;

import io.tilework.gdal.internal.Datasets;
import io.tilework.gdal.internal.GdalC;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/** Whether a dataset holds raster bands or vector layers, for callers that accept either. */
public enum DatasetKind {
    RASTER, VECTOR;

    /**
     * Opens {@code name} once to see what it holds; raster wins when it has both.
     *
     * @throws GdalException when GDAL cannot open it or it holds neither
     */
    public static DatasetKind of(String name, Map<String, String> openOptions) {
        Gdal.initialize();
        MemorySegment handle = Datasets.open(name, Datasets.OF_RASTER | Datasets.OF_VECTOR, openOptions);
        int bands = GdalC.getRasterCount(handle);
        int layers = GdalC.datasetGetLayerCount(handle);
        Datasets.close(handle, name);
        if (bands > 0) {
            return RASTER;
        }
        if (layers > 0) {
            return VECTOR;
        }
        throw new GdalException(0, "holds neither raster bands nor vector layers", name, "GDALOpenEx");
    }
}
