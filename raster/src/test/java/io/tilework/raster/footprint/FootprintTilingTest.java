package io.tilework.raster.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.raster.GeoTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("footprint tiling: boundary effects and loci against truth tables")
class FootprintTilingTest {

    private static final Footprint GRID = Footprint.of(new GeoTransform(100, 2, 0, 50, 0, -2), 10, 10);

    private static String xSpans(TileGrid grid) {
        return grid.tiles().subList(0, grid.columns()).stream()
                .map(t -> "(" + t.sliceIn(GRID).x() + "," + t.width() + ")")
                .collect(Collectors.joining());
    }

    @Test
    @DisplayName("the issue's truth on a 10-pixel axis with tiles of 4")
    void truthTable_tenPixels() {
        assertEquals("(0,4)(4,4)(8,4)", xSpans(GRID.tile(4, 4, 0, 0, BoundaryEffect.EXTEND, TileLocus.BOTTOM_RIGHT)));
        assertEquals("(0,4)(4,4)(6,4)", xSpans(GRID.tile(4, 4, 0, 0, BoundaryEffect.OVERLAP, TileLocus.BOTTOM_RIGHT)));
        assertEquals("(0,4)(4,4)", xSpans(GRID.tile(4, 4, 0, 0, BoundaryEffect.EXCLUDE, TileLocus.BOTTOM_RIGHT)));
        assertEquals("(0,4)(4,4)(8,2)", xSpans(GRID.tile(4, 4, 0, 0, BoundaryEffect.SHRINK, TileLocus.BOTTOM_RIGHT)));
        assertEquals("(0,2)(2,4)(6,4)", xSpans(GRID.tile(4, 4, 0, 0, BoundaryEffect.SHRINK, TileLocus.TOP_LEFT)));
        var gap = assertThrows(IllegalArgumentException.class,
                () -> GRID.tile(4, 4, 0, 0, BoundaryEffect.EXCEPTION, TileLocus.BOTTOM_RIGHT));
        assertTrue(gap.getMessage().contains("gap of 2 pixels"), gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GRID.tile(4, 4, 4, 0, BoundaryEffect.EXTEND, TileLocus.BOTTOM_RIGHT));
        assertThrows(IllegalArgumentException.class, () -> GRID.tile(0, 4, 0, 0, BoundaryEffect.EXTEND, TileLocus.BOTTOM_RIGHT));
    }

    /**
     * Every tile size and overlap in 0..4 on both axes of a 7 x 6 grid, every effect and locus,
     * against a pixel-coverage definition of each effect written independently of the tiler.
     */
    @Test
    @DisplayName("every (width, height, overlapx, overlapy) in 0..4, every effect and locus")
    void everySmallTiling_matchesDefinition() {
        Footprint grid = Footprint.of(new GeoTransform(0, 1, 0, 0, 0, -1), 7, 6);
        int checked = 0;
        for (int w = 0; w <= 4; w++) {
            for (int h = 0; h <= 4; h++) {
                for (int ox = 0; ox <= 4; ox++) {
                    for (int oy = 0; oy <= 4; oy++) {
                        for (BoundaryEffect effect : BoundaryEffect.values()) {
                            for (TileLocus locus : TileLocus.values()) {
                                List<int[]> xs = expected(7, w, ox, effect, locus);
                                List<int[]> ys = expected(6, h, oy, effect, locus);
                                int fw = w, fh = h, fox = ox, foy = oy;
                                if (xs == null || ys == null) {
                                    assertThrows(IllegalArgumentException.class,
                                            () -> grid.tile(fw, fh, fox, foy, effect, locus),
                                            w + "x" + h + " overlap " + ox + "," + oy + " " + effect + " " + locus);
                                } else {
                                    TileGrid tiles = grid.tile(w, h, ox, oy, effect, locus);
                                    assertEquals(ys.size(), tiles.rows());
                                    assertEquals(xs.size(), tiles.columns());
                                    for (int r = 0; r < ys.size(); r++) {
                                        for (int c = 0; c < xs.size(); c++) {
                                            Footprint expected = grid.subGrid(xs.get(c)[0], ys.get(r)[0], xs.get(c)[1], ys.get(r)[1]);
                                            assertEquals(expected, tiles.get(r, c), "tile " + r + "," + c + " of " + w + "x" + h
                                                    + " overlap " + ox + "," + oy + " " + effect + " " + locus);
                                        }
                                    }
                                }
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(5 * 5 * 5 * 5 * BoundaryEffect.values().length * 2, checked);
    }

    /**
     * The tiles of one axis by definition: regular tiles of {@code size}, stepping by size minus
     * overlap, placed from the locus' opposite end as long as they fit; then the leftover pixels
     * at the locus' end handled as the effect says. Null when the tiler must refuse.
     */
    private static List<int[]> expected(int length, int size, int overlap, BoundaryEffect effect, TileLocus locus) {
        if (size < 1 || overlap >= size) {
            return null;
        }
        int step = size - overlap;
        var starts = new ArrayList<Integer>();
        for (int start = 0; start + size <= length; start += step) {
            starts.add(start);
        }
        boolean[] covered = new boolean[length];
        for (int start : starts) {
            for (int i = start; i < start + size; i++) {
                covered[i] = true;
            }
        }
        int firstUncovered = -1;
        for (int i = 0; i < length; i++) {
            if (!covered[i]) {
                firstUncovered = i;
                break;
            }
        }
        var spans = new ArrayList<int[]>();
        starts.forEach(s -> spans.add(new int[] {s, size}));
        if (firstUncovered >= 0) {
            int next = starts.isEmpty() ? 0 : starts.getLast() + step;
            switch (effect) {
                case EXTEND -> spans.add(new int[] {next, size});
                case OVERLAP -> spans.add(new int[] {length - size, size});
                case EXCLUDE -> { }
                case SHRINK -> spans.add(new int[] {next, length - next});
                case EXCEPTION -> {
                    return null;
                }
            }
        }
        if (locus == TileLocus.TOP_LEFT) {
            var mirrored = new ArrayList<int[]>();
            for (int i = spans.size() - 1; i >= 0; i--) {
                mirrored.add(new int[] {length - spans.get(i)[0] - spans.get(i)[1], spans.get(i)[1]});
            }
            return mirrored;
        }
        return spans;
    }

    @Test
    @DisplayName("tileCount and tileOccurrence")
    void countAndOccurrence() {
        TileGrid three = GRID.tileCount(2, 3, 0, 0, BoundaryEffect.EXTEND, TileLocus.BOTTOM_RIGHT);
        assertEquals(2, three.rows());
        assertEquals(3, three.columns());
        assertEquals(4, three.get(0, 0).width()); // ceil(10 / 3)
        assertEquals(5, three.get(0, 0).height());

        TileGrid twice = GRID.tileOccurrence(4, 2, 2, BoundaryEffect.EXCLUDE, TileLocus.BOTTOM_RIGHT);
        int[] coverage = new int[100];
        for (Footprint tile : twice.tiles()) {
            PixelRect at = tile.sliceIn(GRID);
            for (int y = at.y(); y < at.y() + tile.height(); y++) {
                for (int x = at.x(); x < at.x() + tile.width(); x++) {
                    coverage[y * 10 + x]++;
                }
            }
        }
        for (int y = 2; y < 8; y++) {
            for (int x = 2; x < 8; x++) {
                assertEquals(4, coverage[y * 10 + x], "pixel " + x + "," + y + " away from the border is covered 2 x 2 times");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> GRID.tileOccurrence(4, 3, 1, BoundaryEffect.EXTEND, TileLocus.BOTTOM_RIGHT));
    }
}
