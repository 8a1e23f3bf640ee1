package io.tilework.gdal.raster;

/** Resampling used when a read's buffer size differs from its window ({@code GDALRIOResampleAlg}). */
public enum Resampling {
    NEAREST(0), BILINEAR(1), CUBIC(2), CUBIC_SPLINE(3), LANCZOS(4), AVERAGE(5), MODE(6), GAUSS(7);

    private final int code;

    Resampling(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
