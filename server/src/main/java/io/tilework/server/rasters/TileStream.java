package io.tilework.server.rasters;

import io.tilework.engine.Outcome;
import io.tilework.engine.ResultStream;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.failure.UserFailure;
import io.tilework.raster.Raster;
import io.tilework.raster.Tile;
import io.tilework.server.api.ApiFailure;
import io.tilework.server.api.Json;
import io.tilework.server.metrics.RasterStreamCounters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Writes the answer to one read: a frame per window in the order asked, then the end frame. A
 * frame is a little-endian uint32 header length, the UTF-8 JSON header, and the window's values
 * when the header has a shape (see {@link TileBytes}); a window that failed is a header with its
 * error, and the stream goes on.
 *
 * <p>Flow control is the engine's: the result stream computes at most the lookahead beyond the
 * window being written, and writing blocks while the client does not read, so a slow client holds
 * back its own windows only. A client that goes away is noticed at the next write: the result
 * stream is closed, which cancels every window nobody else needs.
 */
final class TileStream {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TileStream.class);

    static final String CONTENT_TYPE = "application/x-tilework-tiles";
    /**
     * How long a stream may stand still (the client reads nothing, or a window takes that long)
     * before it is cut: Jetty's 30 s would cut a training loop whose step is slower than that.
     */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    private final RasterStreamCounters counters;
    /** Makes a message fit for the client: paths relative to the data root. */
    private final UnaryOperator<String> shown;

    TileStream(RasterStreamCounters counters, UnaryOperator<String> shown) {
        this.counters = counters;
        this.shown = shown;
    }

    void write(Raster raster, ReadRequest request, HttpServletRequest http, HttpServletResponse response) {
        List<ReadRequest.Window> windows = request.windows();
        int lookahead = request.lookahead();
        EndPoint connection = connection(http);
        long idleTimeout = connection == null ? 0 : connection.getIdleTimeout();
        ResultStream<Tile> tiles;
        try {
            tiles = raster.queue(request.footprints(), request.options(lookahead), request.bands());
        } catch (UnsupportedOperationException e) { // a resampling the grids do not allow: nothing written yet
            throw ApiFailure.badRequest(e.getMessage());
        }
        int written = 0;
        long ahead = 0; // bytes of the windows being computed or held, not yet written
        counters.streamStarted();
        try (tiles) {
            if (connection != null) {
                connection.setIdleTimeout(PATIENCE.toMillis());
            }
            response.setStatus(200);
            response.setContentType(CONTENT_TYPE);
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold frames back
            OutputStream out = response.getOutputStream();
            for (int i = 0; i < Math.min(lookahead, windows.size()); i++) {
                ahead += windows.get(i).bytes();
            }
            counters.readAhead(ahead);
            for (ReadRequest.Window window : windows) {
                Outcome<Tile> outcome = tiles.nextOutcome();
                int started = window.index() + lookahead; // taking this window lets that one start
                if (started < windows.size()) {
                    ahead += windows.get(started).bytes();
                    counters.readAhead(windows.get(started).bytes());
                }
                switch (outcome) {
                    case Outcome.Success<Tile>(int index, Tile tile) -> counters.windowSent(frame(out, header(window, tile), tile));
                    case Outcome.Failure<Tile>(int index, TaskFailedException failure) ->
                            counters.bytesSent(frame(out, Map.of("index", window.index(), "error", shown.apply(message(failure))), null));
                }
                written++;
                ahead -= window.bytes();
                counters.readAhead(-window.bytes());
            }
            counters.bytesSent(frame(out, Map.of("end", true, "windows", windows.size()), null));
        } catch (IOException clientGone) {
            counters.windowsCancelled(windows.size() - written); // closing the stream cancelled them
        } catch (InterruptedException e) { // the server is stopping: the stream ends without its end frame, as cut
            counters.windowsCancelled(windows.size() - written);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!response.isCommitted()) {
                throw e; // nothing sent yet: the usual JSON error answers it
            }
            // frames went out already: no error page can follow them; the stream ends without its end frame, as cut
            LOG.error("a raster stream failed after {} of {} windows", written, windows.size(), e);
            counters.windowsCancelled(windows.size() - written);
        } finally {
            if (connection != null) {
                connection.setIdleTimeout(idleTimeout); // the connection may serve other requests (keep-alive)
            }
            counters.readAhead(-ahead);
            counters.streamEnded();
        }
    }

    /** The request's connection as Jetty holds it, whose idle timeout the stream changes; null under another server. */
    private static EndPoint connection(HttpServletRequest http) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(http);
        return jetty == null ? null : jetty.getConnectionMetaData().getConnection().getEndPoint();
    }

    private static Map<String, Object> header(ReadRequest.Window window, Tile tile) {
        var header = new LinkedHashMap<String, Object>();
        header.put("index", window.index());
        header.put("window", window.asked());
        header.put("shape", List.of(tile.bandCount(), tile.height(), tile.width()));
        header.put("type", tile.type().gdalName());
        header.put("bytes", tile.byteCount());
        return header;
    }

    /** Writes one frame and flushes it; returns its size in bytes. */
    private static long frame(OutputStream out, Map<String, Object> header, Tile tile) throws IOException {
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int length = json.length;
        out.write(new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)});
        out.write(json);
        long size = 4L + length;
        if (tile != null) {
            TileBytes.write(tile, out);
            size += tile.byteCount();
        }
        out.flush();
        return size;
    }

    /** The failure's one line: the user's fault as its message says it, else what the engine says failed. */
    private static String message(TaskFailedException failure) {
        String text = failure.getCause() instanceof UserFailure user ? user.getMessage() : failure.getMessage();
        return text == null ? "failed" : text.lines().findFirst().orElse(text);
    }
}
