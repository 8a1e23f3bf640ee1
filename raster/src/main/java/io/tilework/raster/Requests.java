package io.tilework.raster;

import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import java.util.Arrays;

/** Checks and names requests, the same way for every kind of raster. */
final class Requests {

    private Requests() {
    }

    /**
     * Checks that {@code bands} exist and {@code request} is not empty.
     *
     * @throws IllegalArgumentException for no band or an empty request
     * @throws IndexOutOfBoundsException for a band that does not exist
     */
    static void checkBands(Raster raster, Footprint request, int[] bands) {
        if (bands.length == 0) {
            throw new IllegalArgumentException("ask for at least one band of " + raster);
        }
        for (int band : bands) {
            if (band < 0 || band >= raster.bandCount()) {
                throw new IndexOutOfBoundsException("band " + band + " of " + raster + " does not exist; bands are 0.."
                        + (raster.bandCount() - 1));
            }
        }
        if (request.pixelCount() == 0) {
            throw new IllegalArgumentException("the requested footprint is empty: " + request);
        }
    }

    /**
     * Where {@code request} lies on {@code raster}'s grid, after checking the bands.
     *
     * @throws IllegalArgumentException for a request on another grid (those go through {@link Raster#task})
     */
    static PixelRect checkOnGrid(Raster raster, Footprint request, int[] bands) {
        checkBands(raster, request, bands);
        if (!raster.footprint().sameGrid(request)) {
            throw new IllegalArgumentException("the request " + request + " is not on the grid of " + raster
                    + "; ask through task(), get() or queue(), which resample it");
        }
        return request.sliceIn(raster.footprint());
    }

    /** The chunk part of a task key: the pixel rectangle and the bands. */
    static String chunk(PixelRect rect, int[] bands) {
        return rect.x() + "," + rect.y() + "," + rect.width() + "x" + rect.height() + "/b" + Arrays.toString(bands);
    }
}
