package io.tilework.server.rasters;

import io.tilework.gdal.raster.GeoTransform;
import io.tilework.raster.Interpolation;
import io.tilework.raster.QueryOptions;
import io.tilework.raster.Raster;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import io.tilework.server.api.ApiFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code POST /api/rasters/{id}/read}, checked against the raster before anything is
 * computed: every window overlaps the raster and is under the size limit, the bands exist, the
 * resampling is known. A refusal names the window's index.
 *
 * @param windows        the windows in the order asked
 * @param bands          0-based band indices
 * @param interpolation  for footprints off the raster's grid
 * @param readAheadBytes how much may be computed beyond what was written
 */
record ReadRequest(List<Window> windows, int[] bands, Interpolation interpolation, long readAheadBytes) {

    static final int MAX_WINDOWS = 100_000;
    static final long MAX_WINDOW_BYTES = 256L << 20;
    /** About ten 512 x 512 RGB tiles: the cores stay busy, and few tiles stay alive in the heap (bench/python.sh). */
    static final long DEFAULT_READ_AHEAD_BYTES = 8L << 20;
    static final long MAX_READ_AHEAD_BYTES = 256L << 20;

    /**
     * One window of the request.
     *
     * @param asked     what the client sent for it, echoed in its frame's header
     * @param footprint where it lies
     * @param bytes     its array's size in the frame
     */
    record Window(int index, Object asked, Footprint footprint, long bytes) {
    }

    static ReadRequest parse(Map<String, Object> body, Raster raster) {
        int[] bands = bands(body.get("bands"), raster);
        Interpolation interpolation = interpolation(body.get("resampling"));
        long readAhead = DEFAULT_READ_AHEAD_BYTES;
        if (body.get("readAheadBytes") != null) {
            if (!(body.get("readAheadBytes") instanceof Number n) || !isWhole(n) || n.doubleValue() < 0) {
                throw ApiFailure.badRequest("readAheadBytes must be a whole number of bytes, 0 or more, not " + body.get("readAheadBytes"));
            }
            // capped: a client that asks for more and stops reading would hold that much of the shared budget
            readAhead = (long) Math.min(n.doubleValue(), MAX_READ_AHEAD_BYTES);
        }
        if (!(body.get("windows") instanceof List<?> asked) || asked.isEmpty()) {
            throw ApiFailure.badRequest("the body needs \"windows\": a list of [x, y, width, height] or "
                    + "{\"geoTransform\": [6 numbers], \"width\": w, \"height\": h}");
        }
        if (asked.size() > MAX_WINDOWS) {
            throw new ApiFailure(413, asked.size() + " windows asked; at most " + MAX_WINDOWS + " per request: split them over several");
        }
        var windows = new ArrayList<Window>(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            windows.add(window(i, asked.get(i), raster, bands.length));
        }
        return new ReadRequest(List.copyOf(windows), bands, interpolation, readAhead);
    }

    QueryOptions options(int lookahead) {
        return QueryOptions.lookahead(lookahead).withInterpolation(interpolation);
    }

    List<Footprint> footprints() {
        return windows.stream().map(Window::footprint).toList();
    }

    /** Windows computed ahead of the one being written: as many as {@link #readAheadBytes} holds, at least one. */
    int lookahead() {
        long largest = windows.stream().mapToLong(Window::bytes).max().orElse(1);
        return (int) Math.clamp(readAheadBytes / Math.max(1, largest), 1, windows.size());
    }

    private static Window window(int index, Object asked, Raster raster, int bandCount) {
        Footprint grid = raster.footprint();
        Footprint footprint;
        boolean overlaps;
        if (asked instanceof List<?> rect && rect.size() == 4 && rect.stream().allMatch(v -> v instanceof Number n && isWhole(n))) {
            long[] v = rect.stream().mapToLong(n -> ((Number) n).longValue()).toArray();
            if (rect.stream().anyMatch(n -> n instanceof java.math.BigInteger) || java.util.Arrays.stream(v).anyMatch(n -> Math.abs(n) > Integer.MAX_VALUE)) {
                throw ApiFailure.badRequest("window " + index + " " + rect + ": every number must fit in 32 bits");
            }
            if (v[2] < 1 || v[3] < 1) {
                throw ApiFailure.badRequest("window " + index + " " + rect + ": width and height must be at least 1");
            }
            footprint = grid.subGrid((int) v[0], (int) v[1], (int) v[2], (int) v[3]);
            overlaps = !new PixelRect((int) v[0], (int) v[1], (int) v[2], (int) v[3]).clampTo(grid.width(), grid.height()).isEmpty();
        } else if (asked instanceof Map<?, ?> object) {
            footprint = footprint(index, object);
            overlaps = grid.sameGrid(footprint) ? !footprint.sliceIn(grid).clampTo(grid.width(), grid.height()).isEmpty()
                    : overlap(grid.extent(), footprint.extent());
        } else {
            throw ApiFailure.badRequest("window " + index + " is " + asked + ": give [x, y, width, height] in whole pixels, or "
                    + "{\"geoTransform\": [6 numbers], \"width\": w, \"height\": h}");
        }
        if (!overlaps) {
            throw ApiFailure.badRequest("window " + index + " " + asked + " lies wholly outside the raster (" + grid.width() + " x "
                    + grid.height() + " pixels); ask only for windows that overlap it");
        }
        int bytesPerValue = raster.dataType().bytes();
        // in doubles first: the product of two 31-bit sides, bands and a value's bytes may not fit in a long
        double size = (double) footprint.pixelCount() * bandCount * bytesPerValue;
        long bytes = size > MAX_WINDOW_BYTES ? Long.MAX_VALUE : footprint.pixelCount() * bandCount * bytesPerValue;
        if (bytes > MAX_WINDOW_BYTES) {
            throw ApiFailure.badRequest("window " + index + " " + asked + " is " + String.format(Locale.ROOT, "%.0f", size) + " bytes ("
                    + footprint.width() + " x " + footprint.height() + " x " + bandCount + " band(s) x " + bytesPerValue + "), over the limit of "
                    + (MAX_WINDOW_BYTES >> 20) + " MiB per window; cut it into smaller windows");
        }
        if (!grid.sameGrid(footprint)) { // resampled: every source pixel under it is read, whatever its own size
            double under = sourcePixels(grid, footprint) * bandCount * bytesPerValue;
            if (under > MAX_WINDOW_BYTES) {
                throw ApiFailure.badRequest("window " + index + " " + asked + " covers " + String.format(Locale.ROOT, "%.0f", under)
                        + " bytes of the raster's pixels, over the limit of " + (MAX_WINDOW_BYTES >> 20) + " MiB read per window;"
                        + " cut it into smaller windows (a coarse view of a large area: read it in parts, or make an overview)");
            }
        }
        return new Window(index, asked, footprint, bytes);
    }

    /** How many of the raster's pixels lie under {@code footprint}'s bounding box, clipped to the raster. */
    private static double sourcePixels(Footprint grid, Footprint footprint) {
        double[] under = grid.boundsOf(footprint);
        double minU = under[0], minV = under[1], maxU = under[2], maxV = under[3];
        double width = Math.max(0, Math.min(grid.width(), maxU) - Math.max(0, minU));
        double height = Math.max(0, Math.min(grid.height(), maxV) - Math.max(0, minV));
        return width * height;
    }

    private static Footprint footprint(int index, Map<?, ?> object) {
        String shape = "{\"geoTransform\": [6 numbers], \"width\": w, \"height\": h}";
        if (!(object.get("geoTransform") instanceof List<?> coefficients) || coefficients.size() != 6
                || !coefficients.stream().allMatch(c -> c instanceof Number n && Double.isFinite(n.doubleValue()))
                || !(object.get("width") instanceof Number width) || !isWhole(width)
                || !(object.get("height") instanceof Number height) || !isWhole(height)) {
            throw ApiFailure.badRequest("window " + index + " is " + object + "; a footprint window is " + shape);
        }
        if (width.doubleValue() < 1 || height.doubleValue() < 1 || width.doubleValue() > Integer.MAX_VALUE
                || height.doubleValue() > Integer.MAX_VALUE) {
            throw ApiFailure.badRequest("window " + index + ": width and height must be at least 1 (and fit in 32 bits), not "
                    + width + " x " + height);
        }
        double[] values = coefficients.stream().mapToDouble(c -> ((Number) c).doubleValue()).toArray();
        try {
            return Footprint.of(GeoTransform.of(values), width.intValue(), height.intValue());
        } catch (IllegalArgumentException e) {
            throw ApiFailure.badRequest("window " + index + ": " + e.getMessage());
        }
    }

    /** Whether two extents {minX, minY, maxX, maxY} share an area. */
    private static boolean overlap(double[] a, double[] b) {
        return Math.min(a[2], b[2]) > Math.max(a[0], b[0]) && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);
    }

    /** 1-based band numbers as given, 0-based indices back; all bands when absent. */
    private static int[] bands(Object given, Raster raster) {
        if (given == null) {
            return raster.allBands();
        }
        if (!(given instanceof List<?> list) || list.isEmpty()) {
            throw ApiFailure.badRequest("bands must be a non-empty list of band numbers (1-based, like GDAL), not " + given);
        }
        int[] bands = new int[list.size()];
        for (int i = 0; i < bands.length; i++) {
            if (!(list.get(i) instanceof Number n) || !isWhole(n) || n.longValue() < 1 || n.longValue() > raster.bandCount()) {
                throw ApiFailure.badRequest("band " + list.get(i) + " does not exist: the raster has bands 1.." + raster.bandCount()
                        + " (1-based, like GDAL)");
            }
            bands[i] = n.intValue() - 1;
        }
        return bands;
    }

    private static Interpolation interpolation(Object given) {
        if (given == null) {
            return Interpolation.NEAREST;
        }
        String name = given.toString().toUpperCase(Locale.ROOT);
        for (Interpolation value : Interpolation.values()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw ApiFailure.badRequest("resampling " + given + " is not known; give nearest, bilinear, cubic or average");
    }

    private static boolean isWhole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte || n instanceof java.math.BigInteger;
    }
}
