package io.tilework.server.rasters;

import io.javalin.http.Context;
import io.tilework.server.api.ApiFailure;
import io.tilework.server.api.Endpoint;
import io.tilework.server.api.Json;
import io.tilework.server.metrics.RasterStreamCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/rasters}: open a raster file or a recipe over opened rasters, describe it, and read
 * windows of it as a stream of frames (see {@link TileStream}), in the order asked, with at most
 * the client's read-ahead computed beyond what was written.
 */
public final class RasterRoutes {

    static final String FRAMES = "frames in the order of the windows: a little-endian uint32 header length, a UTF-8 JSON header "
            + "{index, window, shape: [bands, height, width], type, bytes}, then that many bytes of little-endian values, "
            + "band-major; a failed window's header is {index, error} with no values; the last frame is {end: true, windows: N} "
            + "(a stream without it was cut)";

    private final OpenRasters rasters;
    private final TileStream stream;

    public RasterRoutes(OpenRasters rasters, RasterStreamCounters counters) {
        this.rasters = rasters;
        this.stream = new TileStream(counters, rasters::hidingRoot);
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.post("/api/rasters", "opens a raster file (path relative to the data root) or a recipe over opened rasters "
                                + "(a gdaldem terrain mode, or ndvi); the same file or recipe gets the same id").tag("rasters")
                        .body("RasterOpen").returns("Raster")
                        .errors(Map.of(400, "not a raster, a path leaving the data root, a wrong recipe, option or tile size",
                                404, "no such file, or an input id that is not open",
                                409, "a cache folder holding another raster's tiles, or another folder for a recipe that caches elsewhere",
                                503, "GDAL cannot be loaded, or the server is stopping"))
                        .handle(this::open),
                Endpoint.get("/api/rasters/{id}", "an open raster: size, bands, type, nodata, CRS, geotransform, tile size").tag("rasters")
                        .returns("Raster").errors(Map.of(404, "no raster open under this id")).handle(this::describe),
                Endpoint.post("/api/rasters/{id}/read", "reads windows (pixel rectangles, which may reach outside the raster, or "
                                + "footprints, resampled when off its grid) as a stream of application/x-tilework-tiles frames, "
                                + "at most readAheadBytes computed ahead; a client that disconnects cancels what it asked for")
                        .tag("rasters").body("RasterRead").produces(TileStream.CONTENT_TYPE, FRAMES)
                        .errors(Map.of(400, "a window outside the raster, empty or over 256 MiB (named by its index), a band or "
                                        + "resampling that does not exist",
                                404, "no raster open under this id", 413, "more than 100,000 windows"))
                        .handle(this::read));
    }

    private void open(Context ctx) {
        Map<String, Object> body = Json.body(ctx);
        boolean file = body.get("path") != null;
        if (file == (body.get("recipe") != null)) {
            throw ApiFailure.badRequest("the body needs either \"path\" (a raster file under the data root) or \"recipe\" "
                    + "(with \"inputs\": ids of opened rasters)" + (file ? ", not both" : ""));
        }
        OpenRaster open;
        if (file) {
            open = rasters.openFile(Json.text(body, "path"));
        } else {
            Object tileSize = body.get("tileSize");
            if (tileSize != null && !(tileSize instanceof Integer)) {
                throw ApiFailure.badRequest("tileSize must be a whole number of pixels, a multiple of 16, not " + tileSize);
            }
            Object cache = body.get("cache");
            if (cache != null && !(cache instanceof String)) {
                throw ApiFailure.badRequest("cache must be a folder's path under the data root, not " + cache);
            }
            open = rasters.openRecipe(Json.text(body, "recipe"), strings(body, "inputs", true), strings(body, "options", false),
                    (String) cache, tileSize == null ? OpenRasters.DEFAULT_TILE_SIZE : (Integer) tileSize);
        }
        ctx.header("Location", "/api/rasters/" + open.id());
        Json.answer(ctx, 200, RasterDescription.of(open));
    }

    private void describe(Context ctx) {
        Json.answer(ctx, 200, RasterDescription.of(rasters.get(ctx.pathParam("id"))));
    }

    private void read(Context ctx) {
        OpenRaster open = rasters.get(ctx.pathParam("id"));
        ReadRequest request = ReadRequest.parse(Json.body(ctx), open.raster());
        stream.write(open.raster(), request, ctx.req(), ctx.res());
    }

    /** A list of texts (numbers taken as their text: ["-z", 2]); required or empty when absent. */
    private static List<String> strings(Map<String, Object> body, String name, boolean required) {
        Object value = body.get(name);
        if (value == null && !required) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || (required && list.isEmpty())) {
            throw ApiFailure.badRequest("\"" + name + "\" must be a " + (required ? "non-empty " : "") + "list of texts, not " + value);
        }
        var texts = new ArrayList<String>(list.size());
        for (Object item : list) {
            if (!(item instanceof String) && !(item instanceof Number)) {
                throw ApiFailure.badRequest("\"" + name + "\" holds " + item + "; give texts, e.g. [\"-compute_edges\", \"-z\", \"2\"]");
            }
            texts.add(item.toString());
        }
        return texts;
    }
}
