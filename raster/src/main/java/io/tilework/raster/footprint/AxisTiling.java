package io.tilework.raster.footprint;

import java.util.ArrayList;
import java.util.List;

/** Tiling of one axis of {@code length} pixels; {@link Footprint#tile} combines two of them. */
final class AxisTiling {

    /** A tile along one axis: first pixel (may be negative or run past the end) and size. */
    record Span(int start, int size) {
        @Override
        public String toString() {
            return "(" + start + "," + size + ")";
        }
    }

    private AxisTiling() {
    }

    static List<Span> tile(String axis, int length, int size, int overlap, BoundaryEffect effect, TileLocus locus) {
        if (size <= 0) {
            throw new IllegalArgumentException("tile " + axis + " size must be positive, not " + size);
        }
        if (overlap < 0 || overlap >= size) {
            throw new IllegalArgumentException("tile " + axis + " overlap must be in [0, size " + size + "), not " + overlap);
        }
        List<Span> fromStart = tileFromStart(axis, length, size, overlap, effect);
        if (locus == TileLocus.BOTTOM_RIGHT) {
            return fromStart;
        }
        // the same tiling seen from the other end of the axis
        var mirrored = new ArrayList<Span>(fromStart.size());
        for (int i = fromStart.size() - 1; i >= 0; i--) {
            Span span = fromStart.get(i);
            mirrored.add(new Span(length - span.start() - span.size(), span.size()));
        }
        return List.copyOf(mirrored);
    }

    /** Regular tiles from pixel 0 on; the leftover at the end is handled by {@code effect}. */
    private static List<Span> tileFromStart(String axis, int length, int size, int overlap, BoundaryEffect effect) {
        int step = size - overlap;
        int full = length < size ? 0 : (length - size) / step + 1;
        int next = full * step; // first pixel of the tile after the regular ones
        int covered = full == 0 ? 0 : (full - 1) * step + size;
        int leftover = length - covered;
        var spans = new ArrayList<Span>(full + 1);
        for (int i = 0; i < full; i++) {
            spans.add(new Span(i * step, size));
        }
        if (leftover > 0) {
            switch (effect) {
                case EXTEND -> spans.add(new Span(next, size));
                case OVERLAP -> spans.add(new Span(length - size, size));
                case EXCLUDE -> { }
                case SHRINK -> spans.add(new Span(next, length - next));
                case EXCEPTION -> throw new IllegalArgumentException("tiles of " + size + " pixels with an overlap of "
                        + overlap + " leave a gap of " + leftover + " pixel" + (leftover == 1 ? "" : "s") + " on the "
                        + axis + " axis of " + length + " pixels; choose another size or a boundary effect other than EXCEPTION");
            }
        }
        return List.copyOf(spans);
    }
}
