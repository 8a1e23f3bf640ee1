package io.tilework.raster.terrain;

import io.tilework.raster.failure.TerrainOptionInvalid;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds terrain operations from gdaldem command lines, e.g.
 * {@code TerrainOperations.parse("hillshade", "-z 2 -az 270 -alt 30")}.
 *
 * <p>Modes and option names are matched without regard to case, as gdaldem does, and
 * {@code --name} is read as {@code -name}. Only options that change the computation are
 * accepted; gdaldem's input and output options ({@code -b}, {@code -of}, {@code -co},
 * {@code -q}) and options of another mode are refused with a message that lists what the mode
 * accepts, so that a command line is never silently half-applied.
 */
public final class TerrainOperations {

    private static final String MODES = "hillshade (or shade), slope, aspect, TRI, TPI, roughness";

    private TerrainOperations() {
    }

    /** The operation for a gdaldem mode and its options, separated by whitespace. */
    public static TerrainOperation parse(String mode, String options) {
        String trimmed = options == null ? "" : options.strip();
        return parse(mode, trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+")));
    }

    /**
     * The operation for a gdaldem mode and its option arguments.
     *
     * @throws TerrainOptionInvalid naming the mode or option at fault and what is accepted
     */
    public static TerrainOperation parse(String mode, List<String> arguments) {
        Mode parsed = Mode.of(mode);
        Map<String, String> given = parsed.read(arguments);
        boolean edges = given.containsKey("-compute_edges");
        return switch (parsed) {
            case SLOPE -> new Slope(gradient(given, parsed), given.containsKey("-p"),
                    number(given, "-s", 1, parsed), edges);
            case ASPECT -> new Aspect(gradient(given, parsed), given.containsKey("-trigonometric"),
                    given.containsKey("-zero_for_flat"), edges);
            case HILLSHADE -> hillshade(given, edges);
            case TRI -> new TerrainRuggednessIndex(triAlgorithm(given), edges);
            case TPI -> new TopographicPositionIndex(edges);
            case ROUGHNESS -> new Roughness(edges);
        };
    }

    private static Hillshade hillshade(Map<String, String> given, boolean edges) {
        List<String> shadings = given.keySet().stream()
                .filter(name -> name.equals("-combined") || name.equals("-multidirectional") || name.equals("-igor"))
                .toList();
        if (shadings.size() > 1) {
            throw new TerrainOptionInvalid("gdaldem hillshade takes at most one of -combined, -multidirectional "
                    + "and -igor, not " + String.join(" and ", shadings));
        }
        Hillshade.Shading shading = shadings.isEmpty() ? Hillshade.Shading.STANDARD : switch (shadings.getFirst()) {
            case "-combined" -> Hillshade.Shading.COMBINED;
            case "-multidirectional" -> Hillshade.Shading.MULTIDIRECTIONAL;
            default -> Hillshade.Shading.IGOR;
        };
        if (shading == Hillshade.Shading.MULTIDIRECTIONAL && given.containsKey("-az")) {
            throw new TerrainOptionInvalid("gdaldem hillshade -multidirectional lights from four fixed azimuths; "
                    + "drop -az or the -multidirectional flag");
        }
        if (shading == Hillshade.Shading.IGOR && given.containsKey("-alt")) {
            throw new TerrainOptionInvalid("gdaldem hillshade -igor does not use a light altitude; "
                    + "drop -alt or the -igor flag");
        }
        Mode mode = Mode.HILLSHADE;
        return new Hillshade(gradient(given, mode), number(given, "-z", 1, mode), number(given, "-s", 1, mode),
                number(given, "-az", 315, mode), number(given, "-alt", 45, mode), shading, edges);
    }

    private static Gradient gradient(Map<String, String> given, Mode mode) {
        String name = given.get("-alg");
        if (name == null) {
            return Gradient.HORN;
        }
        for (Gradient gradient : Gradient.values()) {
            if (gradient.gdalName().equalsIgnoreCase(name)) {
                return gradient;
            }
        }
        throw new TerrainOptionInvalid("gdaldem " + mode.gdalName + " -alg " + name
                + " is not an algorithm; use Horn or ZevenbergenThorne");
    }

    private static TerrainRuggednessIndex.Algorithm triAlgorithm(Map<String, String> given) {
        String name = given.get("-alg");
        if (name == null) {
            return TerrainRuggednessIndex.Algorithm.RILEY;
        }
        for (TerrainRuggednessIndex.Algorithm algorithm : TerrainRuggednessIndex.Algorithm.values()) {
            if (algorithm.gdalName().equalsIgnoreCase(name)) {
                return algorithm;
            }
        }
        throw new TerrainOptionInvalid("gdaldem TRI -alg " + name + " is not an algorithm; use Riley or Wilson");
    }

    private static double number(Map<String, String> given, String option, double fallback, Mode mode) {
        String text = given.get(option);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TerrainOptionInvalid("gdaldem " + mode.gdalName + " " + option + " needs a finite number, not '"
                + text + "'");
    }

    /** The modes, each with the options it accepts ({@code <...>} marks an option that takes a value). */
    private enum Mode {
        HILLSHADE("hillshade", "-alg <Horn|ZevenbergenThorne>", "-z <factor>", "-s <scale>", "-az <degrees>",
                "-alt <degrees>", "-combined", "-multidirectional", "-igor", "-compute_edges"),
        SLOPE("slope", "-alg <Horn|ZevenbergenThorne>", "-p", "-s <scale>", "-compute_edges"),
        ASPECT("aspect", "-alg <Horn|ZevenbergenThorne>", "-trigonometric", "-zero_for_flat", "-compute_edges"),
        TRI("TRI", "-alg <Riley|Wilson>", "-compute_edges"),
        TPI("TPI", "-compute_edges"),
        ROUGHNESS("roughness", "-compute_edges");

        private static final Map<String, String> ALIASES = Map.of(
                "-scale", "-s", "-azimuth", "-az", "-altitude", "-alt");
        private static final List<String> INPUT_OUTPUT = List.of("-b", "-of", "-co", "-q", "-quiet", "-format");

        private final String gdalName;
        private final List<String> usage;
        private final Map<String, Boolean> takesValue = new LinkedHashMap<>();

        Mode(String gdalName, String... usage) {
            this.gdalName = gdalName;
            this.usage = List.of(usage);
            for (String option : usage) {
                takesValue.put(option.split(" ")[0], option.contains("<"));
            }
        }

        static Mode of(String name) {
            if (name != null) {
                String wanted = name.strip();
                if (wanted.equalsIgnoreCase("shade")) {
                    return HILLSHADE;
                }
                for (Mode mode : values()) {
                    if (mode.gdalName.equalsIgnoreCase(wanted)) {
                        return mode;
                    }
                }
            }
            String hint = "color-relief".equalsIgnoreCase(name == null ? "" : name.strip())
                    ? " (color-relief maps elevations to colours; it is not a terrain operation)" : "";
            throw new TerrainOptionInvalid("unknown gdaldem mode '" + name + "'" + hint + "; the terrain "
                    + "operations are " + MODES);
        }

        /** The options given, by canonical name, with their values ("" for flags). */
        Map<String, String> read(List<String> arguments) {
            Map<String, String> given = new LinkedHashMap<>();
            List<String> tokens = List.copyOf(arguments);
            for (int i = 0; i < tokens.size(); i++) {
                String name = canonical(tokens.get(i));
                Boolean valued = takesValue.get(name);
                if (valued == null) {
                    throw refusal(tokens.get(i), name);
                }
                if (!valued) {
                    given.put(name, "");
                } else if (i + 1 < tokens.size()) {
                    given.put(name, tokens.get(++i));
                } else {
                    throw new TerrainOptionInvalid("gdaldem " + gdalName + " option " + name
                            + " needs a value: " + usage.stream().filter(u -> u.startsWith(name + " ")).findFirst()
                            .orElse(name));
                }
            }
            return given;
        }

        private TerrainOptionInvalid refusal(String token, String name) {
            String accepted = "; " + gdalName + " accepts " + String.join(", ", usage);
            if (INPUT_OUTPUT.contains(name)) {
                return new TerrainOptionInvalid("gdaldem option " + token + " chooses an input band or output "
                        + "file, not the computation: choose the band when reading the DEM and the format when "
                        + "writing the result" + accepted);
            }
            List<String> owners = Arrays.stream(values())
                    .filter(other -> other.takesValue.containsKey(name)).map(other -> other.gdalName).toList();
            if (!owners.isEmpty()) {
                return new TerrainOptionInvalid("option " + token + " is not one of gdaldem " + gdalName
                        + " but of " + String.join(", ", owners) + accepted);
            }
            return new TerrainOptionInvalid("unknown option '" + token + "' for gdaldem " + gdalName + accepted);
        }

        private static String canonical(String token) {
            String name = token.toLowerCase(Locale.ROOT);
            if (name.startsWith("--")) {
                name = name.substring(1);
            }
            return ALIASES.getOrDefault(name, name);
        }
    }
}
