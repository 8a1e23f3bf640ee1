package io.tilework.gdal.raster;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * GDAL's image checksum ({@code GDALChecksumImage}, what {@code gdalinfo -checksum} prints),
 * computed in Java so that rasters the engine computes can be compared with GDAL's answers.
 *
 * <p>The algorithm: visit the values row by row; integer pixel types are taken as 32-bit signed
 * integers (clamped), floating-point ones are rounded half up to an integer (NaN and infinities
 * become {@code Integer.MIN_VALUE}); add each value modulo the next of eleven primes, cycling
 * through the primes, and keep the sum to 16 bits.
 */
public final class Checksum {

    private static final int[] PRIMES = {7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43};
    /** Rows read per native call when checksumming a dataset. */
    private static final int ROWS_PER_READ = 64;

    private int sum;
    private int prime;

    /** Adds one integer pixel value. */
    public void add(int value) {
        sum = (sum + value % PRIMES[prime]) & 0xffff;
        prime = prime == PRIMES.length - 1 ? 0 : prime + 1;
    }

    /** Adds one floating-point pixel value the way GDAL converts it for the checksum. */
    public void add(double value) {
        add(toChecksumInt(value));
    }

    public void addAll(int[] values, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            add(values[i]);
        }
    }

    public void addAll(double[] values, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            add(values[i]);
        }
    }

    /** The checksum of the values added so far. */
    public int value() {
        return sum;
    }

    /** The checksum of a whole band (1-based), equal to {@code gdalinfo -checksum}'s. */
    public static int of(RasterDataset dataset, int band) {
        return of(dataset, band, Window.of(dataset.width(), dataset.height()));
    }

    /** The checksum of a window of a band. */
    public static int of(RasterDataset dataset, int band, Window window) {
        DataType type = dataset.dataType(band);
        if (type.isComplex()) {
            throw new UnsupportedOperationException(dataset.name() + ": checksum of complex band " + band + " ("
                    + type.gdalName() + ") is not supported");
        }
        boolean floating = type.isFloatingPoint();
        DataType readAs = floating ? DataType.FLOAT64 : DataType.INT32;
        var checksum = new Checksum();
        try (Arena arena = Arena.ofConfined()) {
            int rows = Math.min(ROWS_PER_READ, window.height());
            MemorySegment buffer = arena.allocate((long) window.width() * rows * readAs.bytes(), 8);
            for (int row = 0; row < window.height(); row += rows) {
                int count = Math.min(rows, window.height() - row);
                Window strip = new Window(window.x(), window.y() + row, window.width(), count);
                dataset.read(strip, new int[] {band}, readAs, buffer, strip.width(), count, Resampling.NEAREST);
                long values = strip.pixelCount();
                for (long i = 0; i < values; i++) {
                    if (floating) {
                        checksum.add(buffer.getAtIndex(ValueLayout.JAVA_DOUBLE, i));
                    } else {
                        checksum.add(buffer.getAtIndex(ValueLayout.JAVA_INT, i));
                    }
                }
            }
        }
        return checksum.value();
    }

    private static int toChecksumInt(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Integer.MIN_VALUE;
        }
        double rounded = value + 0.5;
        if (rounded < -2147483647.0) {
            return -2147483647;
        }
        if (rounded > 2147483647.0) {
            return 2147483647;
        }
        return (int) Math.floor(rounded);
    }
}
