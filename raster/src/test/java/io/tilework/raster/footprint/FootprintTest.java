package io.tilework.raster.footprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.raster.GeoTransform;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("footprint: coordinates, grids, intersections, dilation")
class FootprintTest {

    private static final Footprint F = Footprint.of(new GeoTransform(1000, 10, 0, 5000, 0, -10), 100, 50);

    @Test
    @DisplayName("from an extent and a resolution; equal footprints hash alike")
    void fromExtent_equalsConstructed() {
        Footprint same = Footprint.fromExtent(1000, 4500, 2000, 5000, 10, 10);
        assertEquals(F, same);
        assertEquals(F.hashCode(), same.hashCode());
        assertThrows(IllegalArgumentException.class, () -> Footprint.fromExtent(1000, 4500, 2005, 5000, 10, 10));
    }

    @Test
    @DisplayName("spatial and raster coordinates round-trip, also on a rotated grid")
    void coordinates_roundTrip() {
        assertArrayEquals(new double[] {1000, 5000}, F.rasterToSpatial(0, 0));
        assertArrayEquals(new double[] {2000, 4500}, F.rasterToSpatial(100, 50));
        assertArrayEquals(new double[] {2.5, 3.5}, F.spatialToRaster(1025, 4965), 1e-12);
        Footprint rotated = Footprint.of(new GeoTransform(10, 2, 0.5, 20, 0.3, -2), 5, 5);
        double[] p = rotated.rasterToSpatial(3.25, 1.5);
        assertArrayEquals(new double[] {3.25, 1.5}, rotated.spatialToRaster(p[0], p[1]), 1e-12);
        assertArrayEquals(new double[] {1000, 4500, 2000, 5000}, F.extent());
        double[][] mesh = F.subGrid(0, 0, 2, 2).spatialMeshgrid();
        assertArrayEquals(new double[] {1005, 1015, 1005, 1015}, mesh[0]);
        assertArrayEquals(new double[] {4995, 4995, 4985, 4985}, mesh[1]);
    }

    @Test
    @DisplayName("dilate, erode, clip and move keep the grid")
    void dilateErodeClipMove() {
        Footprint tile = F.subGrid(10, 10, 20, 20);
        Footprint halo = tile.dilate(1);
        assertEquals(22, halo.width());
        assertEquals(new PixelRect(9, 9, 22, 22), halo.sliceIn(F));
        assertEquals(tile, halo.erode(1));
        assertEquals(new PixelRect(8, 9, 24, 23), tile.dilate(2, 1, 2, 2).sliceIn(F));
        assertEquals(new PixelRect(7, 9, 26, 22), tile.dilate(3, 1).sliceIn(F));
        assertTrue(halo.sameGrid(F));
        assertEquals(new PixelRect(0, 0, 5, 50), F.clip(-3, -3, 5, 80).sliceIn(F));
        Footprint moved = F.moveTo(1003, 5000);
        assertFalse(moved.sameGrid(F));
        assertEquals(F.width(), moved.width());
        assertThrows(IllegalArgumentException.class, () -> moved.sliceIn(F));
        assertThrows(IllegalArgumentException.class, () -> tile.erode(11));
    }

    @Test
    @DisplayName("intersection on this grid, on the other's, and of disjoint footprints")
    void intersection() {
        Footprint other = F.subGrid(90, 40, 30, 30);
        assertEquals(F.subGrid(90, 40, 10, 10), F.intersection(other));
        Footprint coarse = Footprint.of(new GeoTransform(1500, 20, 0, 4800, 0, -20), 100, 100);
        Footprint onCoarse = F.intersection(coarse, coarse);
        assertEquals(new PixelRect(0, 0, 25, 15), onCoarse.sliceIn(coarse));
        Footprint onFine = F.intersection(coarse);
        assertEquals(new PixelRect(50, 20, 50, 30), onFine.sliceIn(F));
        Footprint far = F.moveTo(1e6, 1e6);
        assertEquals(0, F.intersection(far).pixelCount());
    }

    @Test
    @DisplayName("tolerant equality")
    void equalsWithin() {
        Footprint nudged = F.moveTo(1000 + 1e-7, 5000);
        assertNotEquals(F, nudged);
        assertTrue(F.equalsWithin(nudged, 1e-6));
        assertFalse(F.equalsWithin(F.moveTo(1001, 5000), 1e-6));
        assertTrue(F.sameGrid(nudged));
    }
}
