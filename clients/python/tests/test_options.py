"""Keyword arguments -> gdaldem options, and the recipe request they go into."""

import unittest

import support  # noqa: F401  (puts the package on the path when needed)
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

    def test_numpy_booleans_are_flags(self):
        import numpy as np
        self.assertEqual(gdaldem_options(compute_edges=np.True_, p=np.False_), ["-compute_edges"])


if __name__ == "__main__":
    unittest.main()
