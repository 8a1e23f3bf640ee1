package io.tilework.raster;

import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Serves requests that are not plain reads of the raster's grid: another grid (resampled from
 * the raster's pixels under it), or another nodata value for the answer.
 */
final class Resampling {

    private Resampling() {
    }

    static Task<Tile> task(Raster raster, Footprint request, int[] bands, Interpolation interpolation,
                           OptionalDouble destinationNoData) {
        Requests.checkBands(raster, request, bands);
        boolean sameGrid = raster.footprint().sameGrid(request);
        if (sameGrid && keepsNoData(raster, bands, destinationNoData)) {
            return raster.gridTask(request, bands);
        }
        // On the same grid, only the nodata changes: nearest is then an exact copy.
        Interpolation method = sameGrid ? Interpolation.NEAREST : interpolation;
        Resampler.checkSupported(raster.footprint(), request, method);
        OptionalDouble[] noData = new OptionalDouble[bands.length];
        double[] fill = raster.fillValues(bands);
        for (int i = 0; i < bands.length; i++) {
            noData[i] = raster.noData(bands[i]);
            if (destinationNoData.isPresent()) {
                fill[i] = destinationNoData.getAsDouble();
            }
        }
        String chunk = Arrays.toString(request.geoTransform().toArray()) + ":" + request.width() + "x" + request.height()
                + "/b" + Arrays.toString(bands) + "/" + method + "/" + destinationNoData;
        TaskKey key = new TaskKey("raster.resample", 1, TaskKey.digest(raster.identity()), chunk);
        var builder = Task.<Tile>builder(key).estimatedBytes(Tile.bytesFor(request, bands.length, raster.dataType()));
        PixelRect under = sourceRect(raster.footprint(), request, method);
        if (under.isEmpty()) {
            return builder.compute((in, cancel) -> Tile.filled(request, raster.dataType(), fill));
        }
        Footprint source = raster.footprint().subGrid(under.x(), under.y(), under.width(), under.height());
        return builder.inputs(List.of(raster.gridTask(source, bands)))
                .compute((in, cancel) -> Resampler.resample(in.get(0), request, method, noData, fill));
    }

    /** Whether the answer's nodata is each band's own, so that a plain read serves the request. */
    private static boolean keepsNoData(Raster raster, int[] bands, OptionalDouble destinationNoData) {
        if (destinationNoData.isEmpty()) {
            return true;
        }
        double wanted = destinationNoData.getAsDouble();
        for (int band : bands) {
            OptionalDouble own = raster.noData(band);
            if (own.isEmpty() || Double.compare(own.getAsDouble(), wanted) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The raster's pixels that {@code request} needs: those under it, with a margin for the
     * interpolation's neighbourhood, clipped to the raster (outside it there is no data).
     */
    private static PixelRect sourceRect(Footprint raster, Footprint request, Interpolation method) {
        double[] under = raster.boundsOf(request);
        double minU = under[0], minV = under[1], maxU = under[2], maxV = under[3];
        int margin = method == Interpolation.CUBIC ? 2 : 1;
        long x0 = Math.max(0, (long) Math.floor(minU) - margin);
        long y0 = Math.max(0, (long) Math.floor(minV) - margin);
        long x1 = Math.min(raster.width(), (long) Math.ceil(maxU) + margin);
        long y1 = Math.min(raster.height(), (long) Math.ceil(maxV) + margin);
        if (x1 <= x0 || y1 <= y0) {
            return new PixelRect(0, 0, 0, 0);
        }
        return new PixelRect((int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0));
    }
}
