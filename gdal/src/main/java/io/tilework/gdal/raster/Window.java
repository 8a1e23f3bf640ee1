package io.tilework.gdal.raster;

/** A rectangle of pixels: column and row of its top-left corner, width and height. */
public record Window(int x, int y, int width, int height) {

    public Window {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("window origin must not be negative: " + x + "," + y);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("window size must be positive: " + width + "x" + height);
        }
    }

    /** The whole of a {@code width} x {@code height} raster. */
    public static Window of(int width, int height) {
        return new Window(0, 0, width, height);
    }

    public long pixelCount() {
        return (long) width * height;
    }

    /** Whether this window lies inside a raster of the given size. */
    public boolean fitsIn(int rasterWidth, int rasterHeight) {
        return (long) x + width <= rasterWidth && (long) y + height <= rasterHeight;
    }

    @Override
    public String toString() {
        return "window " + x + "," + y + " " + width + "x" + height;
    }
}
