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

    /**
     * gdaldem's arguments for options given by name, as a job's parameters give them: the name
     * with or without its dash ({@code z}, {@code -z}, {@code compute_edges}), a value for an
     * option that takes one, {@code true} or {@code false} for a flag. In the order of {@link #ALL}.
     *
     * @throws TerrainOptionInvalid for a name gdaldem does not know or a flag that is not true or false
     */
    public static java.util.List<String> arguments(java.util.Map<String, String> given) {
        var byName = new java.util.HashMap<String, String>();
        for (var option : given.entrySet()) {
            String name = option.getKey().startsWith("-") ? option.getKey() : "-" + option.getKey();
            if (ALL.stream().noneMatch(known -> known.name().equals(name))) {
                throw new io.tilework.raster.failure.TerrainOptionInvalid("unknown gdaldem option '" + option.getKey()
                        + "'; the options are " + ALL.stream().map(known -> known.name().substring(1)).toList());
            }
            byName.put(name, option.getValue());
        }
        var arguments = new java.util.ArrayList<String>();
        for (GdaldemOption option : ALL) {
            String value = byName.get(option.name());
            if (value == null) {
                continue;
            }
            if (option.takesValue()) {
                arguments.add(option.name());
                arguments.add(value);
            } else if (value.equalsIgnoreCase("true")) {
                arguments.add(option.name());
            } else if (!value.equalsIgnoreCase("false")) {
                throw new io.tilework.raster.failure.TerrainOptionInvalid("gdaldem option '" + option.name().substring(1)
                        + "' is a flag: true or false, not '" + value + "'");
            }
        }
        return java.util.List.copyOf(arguments);
    }
}
