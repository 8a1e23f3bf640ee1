"""Footprint tiling, against the Java engine's AxisTiling (tests/data/axis_tiling_java.txt)."""

import os
import re
import unittest

import support  # noqa: F401  (puts the package on the path when needed)
from tilework import Footprint

GT = (600000.0, 0.5, 0.0, 6800000.0, 0.0, -0.5)


def spans(tiles, axis):
    """The distinct (start, size) of the tiles along one axis, in pixels of the parent grid GT."""
    seen = []
    for t in tiles:
        if axis == "x":
            span = (round((t.geo_transform[0] - GT[0]) / GT[1]), t.width)
        else:
            span = (round((t.geo_transform[3] - GT[3]) / GT[5]), t.height)
        if span not in seen:
            seen.append(span)
    return seen


class TileLikeJavaTest(unittest.TestCase):

    def test_1000_by_700_in_256_each_boundary_effect(self):
        fp = Footprint(GT, 1000, 700)
        extend = fp.tile(256)
        self.assertEqual(len(extend), 4 * 3)
        self.assertEqual(spans(extend, "x"), [(0, 256), (256, 256), (512, 256), (768, 256)])
        self.assertEqual(spans(extend, "y"), [(0, 256), (256, 256), (512, 256)])
        self.assertTrue(all(t.shape == (256, 256) for t in extend))

        shrink = fp.tile(256, boundary_effect="shrink")
        self.assertEqual(spans(shrink, "x"), [(0, 256), (256, 256), (512, 256), (768, 232)])
        self.assertEqual(spans(shrink, "y"), [(0, 256), (256, 256), (512, 188)])
        self.assertEqual(sum(t.width * t.height for t in shrink), 1000 * 700, "shrink covers each pixel once")

        exclude = fp.tile(256, boundary_effect="exclude")
        self.assertEqual(len(exclude), 3 * 2)
        self.assertEqual(spans(exclude, "x"), [(0, 256), (256, 256), (512, 256)])
        self.assertEqual(spans(exclude, "y"), [(0, 256), (256, 256)])

        overlap = fp.tile(256, boundary_effect="overlap")
        self.assertEqual(spans(overlap, "x"), [(0, 256), (256, 256), (512, 256), (744, 256)])

        with self.assertRaisesRegex(ValueError, "gap of 232 pixels on the x axis"):
            fp.tile(256, boundary_effect="exception")

    def test_row_major_order(self):
        tiles = Footprint(GT, 1000, 700).tile(256, boundary_effect="shrink")
        origins = [(t.geo_transform[0], -t.geo_transform[3]) for t in tiles]
        self.assertEqual(origins, sorted(origins, key=lambda o: (o[1], o[0])), "rows top to bottom, columns left to right")
        self.assertEqual(tiles[1], Footprint(GT, 1000, 700).sub_grid(256, 0, 256, 256))
        self.assertEqual(tiles[4], Footprint(GT, 1000, 700).sub_grid(0, 256, 256, 256))

    def test_overlap(self):
        fp = Footprint(GT, 1000, 700)
        tiles = fp.tile(256, overlap=32, boundary_effect="shrink")
        self.assertEqual(spans(tiles, "x"), [(0, 256), (224, 256), (448, 256), (672, 256), (896, 104)])
        self.assertEqual(spans(tiles, "y"), [(0, 256), (224, 256), (448, 252)])
        self.assertEqual(spans(fp.tile(256, overlap=32), "x")[-1], (896, 256))
        self.assertEqual(spans(fp.tile(256, overlap=32, boundary_effect="exclude"), "y"), [(0, 256), (224, 256)])
        self.assertEqual(spans(fp.tile((256, 100), overlap=(32, 0), boundary_effect="exclude"), "y"),
                         [(i * 100, 100) for i in range(7)])

    def test_every_case_the_java_tiling_was_run_on(self):
        path = os.path.join(os.path.dirname(__file__), "data", "axis_tiling_java.txt")
        cases = 0
        with open(path) as f:
            for line in f:
                if line.startswith("#"):
                    continue
                length, size, overlap, effect, locus, expected = line.split()
                length, size, overlap = int(length), int(size), int(overlap)
                fp = Footprint(GT, length, 3)
                cases += 1
                with self.subTest(length=length, size=size, overlap=overlap, effect=effect, locus=locus):
                    if expected == "ERROR":
                        with self.assertRaises(ValueError):
                            fp.tile((size, 3), overlap=(overlap, 0), boundary_effect=effect, locus=locus)
                        continue
                    java = [tuple(int(v) for v in m) for m in re.findall(r"\((-?\d+),(-?\d+)\)", expected)]
                    tiles = fp.tile((size, 3), overlap=(overlap, 0), boundary_effect=effect, locus=locus)
                    self.assertEqual(spans(tiles, "x") if tiles else [], java)
                    self.assertEqual(len(tiles), len(java))
        self.assertEqual(cases, 110)

    def test_bad_arguments_say_what(self):
        fp = Footprint(GT, 10, 10)
        with self.assertRaisesRegex(ValueError, "overlap must be in"):
            fp.tile(4, overlap=4)
        with self.assertRaisesRegex(ValueError, "size must be positive"):
            fp.tile(0)
        with self.assertRaisesRegex(ValueError, "boundary_effect must be one of"):
            fp.tile(4, boundary_effect="pad")
        with self.assertRaisesRegex(ValueError, "invertible"):
            Footprint((0, 0, 0, 0, 0, 0), 1, 1)


class GridTest(unittest.TestCase):

    def test_pixel_window_in(self):
        parent = Footprint(GT, 1000, 700)
        self.assertEqual(parent.sub_grid(-5, 690, 20, 30).pixel_window_in(parent), (-5, 690, 20, 30))
        for tile in parent.tile(256, overlap=7):
            self.assertIsNotNone(tile.pixel_window_in(parent))
        half_pixel = Footprint((GT[0] + 0.25,) + GT[1:], 10, 10)
        self.assertIsNone(half_pixel.pixel_window_in(parent))
        coarser = Footprint((GT[0], 1.0, 0.0, GT[3], 0.0, -1.0), 10, 10)
        self.assertIsNone(coarser.pixel_window_in(parent))

    def test_json_and_coordinates(self):
        fp = Footprint(GT, 30, 20)
        self.assertEqual(Footprint.from_json(fp.to_json()), fp)
        self.assertEqual(fp.to_json(), {"geoTransform": list(GT), "width": 30, "height": 20})
        x, y = fp.raster_to_spatial(3, 4)
        self.assertEqual((x, y), (600001.5, 6799998.0))
        self.assertEqual(fp.spatial_to_raster(x, y), (3.0, 4.0))
        self.assertEqual(len({fp, Footprint(list(GT), 30, 20)}), 1)


if __name__ == "__main__":
    unittest.main()
