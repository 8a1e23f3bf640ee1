package io.tilework.raster.footprint;

/**
 * A rectangle of pixels of some grid, which unlike a GDAL window may reach outside the raster:
 * negative offsets, or past the end.
 */
public record PixelRect(int x, int y, int width, int height) {

    public PixelRect {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("a pixel rectangle's size cannot be negative: " + width + " x " + height);
        }
    }

    /** The part inside a {@code rasterWidth x rasterHeight} raster (possibly empty). */
    public PixelRect clampTo(int rasterWidth, int rasterHeight) {
        int x0 = Math.clamp(x, 0, rasterWidth);
        int y0 = Math.clamp(y, 0, rasterHeight);
        int x1 = Math.clamp((long) x + width, x0, rasterWidth);
        int y1 = Math.clamp((long) y + height, y0, rasterHeight);
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    public long pixelCount() {
        return (long) width * height;
    }
}
