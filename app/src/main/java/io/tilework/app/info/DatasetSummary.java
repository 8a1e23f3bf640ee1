package io.tilework.app.info;

/** What {@code tilework info} reports: text for people, the record itself as JSON. */
sealed interface DatasetSummary permits RasterSummary, VectorSummary {

    /** The human-readable report. */
    String toText();

    /** "WGS 84 / UTM zone 18N (EPSG:32618)", or "none". */
    static String describeCrs(String name, Integer epsg) {
        if (name == null) {
            return "none";
        }
        return epsg == null ? name : name + " (EPSG:" + epsg + ")";
    }
}
