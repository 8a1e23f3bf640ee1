package io.tilework.raster.footprint;

import io.tilework.gdal.raster.GeoTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * A georeferenced grid of pixels: an affine geotransform and a size. Immutable; equal footprints
 * (exactly the same transform and size) are equal and hash alike, so footprints serve as keys.
 *
 * <p>Pixel (col, row) covers the parallelogram from {@code rasterToSpatial(col, row)} to
 * {@code rasterToSpatial(col + 1, row + 1)}; its centre is at (col + 0.5, row + 0.5). Operations
 * that change the grid itself (intersections of grids of another scale) need north-up grids;
 * everything else works for rotated ones too.
 */
public record Footprint(GeoTransform geoTransform, int width, int height) {

    /** Relative tolerance, in pixels, under which two grid lines are taken to be the same. */
    public static final double GRID_TOLERANCE = 1e-6;

    public Footprint {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("a footprint's size cannot be negative: " + width + " x " + height);
        }
        double determinant = geoTransform.pixelWidth() * geoTransform.pixelHeight()
                - geoTransform.rowRotation() * geoTransform.columnRotation();
        if (determinant == 0 || !Double.isFinite(determinant)) {
            throw new IllegalArgumentException("a footprint's geotransform must be invertible: " + geoTransform);
        }
    }

    public static Footprint of(GeoTransform geoTransform, int width, int height) {
        return new Footprint(geoTransform, width, height);
    }

    /**
     * A north-up grid covering {@code [minX, maxX] x [minY, maxY]} with square-or-not pixels of
     * {@code resolutionX x resolutionY} (both positive); the extent must be a whole number of pixels.
     */
    public static Footprint fromExtent(double minX, double minY, double maxX, double maxY,
                                       double resolutionX, double resolutionY) {
        if (!(resolutionX > 0) || !(resolutionY > 0)) {
            throw new IllegalArgumentException("resolutions must be positive: " + resolutionX + ", " + resolutionY);
        }
        if (!(maxX > minX) || !(maxY > minY)) {
            throw new IllegalArgumentException("empty extent: x " + minX + ".." + maxX + ", y " + minY + ".." + maxY);
        }
        int width = wholePixels("x", (maxX - minX) / resolutionX);
        int height = wholePixels("y", (maxY - minY) / resolutionY);
        return new Footprint(new GeoTransform(minX, resolutionX, 0, maxY, 0, -resolutionY), width, height);
    }

    private static int wholePixels(String axis, double pixels) {
        long rounded = Math.round(pixels);
        if (Math.abs(pixels - rounded) > GRID_TOLERANCE * Math.max(1, rounded)) {
            throw new IllegalArgumentException("the " + axis + " extent is " + pixels
                    + " pixels, not a whole number; adjust the extent or the resolution");
        }
        return Math.toIntExact(rounded);
    }

    // ---- coordinates ---------------------------------------------------------------------------

    public long pixelCount() {
        return (long) width * height;
    }

    /** The spatial coordinates of raster position (col, row); (0, 0) is the top-left corner. */
    public double[] rasterToSpatial(double col, double row) {
        GeoTransform t = geoTransform;
        return new double[] {t.originX() + col * t.pixelWidth() + row * t.rowRotation(),
                t.originY() + col * t.columnRotation() + row * t.pixelHeight()};
    }

    /** The raster position (fractional col, row) of spatial point (x, y). */
    public double[] spatialToRaster(double x, double y) {
        GeoTransform t = geoTransform;
        double det = t.pixelWidth() * t.pixelHeight() - t.rowRotation() * t.columnRotation();
        double dx = x - t.originX();
        double dy = y - t.originY();
        return new double[] {(dx * t.pixelHeight() - dy * t.rowRotation()) / det,
                (dy * t.pixelWidth() - dx * t.columnRotation()) / det};
    }

    /**
     * {minCol, minRow, maxCol, maxRow}: the bounds of {@code other}'s four corners in this grid's
     * fractional pixel positions, not clipped to it (what a footprint on another grid covers here).
     */
    public double[] boundsOf(Footprint other) {
        double minU = Double.POSITIVE_INFINITY, minV = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY, maxV = Double.NEGATIVE_INFINITY;
        for (int[] corner : new int[][] {{0, 0}, {other.width, 0}, {0, other.height}, {other.width, other.height}}) {
            double[] xy = other.rasterToSpatial(corner[0], corner[1]);
            double[] uv = spatialToRaster(xy[0], xy[1]);
            minU = Math.min(minU, uv[0]);
            maxU = Math.max(maxU, uv[0]);
            minV = Math.min(minV, uv[1]);
            maxV = Math.max(maxV, uv[1]);
        }
        return new double[] {minU, minV, maxU, maxV};
    }

    /** {minX, minY, maxX, maxY} of the four corners. */
    public double[] extent() {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int[] corner : new int[][] {{0, 0}, {width, 0}, {0, height}, {width, height}}) {
            double[] p = rasterToSpatial(corner[0], corner[1]);
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        return new double[] {minX, minY, maxX, maxY};
    }

    /**
     * Pixel-centre coordinates: {xs, ys}, each {@code width * height} values in row-major order.
     * For pixel indices instead, the meshgrid is simply {@code i % width, i / width}.
     */
    public double[][] spatialMeshgrid() {
        int n = Math.toIntExact(pixelCount());
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int row = 0, i = 0; row < height; row++) {
            for (int col = 0; col < width; col++, i++) {
                double[] p = rasterToSpatial(col + 0.5, row + 0.5);
                xs[i] = p[0];
                ys[i] = p[1];
            }
        }
        return new double[][] {xs, ys};
    }

    // ---- grids ---------------------------------------------------------------------------------

    /**
     * Whether {@code other} lies on the same pixel grid: same pixel size and rotation, and its
     * origin on one of this grid's pixel corners (within {@link #GRID_TOLERANCE} of a pixel).
     */
    public boolean sameGrid(Footprint other) {
        GeoTransform a = geoTransform;
        GeoTransform b = other.geoTransform;
        double scale = Math.max(Math.abs(a.pixelWidth()), Math.abs(a.pixelHeight()));
        double tolerance = GRID_TOLERANCE * scale;
        if (Math.abs(a.pixelWidth() - b.pixelWidth()) > tolerance || Math.abs(a.pixelHeight() - b.pixelHeight()) > tolerance
                || Math.abs(a.rowRotation() - b.rowRotation()) > tolerance
                || Math.abs(a.columnRotation() - b.columnRotation()) > tolerance) {
            return false;
        }
        double[] offset = spatialToRaster(b.originX(), b.originY());
        return isWhole(offset[0]) && isWhole(offset[1]);
    }

    /** Equality within {@code pixels} of a pixel for every corner (exact equality is {@link #equals}). */
    public boolean equalsWithin(Footprint other, double pixels) {
        if (width != other.width || height != other.height) {
            return false;
        }
        for (int[] corner : new int[][] {{0, 0}, {width, 0}, {0, height}, {width, height}}) {
            double[] p = other.rasterToSpatial(corner[0], corner[1]);
            double[] here = spatialToRaster(p[0], p[1]);
            if (Math.abs(here[0] - corner[0]) > pixels || Math.abs(here[1] - corner[1]) > pixels) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where {@code this} lies in {@code other}'s pixel grid (possibly reaching outside it). Both
     * must be on the same grid.
     */
    public PixelRect sliceIn(Footprint other) {
        if (!other.sameGrid(this)) {
            throw new IllegalArgumentException(this + " is not on the grid of " + other);
        }
        double[] offset = other.spatialToRaster(geoTransform.originX(), geoTransform.originY());
        return new PixelRect(Math.toIntExact(Math.round(offset[0])), Math.toIntExact(Math.round(offset[1])), width, height);
    }

    /** The footprint of pixels {@code [x, x + width) x [y, y + height)} of this grid; any position. */
    public Footprint subGrid(int x, int y, int subWidth, int subHeight) {
        double[] origin = rasterToSpatial(x, y);
        GeoTransform t = geoTransform;
        return new Footprint(new GeoTransform(origin[0], t.pixelWidth(), t.rowRotation(), origin[1], t.columnRotation(),
                t.pixelHeight()), subWidth, subHeight);
    }

    /** The part of this footprint within pixel indices {@code [x0, x1) x [y0, y1)} (clamped to it). */
    public Footprint clip(int x0, int y0, int x1, int y1) {
        int left = Math.clamp(x0, 0, width);
        int top = Math.clamp(y0, 0, height);
        int right = Math.clamp(x1, left, width);
        int bottom = Math.clamp(y1, top, height);
        return subGrid(left, top, right - left, bottom - top);
    }

    /** Grown by {@code pixels} on every side (negative shrinks). */
    public Footprint dilate(int pixels) {
        return dilate(pixels, pixels, pixels, pixels);
    }

    /** Grown by {@code x} pixels left and right, {@code y} pixels at the top and bottom. */
    public Footprint dilate(int x, int y) {
        return dilate(x, y, x, y);
    }

    /** Grown by the given pixels on each side (negative values shrink). */
    public Footprint dilate(int left, int top, int right, int bottom) {
        int newWidth = width + left + right;
        int newHeight = height + top + bottom;
        if (newWidth < 0 || newHeight < 0) {
            throw new IllegalArgumentException("cannot erode " + width + " x " + height + " pixels by " + -left + "/"
                    + -top + "/" + -right + "/" + -bottom);
        }
        return subGrid(-left, -top, newWidth, newHeight);
    }

    public Footprint erode(int pixels) {
        return dilate(-pixels);
    }

    public Footprint erode(int x, int y) {
        return dilate(-x, -y);
    }

    public Footprint erode(int left, int top, int right, int bottom) {
        return dilate(-left, -top, -right, -bottom);
    }

    /** The same grid shape with its top-left corner at (x, y). */
    public Footprint moveTo(double x, double y) {
        GeoTransform t = geoTransform;
        return new Footprint(new GeoTransform(x, t.pixelWidth(), t.rowRotation(), y, t.columnRotation(), t.pixelHeight()),
                width, height);
    }

    /** The pixels of this footprint's grid that also lie in {@code other}; empty footprints have size 0. */
    public Footprint intersection(Footprint other) {
        return intersection(other, this);
    }

    /**
     * The intersection of both extents on the grid of {@code grid} (its resolution and alignment:
     * this footprint, the other one, or any third one). Grid lines of the result are the grid's
     * lines nearest to the intersection's edges, so equal grids intersect exactly. North-up only.
     */
    public Footprint intersection(Footprint other, Footprint grid) {
        if (!geoTransform.isNorthUp() || !other.geoTransform.isNorthUp() || !grid.geoTransform.isNorthUp()) {
            throw new UnsupportedOperationException("intersections need north-up footprints");
        }
        double[] a = extent();
        double[] b = other.extent();
        double minX = Math.max(a[0], b[0]);
        double minY = Math.max(a[1], b[1]);
        double maxX = Math.min(a[2], b[2]);
        double maxY = Math.min(a[3], b[3]);
        GeoTransform g = grid.geoTransform;
        double[] topLeft = grid.spatialToRaster(g.pixelWidth() > 0 ? minX : maxX, g.pixelHeight() < 0 ? maxY : minY);
        double[] bottomRight = grid.spatialToRaster(g.pixelWidth() > 0 ? maxX : minX, g.pixelHeight() < 0 ? minY : maxY);
        long x0 = Math.round(topLeft[0]);
        long y0 = Math.round(topLeft[1]);
        long x1 = Math.max(x0, Math.round(bottomRight[0]));
        long y1 = Math.max(y0, Math.round(bottomRight[1]));
        if (maxX <= minX || maxY <= minY) {
            x1 = x0;
            y1 = y0;
        }
        return grid.subGrid(Math.toIntExact(x0), Math.toIntExact(y0), Math.toIntExact(x1 - x0), Math.toIntExact(y1 - y0));
    }

    // ---- tiling --------------------------------------------------------------------------------

    /** Tiles of {@code size x size} pixels without overlap, leftovers extended, bottom-right. */
    public TileGrid tile(int size) {
        return tile(size, size, 0, 0, BoundaryEffect.EXTEND, TileLocus.BOTTOM_RIGHT);
    }

    /**
     * Tiles of {@code sizeX x sizeY} pixels, neighbours overlapping by {@code overlapX} and
     * {@code overlapY} pixels; {@code effect} says what happens to leftover pixels and
     * {@code locus} at which end of each axis.
     */
    public TileGrid tile(int sizeX, int sizeY, int overlapX, int overlapY, BoundaryEffect effect, TileLocus locus) {
        List<AxisTiling.Span> columns = AxisTiling.tile("x", width, sizeX, overlapX, effect, locus);
        List<AxisTiling.Span> rows = AxisTiling.tile("y", height, sizeY, overlapY, effect, locus);
        var tiles = new ArrayList<Footprint>(rows.size() * columns.size());
        for (AxisTiling.Span row : rows) {
            for (AxisTiling.Span column : columns) {
                tiles.add(subGrid(column.start(), row.start(), column.size(), row.size()));
            }
        }
        return new TileGrid(rows.size(), columns.size(), tiles);
    }

    /**
     * About {@code rows x columns} tiles: the tile size is the smallest that covers the footprint
     * in that many tiles with the given overlaps; {@code effect} and {@code locus} as in
     * {@link #tile(int, int, int, int, BoundaryEffect, TileLocus)}.
     */
    public TileGrid tileCount(int rows, int columns, int overlapX, int overlapY, BoundaryEffect effect, TileLocus locus) {
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("tile counts must be positive: " + rows + " x " + columns);
        }
        int sizeX = Math.ceilDiv(width + (columns - 1) * overlapX, columns);
        int sizeY = Math.ceilDiv(height + (rows - 1) * overlapY, rows);
        return tile(Math.max(1, sizeX), Math.max(1, sizeY), overlapX, overlapY, effect, locus);
    }

    /**
     * Tiles of {@code size x size} pixels placed so that every pixel is covered by
     * {@code occurrenceX x occurrenceY} tiles (away from the leftovers): the step between tiles is
     * {@code size / occurrence}, which must be whole.
     */
    public TileGrid tileOccurrence(int size, int occurrenceX, int occurrenceY, BoundaryEffect effect, TileLocus locus) {
        return tile(size, size, overlapFor("x", size, occurrenceX), overlapFor("y", size, occurrenceY), effect, locus);
    }

    private static int overlapFor(String axis, int size, int occurrence) {
        if (occurrence <= 0 || occurrence > size || size % occurrence != 0) {
            throw new IllegalArgumentException("a pixel occurrence of " + occurrence + " on the " + axis
                    + " axis needs a tile size divisible by it; the size is " + size);
        }
        return size - size / occurrence;
    }

    private static boolean isWhole(double value) {
        return Math.abs(value - Math.rint(value)) <= GRID_TOLERANCE;
    }

    @Override
    public String toString() {
        GeoTransform t = geoTransform;
        return "Footprint[" + width + "x" + height + " at (" + t.originX() + ", " + t.originY() + "), pixel " + t.pixelWidth()
                + " x " + t.pixelHeight() + (t.isNorthUp() ? "" : ", rotated") + "]";
    }
}
