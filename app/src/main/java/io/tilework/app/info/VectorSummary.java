package io.tilework.app.info;

import io.tilework.gdal.srs.SpatialReference;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A vector dataset's layers, as {@code tilework info} prints them. */
record VectorSummary(String path, String kind, String driver, long featureCount, List<LayerSummary> layers)
        implements DatasetSummary {

    record LayerSummary(String name, String geometryType, long featureCount, String crs, Integer epsg,
                        List<Field> fields) {
    }

    record Field(String name, String type) {
    }

    static VectorSummary of(String path, Map<String, String> openOptions) {
        try (VectorDataset dataset = VectorDataset.open(path, false, openOptions)) {
            List<LayerSummary> layers = dataset.layers().stream().map(VectorSummary::layer).toList();
            long features = layers.stream().mapToLong(LayerSummary::featureCount).sum();
            return new VectorSummary(path, "vector", dataset.driverName(), features, layers);
        }
    }

    private static LayerSummary layer(Layer layer) {
        Optional<SpatialReference> srs = layer.spatialReference();
        try {
            return new LayerSummary(layer.name(), layer.geometryType().ogrName(), layer.featureCount(),
                    srs.map(SpatialReference::crsName).orElse(null),
                    DatasetSummary.epsgOf(srs),
                    layer.fields().stream().map(f -> new Field(f.name(), f.type().ogrName())).toList());
        } finally {
            srs.ifPresent(SpatialReference::close);
        }
    }

    @Override
    public String toText() {
        var text = new StringBuilder();
        RasterSummary.line(text, "File", path);
        RasterSummary.line(text, "Driver", driver);
        RasterSummary.line(text, "Layers", layers.size() + " layers, " + featureCount + " features");
        int width = layers.stream().mapToInt(l -> l.name().length()).max().orElse(0);
        for (LayerSummary layer : layers) {
            text.append(String.format(Locale.ROOT, "  %-" + width + "s  %-18s %7d features  %2d fields  CRS %s%n",
                    layer.name(), layer.geometryType(), layer.featureCount(), layer.fields().size(),
                    DatasetSummary.describeCrs(layer.crs(), layer.epsg())));
        }
        return text.toString().stripTrailing();
    }
}
