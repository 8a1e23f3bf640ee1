package io.tilework.app.info;

import io.tilework.gdal.raster.BandInfo;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.srs.SpatialReference;
import io.tilework.raster.FileDamage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** A raster's metadata, as {@code tilework info} prints it. */
record RasterSummary(String path, String kind, String driver, int width, int height, String crs, Integer epsg,
                     String wkt, double[] geoTransform, List<Band> bands) implements DatasetSummary {

    /** One band's metadata; {@code noData} is null when the band has none. */
    record Band(int band, String type, int blockWidth, int blockHeight, Double noData, int overviews) {
    }

    /**
     * The summary of the raster {@code path} names; when it is a {@code file} (not a {@code /vsi}
     * name or a connection string), its block index is checked first: a truncated file is an error
     * naming the first block it lost, not a summary of what its header promises.
     */
    static RasterSummary of(String path, Map<String, String> openOptions, Path file) {
        try (RasterDataset dataset = RasterDataset.open(path, false, openOptions)) {
            if (file != null && Files.isRegularFile(file)) {
                FileDamage.checkBlocks(dataset, file);
            }
            Optional<SpatialReference> srs = dataset.spatialReference();
            String crs;
            Integer epsg;
            String wkt;
            try {
                crs = srs.map(SpatialReference::crsName).orElse(null);
                epsg = DatasetSummary.epsgOf(srs);
                wkt = srs.map(SpatialReference::toWkt2).orElse(null);
            } finally {
                srs.ifPresent(SpatialReference::close);
            }
            List<Band> bands = IntStream.rangeClosed(1, dataset.bandCount()).mapToObj(dataset::band)
                    .map(RasterSummary::band).toList();
            return new RasterSummary(path, "raster", dataset.driverName(), dataset.width(), dataset.height(), crs, epsg,
                    wkt, dataset.geoTransform().map(GeoTransform::toArray).orElse(null), bands);
        }
    }

    private static Band band(BandInfo info) {
        return new Band(info.index(), info.dataType().gdalName(), info.blockWidth(), info.blockHeight(),
                info.noData().isPresent() ? info.noData().getAsDouble() : null, info.overviewCount());
    }

    @Override
    public String toText() {
        var text = new StringBuilder();
        line(text, "File", path);
        line(text, "Driver", driver);
        line(text, "Size", width + " x " + height + " pixels, " + bands.size() + (bands.size() == 1 ? " band" : " bands"));
        line(text, "CRS", DatasetSummary.describeCrs(crs, epsg));
        if (geoTransform != null) {
            line(text, "Origin", String.format(Locale.ROOT, "(%.6f, %.6f)", geoTransform[0], geoTransform[3]));
            line(text, "Pixel size", String.format(Locale.ROOT, "(%.6f, %.6f)", geoTransform[1], geoTransform[5]));
        }
        for (Band band : bands) {
            line(text, "Band " + band.band(), band.type() + ", block " + band.blockWidth() + "x" + band.blockHeight()
                    + (band.noData() == null ? "" : ", nodata " + formatNoData(band.noData()))
                    + (band.overviews() == 0 ? "" : ", " + band.overviews() + " overviews"));
        }
        return text.toString().stripTrailing();
    }

    private static String formatNoData(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-12s%s%n", label + ":", value));
    }
}
