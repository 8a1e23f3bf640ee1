package io.tilework.server.rasters;

import io.tilework.gdal.srs.SpatialReference;
import io.tilework.raster.Raster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The JSON answer describing an open raster: size, bands, type, nodata, CRS and grid (the schema {@code Raster}). */
final class RasterDescription {

    private RasterDescription() {
    }

    static Map<String, Object> of(OpenRaster open) {
        Raster raster = open.raster();
        var description = new LinkedHashMap<String, Object>();
        description.put("id", open.id());
        description.put("kind", open.kind());
        description.put("name", open.name());
        description.put("width", raster.footprint().width());
        description.put("height", raster.footprint().height());
        description.put("bands", raster.bandCount());
        description.put("type", raster.dataType().gdalName());
        description.put("noData", noData(raster));
        description.put("crsWkt", raster.crsWkt());
        description.put("epsg", epsg(raster.crsWkt()));
        description.put("geoTransform", raster.footprint().geoTransform().toArray());
        description.put("tileSize", open.tileSize());
        return description;
    }

    /** Per band: the value, "nan" for NaN (JSON has no NaN), or null for none. */
    private static List<Object> noData(Raster raster) {
        var values = new ArrayList<Object>(raster.bandCount());
        for (int band = 0; band < raster.bandCount(); band++) {
            OptionalDouble value = raster.noData(band);
            values.add(value.isEmpty() ? null : Double.isNaN(value.getAsDouble()) ? "nan" : (Object) value.getAsDouble());
        }
        return values;
    }

    /** The EPSG code the CRS declares, or null (none declared, or no CRS). */
    private static Integer epsg(String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return null;
        }
        try (SpatialReference srs = SpatialReference.fromWkt(wkt)) {
            var code = srs.epsgCode();
            return code.isPresent() ? code.getAsInt() : null;
        }
    }
}
