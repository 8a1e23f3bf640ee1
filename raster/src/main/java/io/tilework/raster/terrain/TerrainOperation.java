package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import java.util.OptionalDouble;

/**
 * A gdaldem computation over 3 x 3 neighbourhoods, applied one tile at a time.
 *
 * <p>Implementations are immutable option records, safe to share between threads. Results are
 * bit-identical to gdaldem 3.6's and do not depend on how a raster is cut into tiles, provided
 * each tile carries its halo (see {@link DemTile}).
 */
public sealed interface TerrainOperation
        permits Slope, Aspect, Hillshade, TerrainRuggednessIndex, TopographicPositionIndex, Roughness {

    /** The nodata of gdaldem's Float32 outputs. */
    float FLOAT_NO_DATA = -9999f;

    /** The pixel type gdaldem writes: Float32, or Byte for hillshade. */
    default DataType outputType() {
        return DataType.FLOAT32;
    }

    /**
     * The nodata value gdaldem sets on its output, or empty when it sets none (aspect with
     * {@code -zero_for_flat}); pixels it cannot compute then hold 0.
     */
    default OptionalDouble outputNoData() {
        return OptionalDouble.of(FLOAT_NO_DATA);
    }

    /** Whether raster edges and the neighbours of nodata pixels are computed ({@code -compute_edges}). */
    boolean computeEdges();

    /**
     * Computes {@code in.width() * in.height()} values into {@code out}, row-major from index 0.
     *
     * @throws IllegalArgumentException if {@code out} is too short
     */
    void apply(DemTile in, float[] out);
}
