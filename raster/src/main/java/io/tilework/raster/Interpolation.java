package io.tilework.raster;

/**
 * How a request on another grid (same CRS) is resampled from the raster's pixels. Whatever the
 * method, nodata is never interpolated into data: only valid source pixels are weighted.
 */
public enum Interpolation {
    /** The source pixel under each pixel's centre: values are never invented. The default. */
    NEAREST,
    /** Distance-weighted mean of the 2 x 2 source pixels around the centre. */
    BILINEAR,
    /** Cubic convolution (Keys, a = -0.5) over 4 x 4 source pixels; bilinear where one of them is nodata. */
    CUBIC,
    /** Mean of the source pixels a pixel covers, weighted by the area covered: for down-sampling. */
    AVERAGE
}
