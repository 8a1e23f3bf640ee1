package io.tilework.app.info;

import io.tilework.gdal.srs.SpatialReference;
import java.util.Optional;
import java.util.OptionalInt;

/** What {@code tilework info} reports: text for people, the record itself as JSON. */
sealed interface DatasetSummary permits RasterSummary, VectorSummary {

    /** The human-readable report. */
    String toText();

    /** The CRS's EPSG code, or null when there is no CRS or it declares none (JSON: absent). */
    static Integer epsgOf(Optional<SpatialReference> srs) {
        return srs.map(SpatialReference::epsgCode).filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).orElse(null);
    }

    /** "WGS 84 / UTM zone 18N (EPSG:32618)", or "none". */
    static String describeCrs(String name, Integer epsg) {
        if (name == null) {
            return "none";
        }
        return epsg == null ? name : name + " (EPSG:" + epsg + ")";
    }
}
