"""Against a running ``tilework serve``: every raster type, recipes, flow control, cancellation, errors.

Set ``TILEWORK_URL`` (e.g. http://127.0.0.1:8080), ``TILEWORK_DATA`` (the server's ``--data-root``
on this machine: the tests write their GeoTIFFs there, in a folder of their own removed at the
end) and ``TILEWORK_TOKEN`` when the server has one. Without ``TILEWORK_URL`` every test here is
skipped. GDAL's Python bindings (osgeo) and ``gdaldem`` make the expected values.
"""

import collections
import os
import pickle
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import numpy as np

import support
import tilework
from tilework import Footprint, TileworkError

URL = os.environ.get("TILEWORK_URL")
TOKEN = os.environ.get("TILEWORK_TOKEN") or None
DATA = os.environ.get("TILEWORK_DATA")

folder = None  # absolute, under DATA
relative = None  # the same, relative to the data root, as the server takes paths


def setUpModule():
    global folder, relative, gdal
    if not URL:
        reason = "TILEWORK_URL is not set: start `tilework serve` and set TILEWORK_URL, TILEWORK_DATA (and TILEWORK_TOKEN)"
        print(f"\ntest_server: skipped: {reason}", file=sys.stderr)
        raise unittest.SkipTest(reason)
    if not DATA or not os.path.isdir(DATA):
        raise RuntimeError(f"TILEWORK_URL is set but TILEWORK_DATA ({DATA!r}) is not the server's data root folder: "
                           f"set it to the folder given to `tilework serve --data-root`")
    from osgeo import gdal as _gdal
    gdal = _gdal
    gdal.UseExceptions()
    folder = tempfile.mkdtemp(prefix="pyclient-test-", dir=DATA)
    relative = os.path.basename(folder)


def tearDownModule():
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def client():
    return tilework.connect(URL, token=TOKEN)


def create(name, type_name, bands, width, height, nodata=(), options=(), values=None, seed=0):
    """A GeoTIFF of random values under the test folder; returns its path relative to the data root."""
    rng = np.random.default_rng(seed)
    gdal_type = gdal.GetDataTypeByName(type_name)
    creation = ["TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64"] + list(options)
    if type_name == "Int8" and gdal_type == gdal.GDT_Unknown:  # GDAL < 3.7: a Byte band marked signed
        gdal_type, creation = gdal.GDT_Byte, creation + ["PIXELTYPE=SIGNEDBYTE"]
    path = os.path.join(folder, name)
    ds = gdal.GetDriverByName("GTiff").Create(path, width, height, bands, gdal_type, creation)
    ds.SetGeoTransform((430000.0, 5.0, 0.0, 6700000.0, 0.0, -5.0))
    for b in range(1, bands + 1):
        band = ds.GetRasterBand(b)
        if values is not None:
            data = values
        elif type_name.startswith("Float"):
            data = rng.normal(0, 1000, size=(height, width))
        else:
            info = np.iinfo(support.np.dtype(tilework.frames.WIRE_DTYPES[type_name]))
            data = rng.integers(info.min, info.max, size=(height, width), endpoint=True, dtype=np.int64)
            if type_name == "Int8":
                data = data.astype(np.int8).view(np.uint8)  # a SIGNEDBYTE band is written as its bytes
        band.WriteArray(data)
        if b - 1 < len(nodata) and nodata[b - 1] is not None:
            band.SetNoDataValue(nodata[b - 1])
    ds = None
    return f"{relative}/{name}"


def expected(path, window, bands=None, signed_bytes=False):
    """What the server must send for ``window``: GDAL's ReadAsArray of the part inside the raster,
    each band's nodata (or 0) outside."""
    ds = gdal.Open(os.path.join(DATA, path))
    bands = list(range(1, ds.RasterCount + 1)) if bands is None else bands
    full = np.stack([ds.GetRasterBand(b).ReadAsArray() for b in range(1, ds.RasterCount + 1)])
    nodata = [ds.GetRasterBand(b).GetNoDataValue() for b in range(1, ds.RasterCount + 1)]
    if signed_bytes:
        full = full.view(np.int8)
    return support.padded_window(full, nodata, window, bands)


def read_metric(c, name):
    return sum(v for k, v in c.metrics().items() if k == name or k.startswith(name + "{"))


TYPES = ["Byte", "Int8", "UInt16", "Int16", "UInt32", "Int32", "Float32", "Float64"]
NUMPY = {"Byte": np.uint8, "Int8": np.int8, "UInt16": np.uint16, "Int16": np.int16, "UInt32": np.uint32,
         "Int32": np.int32, "Float32": np.float32, "Float64": np.float64}
NODATA = {"Byte": [3, 3, 3], "Int8": [-5], "UInt16": [None], "Int16": [-32768], "UInt32": [7],
          "Int32": [None], "Float32": [float("nan")], "Float64": [-9999.5]}
WIDTH, HEIGHT = 150, 110
WINDOWS = [(0, 0, WIDTH, HEIGHT), (10, 20, 30, 40), (149, 109, 1, 1), (-7, -3, 20, 10), (140, 100, 25, 25),
           (-10, 50, 170, 5), (70, -20, 9, 200), (-50, -50, 300, 300), (64, 64, 64, 64), (0, 0, 1, 1)]


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")


class TypesTest(unittest.TestCase):

    def test_every_type_every_window(self):
        c = client()
        for type_name in TYPES:
            with self.subTest(type=type_name):
                bands = 3 if type_name == "Byte" else 1
                path = create(f"{type_name.lower()}.tif", type_name, bands, WIDTH, HEIGHT, NODATA[type_name],
                              seed=TYPES.index(type_name))
                raster = c.open(path)
                self.assertEqual(raster.type_name, type_name,
                                 "GDAL < 3.7 marks Int8 as a Byte band with PIXELTYPE=SIGNEDBYTE: the server must read it")
                self.assertEqual(raster.dtype, np.dtype(NUMPY[type_name]))
                self.assertEqual((raster.width, raster.height, raster.band_count), (WIDTH, HEIGHT, bands))
                self.assertEqual(raster.geo_transform, (430000.0, 5.0, 0.0, 6700000.0, 0.0, -5.0))
                # GeoTIFF keeps one nodata for all bands: GDAL's answer, not what was set, is expected
                ds = gdal.Open(os.path.join(DATA, path))
                gdal_nodata = [ds.GetRasterBand(b).GetNoDataValue() for b in range(1, bands + 1)]
                ds = None
                self.assertEqual(len(raster.nodata), bands)
                for got_nodata, want in zip(raster.nodata, gdal_nodata):
                    self.assertTrue(got_nodata == want or (want != want and got_nodata != got_nodata),
                                    f"nodata {got_nodata} where GDAL says {want}")
                signed = type_name == "Int8"
                for window, array in zip(WINDOWS, raster.iter_data(WINDOWS)):
                    self.assertTrue(same(array, expected(path, window, signed_bytes=signed)), f"window {window}")
                    self.assertTrue(same(raster.get_data(window), array), f"get_data {window}")
                tiles = raster.footprint.tile(64, overlap=5, boundary_effect="extend")
                for tile, array in zip(tiles, raster.iter_data(tiles)):
                    window = tile.pixel_window_in(raster.footprint)
                    self.assertTrue(same(array, expected(path, window, signed_bytes=signed)), f"tile {window}")
                self.assertEqual(c.open(path).id, raster.id, "the same file has the same id")

    def test_bands(self):
        c = client()
        path = create("bands.tif", "Byte", 3, 80, 60, [9, 9, 9], seed=11)
        raster = c.open(path)
        window = (-5, 10, 40, 30)
        self.assertTrue(same(raster.get_data(window, bands=[3, 1]), expected(path, window, [3, 1])))
        self.assertTrue(same(raster.get_data(window, bands=2), expected(path, window, [2])[0]))
        self.assertEqual(raster.get_data(window, bands=[2]).shape, (1, 30, 40))


class RecipeTest(unittest.TestCase):

    def test_slope_equals_gdaldem(self):
        rows, cols = np.mgrid[0:230, 0:270]
        rng = np.random.default_rng(21)
        dem_values = (200 + 30 * np.sin(rows / 17.0) * np.cos(cols / 23.0) + rng.normal(0, 0.5, rows.shape))
        path = create("dem.tif", "Float32", 1, 270, 230, values=dem_values.astype(np.float32))
        slope_path = f"{relative}/slope-gdaldem.tif"
        subprocess.run(["gdaldem", "slope", "-compute_edges", "-q", os.path.join(DATA, path),
                        os.path.join(DATA, slope_path)], check=True)
        c = client()
        dem = c.open(path)
        slope = c.recipe("slope", dem, compute_edges=True, cache=f"{relative}/slope-cache", tile_size=64)
        self.assertEqual(slope.kind, "recipe")
        self.assertEqual((slope.width, slope.height), (270, 230))
        windows = [(0, 0, 270, 230), (60, 60, 70, 70), (-3, -3, 20, 20), (250, 200, 40, 40)]
        windows += [t.pixel_window_in(slope.footprint) for t in slope.footprint.tile(100, boundary_effect="shrink")]
        for window, array in zip(windows, slope.iter_data(windows)):
            self.assertTrue(same(array, expected(slope_path, window)), f"slope window {window}")
        again = c.recipe("slope", dem, compute_edges=True, cache=f"{relative}/slope-cache", tile_size=64)
        self.assertEqual(again.id, slope.id)
        self.assertEqual(c.raster(slope.id).id, slope.id)


class StreamTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.path = create("stream.tif", "Float64", 1, 1024, 1024, seed=31)
        cls.raster = client().open(cls.path)
        ds = gdal.Open(os.path.join(DATA, cls.path))
        cls.full = ds.ReadAsArray()[np.newaxis]

    def wait_idle(self, c):
        deadline = time.monotonic() + 10
        while read_metric(c, "tilework_raster_streams_active") > 0 and time.monotonic() < deadline:
            time.sleep(0.1)

    def test_1000_windows_in_order(self):
        rng = np.random.default_rng(41)
        windows = [(int(x), int(y), int(w), int(h)) for x, y, w, h in zip(
            rng.integers(-20, 1000, 1000), rng.integers(-20, 1000, 1000),
            rng.integers(21, 60, 1000), rng.integers(21, 60, 1000))]
        count = 0
        for window, array in zip(windows, self.raster.iter_data(windows, read_ahead_bytes=1 << 20)):
            self.assertTrue(same(array, support.padded_window(self.full, [None], window)), f"window {count} {window}")
            count += 1
        self.assertEqual(count, 1000)

    def test_a_consumer_that_stops_reading_stops_the_server(self):
        c = client()
        self.wait_idle(c)
        read_ahead = 1 << 20
        window_bytes = 256 * 256 * 8
        windows = [((i % 4) * 256, (i // 4 % 4) * 256, 256, 256) for i in range(400)]  # 200 MiB in all
        arrays = self.raster.iter_data(windows, read_ahead_bytes=read_ahead)
        try:
            next(arrays)
            time.sleep(2)
            ahead = read_metric(c, "tilework_raster_read_ahead_bytes")
            self.assertLessEqual(ahead, read_ahead + window_bytes,
                                 f"the server holds {ahead} bytes ahead for a consumer that stopped reading")
        finally:
            arrays.close()

    def test_a_disconnect_cancels(self):
        c = client()
        self.wait_idle(c)
        before = read_metric(c, "tilework_raster_windows_cancelled_total")
        windows = [((i % 8) * 128, (i // 8 % 8) * 128, 128, 128) for i in range(500)]
        arrays = self.raster.iter_data(windows, read_ahead_bytes=1 << 20)
        next(arrays)
        arrays.close()
        deadline = time.monotonic() + 5
        while read_metric(c, "tilework_raster_windows_cancelled_total") <= before and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertGreater(read_metric(c, "tilework_raster_windows_cancelled_total"), before,
                           "no window was cancelled within 5 s of the disconnect")

    def test_queue_data(self):
        windows = [(i * 10, i * 5, 50, 50) for i in range(30)]
        q = self.raster.queue_data(windows, max_queue_size=4)
        for window in windows:
            item = q.get(timeout=60)
            if isinstance(item, Exception):
                raise item
            self.assertTrue(same(item, support.padded_window(self.full, [None], window)))


class ErrorsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.path = create("errors.tif", "Int16", 2, 64, 48, seed=51)
        cls.raster = client().open(cls.path)

    def test_window_wholly_outside(self):
        with self.assertRaises(TileworkError) as caught:
            list(self.raster.iter_data([(0, 0, 8, 8), (1000, 1000, 8, 8)]))
        self.assertEqual(caught.exception.status, 400)
        self.assertTrue(caught.exception.message)
        self.assertIn("1", caught.exception.message, "the message names the window's index")

    def test_bad_bands(self):
        for bands in ([3], [0], 5):
            with self.subTest(bands=bands):
                with self.assertRaises(TileworkError) as caught:
                    self.raster.get_data((0, 0, 8, 8), bands=bands)
                self.assertTrue(caught.exception.message)

    def test_unsupported_pixel_type(self):
        name = "complex.tif"
        ds = gdal.GetDriverByName("GTiff").Create(os.path.join(folder, name), 16, 16, 1, gdal.GDT_CInt16)
        ds = None
        with self.assertRaises(TileworkError) as caught:
            client().open(f"{relative}/{name}")
        self.assertEqual(caught.exception.status, 400)
        self.assertIn("CInt16", caught.exception.message, "the message names the type")

    def test_bad_resampling(self):
        footprint = Footprint(self.raster.geo_transform, 8, 8)
        with self.assertRaises((TileworkError, ValueError)) as caught:
            self.raster.get_data(footprint, resampling="lanczos")
        self.assertIn("lanczos", str(caught.exception))

    def test_unknown_path_and_id(self):
        with self.assertRaises(TileworkError) as caught:
            client().open(f"{relative}/no-such-file.tif")
        self.assertEqual(caught.exception.status, 404)
        with self.assertRaises(TileworkError) as caught:
            client().raster("r-no-such-raster")
        self.assertEqual(caught.exception.status, 404)

    def test_token(self):
        if not TOKEN:
            self.skipTest("TILEWORK_TOKEN is not set: the server takes requests without a token")
        with self.assertRaises(TileworkError) as caught:
            tilework.connect(URL).open(self.path)
        self.assertEqual(caught.exception.status, 401)


class ClientTest(unittest.TestCase):

    def test_pickling(self):
        path = create("pickled.tif", "UInt16", 1, 40, 30, seed=71)
        raster = client().open(path)
        copy = pickle.loads(pickle.dumps(raster))
        self.assertTrue(np.array_equal(copy.get_data((0, 0, 40, 30)), raster.get_data((0, 0, 40, 30))),
                        "a raster sent to another process reads the same pixels")
        error = pickle.loads(pickle.dumps(TileworkError("m", 400, 3)))
        self.assertEqual((error.message, error.status, error.index), ("m", 400, 3))

    def test_unreachable_server(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with self.assertRaisesRegex(TileworkError, "cannot reach the tilework server"):
            tilework.connect(f"http://127.0.0.1:{port}").open("x.tif")

    def test_importing_tilework_does_not_import_torch(self):
        code = "import sys, tilework; sys.exit(1 if 'torch' in sys.modules else 0)"
        package = os.path.dirname(os.path.dirname(tilework.__file__))
        self.assertEqual(subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": package}).returncode, 0)


class TorchTest(unittest.TestCase):

    def test_data_loader_with_two_workers(self):
        try:
            from torch.utils.data import DataLoader
            from tilework.torch import TileDataset
        except ImportError as e:
            self.skipTest(f"torch is not importable ({e})")
        path = create("torch.tif", "Byte", 3, 300, 200, seed=61)
        raster = client().open(path)
        tiles = raster.footprint.tile(64, boundary_effect="shrink")
        counts = collections.Counter()
        wanted = collections.Counter()
        for tile in tiles:
            a = expected(path, tile.pixel_window_in(raster.footprint))
            wanted[(a.shape, a.tobytes())] += 1
        for tensor in DataLoader(TileDataset(raster, tiles), num_workers=2, batch_size=None):
            a = tensor.numpy()
            counts[(a.shape, a.tobytes())] += 1
        self.assertEqual(sum(counts.values()), len(tiles))
        self.assertEqual(counts, wanted, "every window exactly once")


if __name__ == "__main__":
    unittest.main()
