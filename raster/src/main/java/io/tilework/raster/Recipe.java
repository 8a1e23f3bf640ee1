package io.tilework.raster;

import io.tilework.engine.CancellationToken;
import io.tilework.engine.Task;
import io.tilework.engine.TaskInputs;
import io.tilework.engine.TaskKey;
import io.tilework.gdal.raster.DataType;
import io.tilework.raster.cache.CacheDirectory;
import io.tilework.raster.footprint.BoundaryEffect;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import io.tilework.raster.footprint.TileLocus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * A raster computed tile by tile from other rasters, only where and when someone asks for it.
 *
 * <p>The recipe's grid is cut into <em>computation tiles</em>: the function runs once per
 * computation tile, given each input over that tile's footprint converted by the input's
 * conversion (e.g. {@code dilate(1)} for a 3 x 3 neighbourhood). A cached recipe also has
 * <em>cache tiles</em>, which are stored in its cache directory under keys made of the recipe's
 * name, version, parameters and inputs; when they differ from the computation tiles, a cache tile
 * is merged from the computation tiles it overlaps. Requests are assembled from cache tiles (or
 * computation tiles, uncached); parts outside the recipe's footprint are nodata.
 */
public final class Recipe implements Raster {

    /** The pool computation tiles run on (the engine's default). */
    private static final String TILE_POOL = "cpu";

    private final RasterSession session;
    private final String name;
    private final int version;
    private final String parameterDigest;
    private final Footprint footprint;
    private final int bandCount;
    private final DataType dataType;
    private final OptionalDouble noData;
    private final String crsWkt;
    private final Map<String, Input> inputs;
    /** The inputs' names in the order their tasks are given to a computation tile. */
    private final List<String> inputNames;
    private final int computeSize;
    private final int cacheSize;
    private final boolean cached;
    private final TileFunction function;
    /**
     * What a worker needs to compute a tile of this recipe alone (without the tile's pixel
     * rectangle), when the recipe is described and its tiles' pool is remote; else null, and tiles
     * are computed here from their input tasks.
     */
    private final Map<String, String> remote;

    /** A named input: a raster, how a tile's footprint becomes the footprint read from it, and the bands read. */
    private record Input(Raster raster, UnaryOperator<Footprint> conversion, int[] bands) {

        /** The input's part of the recipe's identity: the bands are named when they are not all of them. */
        String identity() {
            return Arrays.equals(bands, raster.allBands()) ? raster.identity() : raster.identity() + "#bands" + Arrays.toString(bands);
        }
    }

    private Recipe(Builder b) {
        this.session = b.session;
        this.name = b.name;
        this.version = b.version;
        this.footprint = b.footprint;
        this.bandCount = b.bandCount;
        this.dataType = b.dataType;
        this.noData = b.noData;
        this.crsWkt = b.crsWkt != null ? b.crsWkt : b.inputs.values().stream().findFirst().map(i -> i.raster().crsWkt()).orElse("");
        this.inputs = Map.copyOf(b.inputs);
        this.inputNames = inputs.keySet().stream().sorted().toList();
        this.computeSize = b.computeSize;
        this.cacheSize = b.cacheDirectory == null ? b.computeSize : b.cacheSize;
        this.cached = b.cacheDirectory != null;
        this.function = b.function;
        var canonical = new StringBuilder(b.parameters).append('|').append(footprint).append('|').append(bandCount)
                .append('|').append(dataType).append('|').append(noData);
        b.inputs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> canonical.append('|').append(e.getKey()).append('=').append(e.getValue().identity()));
        this.parameterDigest = TaskKey.digest(canonical.toString());
        if (b.remote != null && session.engine().runsRemotely(TILE_POOL)) {
            var described = new HashMap<>(b.remote);
            described.put(RasterFunctions.IDENTITY, identity()); // the worker checks that it rebuilt this very recipe
            this.remote = Map.copyOf(described);
        } else {
            this.remote = null;
        }
    }

    public static Builder builder(RasterSession session, String name, int version) {
        return new Builder(session, name, version);
    }

    @Override
    public RasterSession session() {
        return session;
    }

    @Override
    public Footprint footprint() {
        return footprint;
    }

    @Override
    public int bandCount() {
        return bandCount;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public OptionalDouble noData(int band) {
        return noData;
    }

    @Override
    public String crsWkt() {
        return crsWkt;
    }

    @Override
    public String identity() {
        return "recipe:" + name + "@" + version + "[" + parameterDigest + "]";
    }

    public String name() {
        return name;
    }

    /** The footprints of the cache tiles (of the computation tiles when uncached), row-major. */
    public List<Footprint> cacheTiles() {
        return footprint.tile(cacheSize, cacheSize, 0, 0, BoundaryEffect.SHRINK, TileLocus.BOTTOM_RIGHT).tiles();
    }

    @Override
    public Task<Tile> gridTask(Footprint request, int[] bands) {
        PixelRect rect = Requests.checkOnGrid(this, request, bands);
        List<PixelRect> overlapped = overlapping(rect, cacheSize);
        if (overlapped.size() == 1 && overlapped.getFirst().equals(rect) && Arrays.equals(bands, allBands())) {
            // exactly one whole tile: served as it is, without assembling a copy
            return cached ? cacheTileTask(rect) : computeTileTask(rect);
        }
        List<Task<?>> parts = new ArrayList<>();
        for (PixelRect part : overlapped) {
            parts.add(cached ? cacheTileTask(part) : computeTileTask(part));
        }
        TaskKey key = new TaskKey(name + ".request", version, parameterDigest, Requests.chunk(rect, bands));
        double[] fill = fillValues(bands);
        return Task.<Tile>builder(key).inputs(parts).estimatedBytes(Tile.bytesFor(request, bands.length, dataType))
                .compute((in, cancel) -> assemble(request, dataType, in, bands, fill));
    }

    /** The tiles of side {@code size} of this recipe's grid that {@code rect} touches, clipped to the raster. */
    private List<PixelRect> overlapping(PixelRect rect, int size) {
        PixelRect inside = rect.clampTo(footprint.width(), footprint.height());
        if (inside.isEmpty()) {
            return List.of();
        }
        var tiles = new ArrayList<PixelRect>();
        for (int row = inside.y() / size; row * size < inside.y() + inside.height(); row++) {
            for (int col = inside.x() / size; col * size < inside.x() + inside.width(); col++) {
                tiles.add(new PixelRect(col * size, row * size, size, size).clampTo(footprint.width(), footprint.height()));
            }
        }
        return tiles;
    }

    private static Tile assemble(Footprint request, DataType type, TaskInputs parts, int[] bands, double[] fill) {
        Tile tile = Tile.filled(request, type, fill);
        for (int i = 0; i < parts.size(); i++) {
            tile.copyFrom(parts.get(i), bands);
        }
        return tile;
    }

    private Footprint footprintOf(PixelRect rect) {
        return footprint.subGrid(rect.x(), rect.y(), rect.width(), rect.height());
    }

    private Task<Tile> cacheTileTask(PixelRect rect) {
        Footprint tile = footprintOf(rect);
        TaskKey key = new TaskKey(name, version, parameterDigest, "tile-" + rect.x() + "-" + rect.y() + "-" + rect.width()
                + "x" + rect.height());
        if (!session.engineUsesStores()) {
            return selfCachedTileTask(key, rect);
        }
        var builder = Task.<Tile>builder(key).estimatedBytes(Tile.bytesFor(tile, bandCount, dataType)).codec(new TileCodec(tile, dataType));
        if (cacheSize == computeSize) {
            if (remote != null) {
                return described(builder, rect);
            }
            return builder.inputs(() -> inputTasks(tile)).compute((in, cancel) -> run(tile, in::get, cancel));
        }
        List<Task<?>> parts = new ArrayList<>();
        for (PixelRect part : overlapping(rect, computeSize)) {
            parts.add(computeTileTask(part));
        }
        int[] all = allBands();
        double[] fill = fillValues(all);
        return builder.inputs(parts).compute((in, cancel) -> assemble(tile, dataType, in, all, fill));
    }

    /**
     * A cache tile on an engine whose chunk store is not the session's ({@link RasterSession#on}):
     * an I/O task looks the tile up in the cache directory; on a miss the tile task computes it
     * from its inputs read on its own thread (as a worker does for a described tile, so only a
     * miss reads the inputs) and writes it to the directory.
     */
    private Task<Tile> selfCachedTileTask(TaskKey key, PixelRect rect) {
        Footprint tile = footprintOf(rect);
        TileCodec codec = new TileCodec(tile, dataType);
        long bytes = Tile.bytesFor(tile, bandCount, dataType);
        Task<Optional<Tile>> lookup = Task.<Optional<Tile>>builder(new TaskKey(name + ".lookup", version, parameterDigest, key.chunk()))
                .pool("io").estimatedBytes(bytes)
                .compute((in, cancel) -> session.stores().get(key).map(codec::decode));
        return Task.<Tile>builder(key).inputs(List.of(lookup)).estimatedBytes(bytes).compute((in, cancel) -> {
            Optional<Tile> cachedTile = in.get(0);
            if (cachedTile.isPresent()) {
                return cachedTile.get();
            }
            Tile computed;
            if (cacheSize == computeSize) {
                computed = computeAlone(rect, cancel);
            } else {
                computed = Tile.filled(tile, dataType, fillValues(allBands()));
                for (PixelRect part : overlapping(rect, computeSize)) {
                    computed.copyFrom(computeAlone(part, cancel), allBands());
                }
            }
            session.stores().put(key, codec.encode(computed));
            return computed;
        });
    }

    private Task<Tile> computeTileTask(PixelRect rect) {
        Footprint tile = footprintOf(rect);
        TaskKey key = new TaskKey(name + ".compute", version, parameterDigest, "tile-" + rect.x() + "-" + rect.y() + "-"
                + rect.width() + "x" + rect.height());
        var builder = Task.<Tile>builder(key).estimatedBytes(Tile.bytesFor(tile, bandCount, dataType));
        if (remote != null) {
            return described(builder.codec(new TileCodec(tile, dataType)), rect);
        }
        return builder.inputs(() -> inputTasks(tile)).compute((in, cancel) -> run(tile, in::get, cancel));
    }

    /**
     * The tile at {@code rect} as a self-contained task: no input tasks, a descriptor from which a
     * worker rebuilds this recipe and computes the tile alone ({@link RasterFunctions}), and the
     * same computation as its local function.
     */
    private Task<Tile> described(Task.Builder<Tile> builder, PixelRect rect) {
        var parameters = new HashMap<>(remote);
        parameters.put(RasterFunctions.X, Integer.toString(rect.x()));
        parameters.put(RasterFunctions.Y, Integer.toString(rect.y()));
        parameters.put(RasterFunctions.WIDTH, Integer.toString(rect.width()));
        parameters.put(RasterFunctions.HEIGHT, Integer.toString(rect.height()));
        return builder.remote(RasterFunctions.TILE, parameters).compute((in, cancel) -> computeAlone(rect, cancel));
    }

    /**
     * Computes the tile at {@code rect} (inside the recipe's grid) on the calling thread, reading
     * each input over the tile's converted footprint as the input tasks would: what a worker does
     * for a described tile.
     */
    Tile computeAlone(PixelRect rect, CancellationToken cancel) throws Exception {
        if (!rect.clampTo(footprint.width(), footprint.height()).equals(rect) || rect.isEmpty()) {
            throw new IllegalArgumentException("recipe " + name + ": tile " + rect + " is not inside its " + footprint.width()
                    + " x " + footprint.height() + " grid");
        }
        Footprint tile = footprintOf(rect);
        Tile[] read = new Tile[inputNames.size()];
        for (int i = 0; i < read.length; i++) {
            cancel.throwIfCancelled();
            Input in = inputs.get(inputNames.get(i));
            read[i] = in.raster().get(in.conversion().apply(tile), in.bands());
        }
        return run(tile, i -> read[i], cancel);
    }

    /** One task per input, in the order of {@link #inputNames}. */
    private List<Task<?>> inputTasks(Footprint tile) {
        var tasks = new ArrayList<Task<?>>(inputs.size());
        for (String input : inputNames) {
            Input in = inputs.get(input);
            tasks.add(in.raster().task(in.conversion().apply(tile), in.bands()));
        }
        return tasks;
    }

    /** Runs the tile function over {@code in}, the inputs' tiles in the order of {@link #inputNames}. */
    private Tile run(Footprint tile, IntFunction<Tile> in, CancellationToken cancel) throws Exception {
        Map<String, Tile> byName = new LinkedHashMap<>();
        for (int i = 0; i < inputNames.size(); i++) {
            byName.put(inputNames.get(i), in.apply(i));
        }
        Object[] bands = function.compute(new TileFunction.Request() {
            @Override
            public Footprint footprint() {
                return tile;
            }

            @Override
            public Tile input(String input) {
                Tile found = byName.get(input);
                if (found == null) {
                    throw new IllegalArgumentException("recipe " + name + " has no input '" + input + "'; inputs: " + inputNames);
                }
                return found;
            }

            @Override
            public Raster inputRaster(String input) {
                input(input);
                return inputs.get(input).raster();
            }

            @Override
            public CancellationToken cancellation() {
                return cancel;
            }
        });
        DataType computed = bands == null || bands.length == 0 || !(bands[0] instanceof float[]) ? dataType : DataType.FLOAT32;
        if (bands == null || bands.length != bandCount || Arrays.stream(bands).anyMatch(band -> band == null
                || !computed.carrier().isInstance(band) || java.lang.reflect.Array.getLength(band) != tile.pixelCount())) {
            throw new IllegalStateException("recipe " + name + " must return " + bandCount + " band(s) of " + tile.pixelCount()
                    + " values for " + tile + ", each a float[] or a " + dataType.carrier().getSimpleName() + " (its type, "
                    + dataType.gdalName() + ")");
        }
        // floats (as gdaldem computes) are stored in the recipe's type as GDAL converts them
        return new Tile(tile, computed, bands).as(dataType);
    }

    @Override
    public String toString() {
        return "Recipe[" + name + "@" + version + ", " + footprint + "]";
    }

    /** Describes a recipe; nothing is computed or written until someone asks for pixels. */
    public static final class Builder {
        private final RasterSession session;
        private final String name;
        private final int version;
        private String parameters = "";
        private Footprint footprint;
        private int bandCount = 1;
        private DataType dataType = DataType.FLOAT32;
        private OptionalDouble noData = OptionalDouble.empty();
        private String crsWkt;
        private final Map<String, Input> inputs = new LinkedHashMap<>();
        private int computeSize = 512;
        private int cacheSize = 512;
        private Path cacheDirectory;
        private boolean overwrite;
        private TileFunction function;
        private Map<String, String> remote;

        private Builder(RasterSession session, String name, int version) {
            if (name == null || name.isBlank() || name.contains("|")) {
                throw new IllegalArgumentException("a recipe needs a name without '|': '" + name + "'");
            }
            this.session = session;
            this.name = name;
            this.version = version;
        }

        /** The parameters as canonical text (same values, same text): part of every key. */
        public Builder parameters(String canonical) {
            this.parameters = Objects.requireNonNull(canonical);
            return this;
        }

        /** The output grid; defaults to the first input's. */
        public Builder footprint(Footprint value) {
            this.footprint = value;
            return this;
        }

        public Builder bands(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a recipe needs at least one band, not " + count);
            }
            this.bandCount = count;
            return this;
        }

        /**
         * The type of the recipe's values (default Float32): the function's floats are stored in
         * it as GDAL stores them (rounded to the nearest and clamped for integer types), in its
         * tiles, its cache and the files written from it.
         */
        public Builder dataType(DataType type) {
            this.dataType = type;
            return this;
        }

        /** The nodata of every band (padding outside the raster); by default none, and padding is 0. */
        public Builder noData(double value) {
            this.noData = OptionalDouble.of(value);
            return this;
        }

        public Builder noData(OptionalDouble value) {
            this.noData = value;
            return this;
        }

        public Builder crsWkt(String wkt) {
            this.crsWkt = wkt;
            return this;
        }

        /** An input read over each computation tile's footprint as is. */
        public Builder input(String inputName, Raster raster) {
            return input(inputName, raster, UnaryOperator.identity());
        }

        /** An input read over {@code conversion} of each computation tile's footprint (e.g. {@code f -> f.dilate(1)}). */
        public Builder input(String inputName, Raster raster, UnaryOperator<Footprint> conversion) {
            return input(inputName, raster, conversion, raster.allBands());
        }

        /**
         * An input of which only {@code bands} (0-based, in this order) are read, over {@code
         * conversion} of each computation tile's footprint: the tile function's {@code
         * input(name).band(i)} is band {@code bands[i]}. A recipe that uses one band of a DEM
         * reads that band, not every band the file has.
         */
        public Builder input(String inputName, Raster raster, UnaryOperator<Footprint> conversion, int... bands) {
            if (bands.length == 0 || Arrays.stream(bands).anyMatch(band -> band < 0 || band >= raster.bandCount())) {
                throw new IllegalArgumentException("recipe " + name + ": input '" + inputName + "' reads bands " + Arrays.toString(bands)
                        + ", but its raster has bands 0.." + (raster.bandCount() - 1));
            }
            if (inputs.putIfAbsent(inputName, new Input(raster, conversion, bands.clone())) != null) {
                throw new IllegalArgumentException("recipe " + name + " already has an input named '" + inputName + "'");
            }
            return this;
        }

        /** Side of the computation tiles in pixels (default 512). */
        public Builder computationTiles(int size) {
            this.computeSize = positive("computation tile size", size);
            return this;
        }

        /** Side of the cache tiles in pixels (default 512); only for cached recipes. */
        public Builder cacheTiles(int size) {
            this.cacheSize = positive("cache tile size", size);
            return this;
        }

        /** Caches tiles in {@code directory}; without it the recipe is computed on every request. */
        public Builder cache(Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        /** Recomputes and rewrites every cache tile once instead of reading existing ones. */
        public Builder overwrite(boolean value) {
            this.overwrite = value;
            return this;
        }

        /**
         * Lets tiles leave the JVM when the engine's "cpu" pool is remote: {@code parameters} tell a
         * worker's {@link RasterFunctions} how to rebuild this recipe from files alone (the tile's
         * rectangle and the recipe's identity are added per tile). Without a remote pool it changes
         * nothing.
         */
        Builder remote(Map<String, String> parameters) {
            this.remote = Map.copyOf(parameters);
            return this;
        }

        public Recipe compute(TileFunction tileFunction) {
            this.function = Objects.requireNonNull(tileFunction, "tileFunction");
            if (footprint == null) {
                footprint = inputs.values().stream().findFirst().map(i -> i.raster().footprint())
                        .orElseThrow(() -> new IllegalStateException("recipe " + name + " needs a footprint or an input"));
            }
            Recipe recipe = new Recipe(this);
            if (cacheDirectory != null) {
                var metadata = new LinkedHashMap<String, String>();
                metadata.put("name", name);
                metadata.put("version", Integer.toString(version));
                metadata.put("parameters", parameters);
                metadata.put("geotransform", Arrays.toString(footprint.geoTransform().toArray()));
                metadata.put("width", Integer.toString(footprint.width()));
                metadata.put("height", Integer.toString(footprint.height()));
                metadata.put("bands", Integer.toString(bandCount));
                metadata.put("type", dataType.toString());
                metadata.put("tile", Integer.toString(cacheSize));
                session.stores().register(name, recipe.parameterDigest, CacheDirectory.open(cacheDirectory, metadata, describe(), overwrite,
                        session.stores()::count));
            }
            return recipe;
        }

        /** "terrain.slope of /data/dem.tif": the recipe and what it is computed from, for people. */
        private String describe() {
            String from = inputs.keySet().stream().sorted().map(input -> switch (inputs.get(input).raster()) {
                case FileRaster file -> file.path().toString();
                case Recipe recipe -> recipe.name();
                default -> input;
            }).collect(java.util.stream.Collectors.joining(" and "));
            return from.isEmpty() ? name : name + " of " + from;
        }

        private static int positive(String what, int size) {
            if (size < 1) {
                throw new IllegalArgumentException(what + " must be positive, not " + size);
            }
            return size;
        }
    }
}
