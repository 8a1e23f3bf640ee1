package io.tilework.raster;

import io.tilework.engine.CancellationToken;
import io.tilework.engine.Engine;
import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.Pools;
import io.tilework.engine.pool.RemoteFunctions;
import io.tilework.raster.footprint.PixelRect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raster functions a worker runs: {@value #TILE}, one computation tile of a terrain or NDVI
 * recipe, rebuilt from its descriptor alone. Its parameters:
 *
 * <ul>
 *   <li>{@code recipe}: {@code terrain} or {@code ndvi};
 *   <li>terrain: {@code mode} (gdaldem's, as given), {@code options} (how many gdaldem option
 *       arguments) and {@code options.0}, {@code options.1}, ... (each argument), {@code dem} (the
 *       DEM's absolute path); ndvi: {@code red} and {@code nir} (absolute paths);
 *   <li>{@code tile}: the side of the computation tiles; {@code x}, {@code y}, {@code width},
 *       {@code height}: the tile's pixel rectangle in the recipe's grid;
 *   <li>{@code identity}: the coordinator's recipe identity (name, version, parameters, grid and
 *       each input file's path, size and modification time). The worker rebuilds the recipe from
 *       the files it sees and refuses the tile when its identity differs, so a member that sees
 *       another file under the same path never returns other pixels.
 * </ul>
 *
 * <p>Inputs are read by path: every member needs the files at the same paths (a shared disk or
 * the same mounted volume). A worker JVM keeps one raster session for all its chunks: its file
 * handle pool (bounded, one handle per thread at a time) and the last {@value #RECIPES} recipes
 * rebuilt (their files opened and checked once, not once per tile). The result is the tile's
 * {@link TileCodec} bytes, as the coordinator would cache them.
 */
public final class RasterFunctions implements RemoteFunctions {

    /** The function (and chunk kind) of a computation tile. */
    public static final String TILE = "raster.tile";

    static final String RECIPE = "recipe";
    static final String MODE = "mode";
    static final String OPTIONS = "options";
    static final String TILE_SIZE = "tile";
    static final String IDENTITY = "identity";
    static final String X = "x";
    static final String Y = "y";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";

    /** Recipes kept rebuilt per worker JVM. */
    private static final int RECIPES = 32;

    @Override
    public void register(FunctionRegistry registry) {
        registry.register(TILE, (parameters, inputs) -> Worker.INSTANCE.tile(parameters));
    }

    /** The state of this JVM as a worker, made on the first tile it runs. */
    private static final class Worker {

        static final Worker INSTANCE = new Worker();

        /** Reads files for the rebuilt recipes: a small engine (reads on its I/O pool) and the bounded handle pool. */
        private final RasterSession session = RasterSession.create(Engine.builder().pool(Pools.cpu(1)));

        /** Rebuilt recipes by their parameters without the tile's rectangle, least recently used first. */
        private final Map<String, Recipe> recipes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Recipe> eldest) {
                return size() > RECIPES;
            }
        };

        byte[] tile(Map<String, String> parameters) throws Exception {
            PixelRect rect = new PixelRect(number(parameters, X), number(parameters, Y), number(parameters, WIDTH),
                    number(parameters, HEIGHT));
            String expected = required(parameters, IDENTITY);
            String key = recipeKey(parameters);
            Recipe recipe;
            synchronized (recipes) {
                recipe = recipes.get(key);
            }
            if (recipe == null || !recipe.identity().equals(expected)) { // new, or its files changed since
                recipe = rebuild(parameters);
                if (!recipe.identity().equals(expected)) {
                    throw new IllegalStateException(TILE + ": this worker rebuilt " + recipe.name() + " from " + files(parameters)
                            + " as " + recipe.identity() + ", not the coordinator's " + expected + "; members must see the same"
                            + " input files at the same paths (a shared disk or the same mounted volume) and run the same"
                            + " Tilework version");
                }
                synchronized (recipes) {
                    recipes.put(key, recipe);
                }
            }
            Tile tile = recipe.computeAlone(rect, CancellationToken.NONE);
            return new TileCodec(tile.footprint(), tile.type()).encode(tile);
        }

        private Recipe rebuild(Map<String, String> parameters) {
            int tileSize = number(parameters, TILE_SIZE);
            return switch (required(parameters, RECIPE)) {
                case "terrain" -> {
                    int count = number(parameters, OPTIONS);
                    List<String> options = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        options.add(required(parameters, OPTIONS + "." + i));
                    }
                    yield TerrainRecipes.terrain(session, open(parameters, "dem"), required(parameters, MODE), options, tileSize,
                            null, false);
                }
                case "ndvi" -> TerrainRecipes.ndvi(session, open(parameters, "red"), open(parameters, "nir"), tileSize, null, false);
                default -> throw new IllegalArgumentException(TILE + ": unknown recipe '" + parameters.get(RECIPE)
                        + "'; this worker knows terrain and ndvi (a member of another Tilework version?)");
            };
        }

        private FileRaster open(Map<String, String> parameters, String input) {
            Path path = Path.of(required(parameters, input));
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(TILE + ": " + path + " (input '" + input + "') is not a file on this worker;"
                        + " members need the inputs at the same paths (a shared disk or the same mounted volume)");
            }
            return session.open(path);
        }

        /** The input files named by {@code parameters}, for messages. */
        private static String files(Map<String, String> parameters) {
            return String.join(" and ", new TreeMap<>(parameters).entrySet().stream()
                    .filter(e -> List.of("dem", "red", "nir").contains(e.getKey())).map(Map.Entry::getValue).toList());
        }

        private static String recipeKey(Map<String, String> parameters) {
            var key = new TreeMap<>(parameters);
            key.keySet().removeAll(List.of(X, Y, WIDTH, HEIGHT));
            return key.toString();
        }

        private static String required(Map<String, String> parameters, String name) {
            String value = parameters.get(name);
            if (value == null) {
                throw new IllegalArgumentException(TILE + ": the descriptor has no parameter '" + name + "'; it has "
                        + new TreeMap<>(parameters).keySet());
            }
            return value;
        }

        private static int number(Map<String, String> parameters, String name) {
            String value = required(parameters, name);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(TILE + ": parameter '" + name + "' is not a whole number: '" + value + "'");
            }
        }
    }
}
