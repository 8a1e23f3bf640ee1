package io.tilework.raster.terrain;

/**
 * The gdaldem options that change a terrain computation, declared once: the command line builds
 * its options from this list and hands what it was given back to {@link TerrainOperations#parse},
 * which checks each against the mode.
 *
 * @param name        gdaldem's name, with its single dash
 * @param valueLabel  how help shows the value, or {@code null} for a flag
 * @param description one line for help
 */
public record GdaldemOption(String name, String valueLabel, String description) {

    /** Every option, in gdaldem's order of appearance in its usage. */
    public static final java.util.List<GdaldemOption> ALL = java.util.List.of(
            new GdaldemOption("-compute_edges", null, "compute the raster's edges and pixels next to nodata too"),
            new GdaldemOption("-alg", "ALG", "Horn (default) or ZevenbergenThorne; for tri: Riley or Wilson"),
            new GdaldemOption("-p", null, "slope: percent instead of degrees"),
            new GdaldemOption("-s", "SCALE", "ratio of vertical to horizontal units (111120 for degrees and metres)"),
            new GdaldemOption("-z", "FACTOR", "hillshade: vertical exaggeration"),
            new GdaldemOption("-az", "DEGREES", "hillshade: azimuth of the light (315)"),
            new GdaldemOption("-alt", "DEGREES", "hillshade: altitude of the light (45)"),
            new GdaldemOption("-combined", null, "hillshade: combined shading"),
            new GdaldemOption("-multidirectional", null, "hillshade: multidirectional shading"),
            new GdaldemOption("-igor", null, "hillshade: Igor's shading"),
            new GdaldemOption("-zero_for_flat", null, "aspect: 0 instead of nodata for flat areas"),
            new GdaldemOption("-trigonometric", null, "aspect: trigonometric angles instead of azimuths"));

    /** Whether the option takes a value ({@code -z 2}) or is a flag ({@code -p}). */
    public boolean takesValue() {
        return valueLabel != null;
    }
}
