"""Keyword arguments -> gdaldem options, and the recipe request they go into."""

import unittest

import support
import tilework
from tilework import gdaldem_options


class OptionsTest(unittest.TestCase):

    def test_flags_values_and_omissions(self):
        self.assertEqual(gdaldem_options(compute_edges=True), ["-compute_edges"])
        self.assertEqual(gdaldem_options(z=2), ["-z", "2"])
        self.assertEqual(gdaldem_options(alg="ZevenbergenThorne"), ["-alg", "ZevenbergenThorne"])
        self.assertEqual(gdaldem_options(p=False, s=None), [])
        self.assertEqual(gdaldem_options(compute_edges=True, z=2, alg="Horn", s=111120.5, az=315, alt=45.0),
                         ["-compute_edges", "-z", "2", "-alg", "Horn", "-s", "111120.5", "-az", "315", "-alt", "45.0"])
        self.assertEqual(gdaldem_options(zero_for_flat=True, multidirectional=True),
                         ["-zero_for_flat", "-multidirectional"])
        self.assertEqual(gdaldem_options(co=["A=1", "B=2"]), ["-co", "A=1", "-co", "B=2"])
        self.assertEqual(gdaldem_options(z=0), ["-z", "0"], "0 is a value, not False")
        with self.assertRaises(ValueError):
            gdaldem_options(z=float("nan"))

    def test_recipe_request(self):
        server = support.FakeServer()
        self.addCleanup(server.close)
        server.add("dem.tif", support.np.zeros((1, 4, 4), support.np.float32))
        client = tilework.connect(server.url)
        dem = client.open("dem.tif")
        slope = client.recipe("slope", dem, compute_edges=True, z=2, alg="ZevenbergenThorne", p=False,
                              cache="slope-cache", tile_size=256)
        self.assertEqual(slope.kind, "recipe")
        method, path, body = server.requests[-1]
        self.assertEqual((method, path), ("POST", "/api/rasters"))
        self.assertEqual(body, {"recipe": "slope", "inputs": [dem.id],
                                "options": ["-compute_edges", "-z", "2", "-alg", "ZevenbergenThorne"],
                                "cache": "slope-cache", "tileSize": 256})
        client.recipe("ndvi", dem.id, dem)
        self.assertEqual(server.requests[-1][2], {"recipe": "ndvi", "inputs": [dem.id, dem.id], "options": []})


if __name__ == "__main__":
    unittest.main()
