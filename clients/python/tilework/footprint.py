"""Footprint: a georeferenced grid of pixels, and its tiling (the same as the Java engine's)."""

import math
import operator

#: Relative tolerance, in pixels, under which two grid lines are the same (the Java GRID_TOLERANCE).
GRID_TOLERANCE = 1e-6

BOUNDARY_EFFECTS = ("extend", "overlap", "exclude", "shrink", "exception")
LOCI = ("bottom_right", "top_left")


class Footprint:
    """A grid of ``width x height`` pixels placed by a GDAL geotransform.

    ``geo_transform`` is GDAL's six numbers ``(originX, pixelWidth, rowRotation, originY,
    columnRotation, pixelHeight)``: pixel (col, row) has its top-left corner at
    ``originX + col * pixelWidth + row * rowRotation, originY + col * columnRotation + row * pixelHeight``.
    Immutable; equal footprints hash alike. It mirrors ``io.tilework.raster.footprint.Footprint``
    and travels to the server as ``{"geoTransform": [...], "width": w, "height": h}``.
    """

    __slots__ = ("_geo_transform", "_width", "_height")

    def __init__(self, geo_transform, width, height):
        gt = tuple(float(v) for v in geo_transform)
        if len(gt) != 6:
            raise ValueError(f"a geotransform has 6 numbers (GDAL's order), not {len(gt)}: {geo_transform!r}")
        width, height = operator.index(width), operator.index(height)
        if width < 0 or height < 0:
            raise ValueError(f"a footprint's size cannot be negative: {width} x {height}")
        determinant = gt[1] * gt[5] - gt[2] * gt[4]
        if determinant == 0 or not math.isfinite(determinant):
            raise ValueError(f"a footprint's geotransform must be invertible: {gt}")
        self._geo_transform = gt
        self._width = width
        self._height = height

    @property
    def geo_transform(self):
        """GDAL's six numbers, a tuple."""
        return self._geo_transform

    @property
    def width(self):
        return self._width

    @property
    def height(self):
        return self._height

    @property
    def shape(self):
        """``(height, width)``, the shape of one band of this footprint's array."""
        return (self._height, self._width)

    # ---- conversions ---------------------------------------------------------------------------

    @classmethod
    def from_json(cls, value):
        """From the protocol's ``{"geoTransform": [...], "width": w, "height": h}``."""
        return cls(value["geoTransform"], value["width"], value["height"])

    def to_json(self):
        """The protocol's ``{"geoTransform": [...], "width": w, "height": h}``."""
        return {"geoTransform": list(self._geo_transform), "width": self._width, "height": self._height}

    def __eq__(self, other):
        if not isinstance(other, Footprint):
            return NotImplemented
        return (self._geo_transform, self._width, self._height) == (other._geo_transform, other._width, other._height)

    def __hash__(self):
        return hash((self._geo_transform, self._width, self._height))

    def __repr__(self):
        return f"Footprint({list(self._geo_transform)!r}, {self._width}, {self._height})"

    def __reduce__(self):
        return (Footprint, (self._geo_transform, self._width, self._height))

    # ---- coordinates ---------------------------------------------------------------------------

    def raster_to_spatial(self, col, row):
        """The spatial coordinates of raster position (col, row); (0, 0) is the top-left corner."""
        ox, pw, rr, oy, cr, ph = self._geo_transform
        return (ox + col * pw + row * rr, oy + col * cr + row * ph)

    def spatial_to_raster(self, x, y):
        """The fractional raster position (col, row) of spatial point (x, y)."""
        ox, pw, rr, oy, cr, ph = self._geo_transform
        det = pw * ph - rr * cr
        dx, dy = x - ox, y - oy
        return ((dx * ph - dy * rr) / det, (dy * pw - dx * cr) / det)

    def sub_grid(self, x, y, width, height):
        """The footprint of pixels ``[x, x + width) x [y, y + height)`` of this grid; any position."""
        ox, pw, rr, oy, cr, ph = self._geo_transform
        origin_x, origin_y = self.raster_to_spatial(x, y)
        return Footprint((origin_x, pw, rr, origin_y, cr, ph), width, height)

    def same_grid(self, other):
        """Whether ``other`` has this grid's pixel size and rotation and its origin on one of its corners."""
        a, b = self._geo_transform, other._geo_transform
        tolerance = GRID_TOLERANCE * max(abs(a[1]), abs(a[5]))
        if any(abs(a[i] - b[i]) > tolerance for i in (1, 2, 4, 5)):
            return False
        col, row = self.spatial_to_raster(b[0], b[3])
        return abs(col - round(col)) <= GRID_TOLERANCE and abs(row - round(row)) <= GRID_TOLERANCE

    def pixel_window_in(self, other):
        """Where this footprint lies in ``other``'s pixel grid: ``(x, y, width, height)``, possibly
        reaching outside it; None when the two are not on the same grid (then reading it needs
        resampling)."""
        if not other.same_grid(self):
            return None
        col, row = other.spatial_to_raster(self._geo_transform[0], self._geo_transform[3])
        return (int(round(col)), int(round(row)), self._width, self._height)

    # ---- tiling --------------------------------------------------------------------------------

    def tile(self, size, overlap=0, boundary_effect="extend", locus="bottom_right"):
        """Tiles of ``size`` pixels, a list of Footprint in row-major order (rows top to bottom,
        columns left to right), exactly as the Java ``Footprint.tile`` makes them.

        ``size`` and ``overlap`` are one int for both axes or ``(x, y)``; neighbours overlap by
        ``overlap`` pixels (``0 <= overlap < size``). When tiles do not fit an axis exactly,
        ``boundary_effect`` says what the leftover pixels get:

        - ``"extend"``: one more full-size tile, reaching beyond the footprint (read as nodata);
        - ``"overlap"``: one more full-size tile moved back inside, overlapping its neighbour more;
        - ``"exclude"``: no tile (those pixels are left out);
        - ``"shrink"``: one more, smaller tile covering exactly the leftover (and the overlap);
        - ``"exception"``: a ValueError.

        ``locus`` says at which end of each axis the irregular tile goes: ``"bottom_right"`` (the
        last column and row) or ``"top_left"``.
        """
        size_x, size_y = _pair("size", size)
        overlap_x, overlap_y = _pair("overlap", overlap)
        effect = _choice("boundary_effect", boundary_effect, BOUNDARY_EFFECTS)
        locus = _choice("locus", locus, LOCI)
        columns = _axis_tiling("x", self._width, size_x, overlap_x, effect, locus)
        rows = _axis_tiling("y", self._height, size_y, overlap_y, effect, locus)
        return [self.sub_grid(col_start, row_start, col_size, row_size)
                for row_start, row_size in rows for col_start, col_size in columns]


def _pair(name, value):
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name} is one int or (x, y), not {value!r}")
        return operator.index(value[0]), operator.index(value[1])
    value = operator.index(value)
    return value, value


def _choice(name, value, allowed):
    normalized = str(value).lower()
    if normalized not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return normalized


def _axis_tiling(axis, length, size, overlap, effect, locus):
    """``[(start, size), ...]`` along one axis: the Java ``AxisTiling.tile``."""
    if size <= 0:
        raise ValueError(f"tile {axis} size must be positive, not {size}")
    if overlap < 0 or overlap >= size:
        raise ValueError(f"tile {axis} overlap must be in [0, size {size}), not {overlap}")
    step = size - overlap
    full = 0 if length < size else (length - size) // step + 1
    following = full * step  # first pixel of the tile after the regular ones
    covered = 0 if full == 0 else (full - 1) * step + size
    leftover = length - covered
    spans = [(i * step, size) for i in range(full)]
    if leftover > 0:
        if effect == "extend":
            spans.append((following, size))
        elif effect == "overlap":
            spans.append((length - size, size))
        elif effect == "shrink":
            spans.append((following, length - following))
        elif effect == "exception":
            raise ValueError(f"tiles of {size} pixels with an overlap of {overlap} leave a gap of {leftover} "
                             f"pixel{'' if leftover == 1 else 's'} on the {axis} axis of {length} pixels; choose "
                             f"another size or a boundary effect other than 'exception'")
        # "exclude": the leftover gets no tile
    if locus == "top_left":  # the same tiling seen from the other end of the axis
        spans = [(length - start - span, span) for start, span in reversed(spans)]
    return spans
