"""The client against the in-process fake server (tests/support.py): everything but the real engine."""

import gc
import pickle
import socket
import subprocess
import sys
import time
import unittest

import numpy as np

import support
import tilework
from tilework import Footprint, TileworkError
from tilework.client import STREAM_RECEIVE_BUFFER, _create_connection


class ClientTest(unittest.TestCase):

    def setUp(self):
        self.server = support.FakeServer()
        self.addCleanup(self.server.close)
        rng = np.random.default_rng(7)
        self.rgb = rng.integers(0, 256, size=(3, 70, 90), dtype=np.uint8)
        self.server.add("rgb.tif", self.rgb, nodata=[None, 7, None])
        self.floats = rng.normal(size=(1, 50, 40)).astype(np.float32)
        self.server.add("f.tif", self.floats, nodata=[float("nan")])
        self.big = rng.integers(0, 1 << 16, size=(1, 512, 512), dtype=np.uint16)
        self.server.add("big.tif", self.big)
        self.client = tilework.connect(self.server.url)

    def test_description(self):
        rgb = self.client.open("rgb.tif")
        self.assertEqual((rgb.width, rgb.height, rgb.band_count), (90, 70, 3))
        self.assertEqual(rgb.dtype, np.uint8)
        self.assertEqual(rgb.nodata, [None, 7, None])
        self.assertEqual(rgb.geo_transform, (1000.0, 2.0, 0.0, 5000.0, 0.0, -2.0))
        self.assertEqual(rgb.footprint, Footprint((1000.0, 2.0, 0.0, 5000.0, 0.0, -2.0), 90, 70))
        self.assertEqual(rgb.tile_size, 256)
        self.assertIsNone(rgb.epsg)
        self.assertTrue(np.isnan(self.client.open("f.tif").nodata[0]))
        self.assertEqual(self.client.raster(rgb.id), rgb)

    def test_band_shapes(self):
        rgb = self.client.open("rgb.tif")
        window = (10, 5, 20, 8)
        all_bands = rgb.get_data(window)
        self.assertEqual(all_bands.shape, (3, 8, 20))
        self.assertTrue(np.array_equal(all_bands, self.rgb[:, 5:13, 10:30]))
        two = rgb.get_data(window, bands=[3, 1])
        self.assertEqual(two.shape, (2, 8, 20))
        self.assertTrue(np.array_equal(two, self.rgb[[2, 0], 5:13, 10:30]))
        one = rgb.get_data(window, bands=2)
        self.assertEqual(one.shape, (8, 20))
        self.assertTrue(np.array_equal(one, self.rgb[1, 5:13, 10:30]))
        self.assertEqual(rgb.get_data(window, bands=[2]).shape, (1, 8, 20))
        self.assertEqual(self.server.requests[-1][2]["bands"], [2])

    def test_outside_pixels_are_nodata(self):
        rgb = self.client.open("rgb.tif")
        a = rgb.get_data((-5, 60, 20, 20))
        self.assertTrue(np.array_equal(a, support.padded_window(self.rgb, [None, 7, None], (-5, 60, 20, 20))))
        self.assertEqual(a[1, 0, 0], 7)
        self.assertEqual(a[0, 0, 0], 0)

    def test_iter_data_in_order_with_footprints(self):
        rgb = self.client.open("rgb.tif")
        tiles = rgb.footprint.tile(32, overlap=4, boundary_effect="extend")
        arrays = list(rgb.iter_data(tiles, bands=[1], read_ahead_bytes=1 << 10))
        self.assertEqual(len(arrays), len(tiles))
        for tile, array in zip(tiles, arrays):
            window = tile.pixel_window_in(rgb.footprint)
            self.assertTrue(np.array_equal(array, support.padded_window(self.rgb, [None, 7, None], window, [1])))
        body = self.server.requests[-1][2]
        self.assertEqual(body["windows"][1], [28, 0, 32, 32], "footprints on the grid travel as pixel windows")
        self.assertEqual(body["readAheadBytes"], 1 << 10)
        off_grid = Footprint((1001.0, 2.0, 0.0, 5000.0, 0.0, -2.0), 6, 4)
        self.assertEqual(rgb.get_data(off_grid, resampling="bilinear").shape, (3, 4, 6))
        self.assertEqual(self.server.requests[-1][2]["windows"], [off_grid.to_json()])
        self.assertEqual(self.server.requests[-1][2]["resampling"], "bilinear")

    def test_many_windows_in_order(self):
        big = self.client.open("big.tif")
        rng = np.random.default_rng(3)
        windows = [(int(x), int(y), int(w), int(h)) for x, y, w, h in
                   zip(rng.integers(-10, 500, 1000), rng.integers(-10, 500, 1000),
                       rng.integers(11, 40, 1000), rng.integers(11, 40, 1000))]
        count = 0
        for window, array in zip(windows, big.iter_data(windows)):
            self.assertTrue(np.array_equal(array, support.padded_window(self.big, [None], window)))
            count += 1
        self.assertEqual(count, 1000)

    def test_errors(self):
        rgb = self.client.open("rgb.tif")
        with self.assertRaises(TileworkError) as caught:
            rgb.get_data((500, 500, 10, 10))
        self.assertEqual(caught.exception.status, 400)
        self.assertIn("wholly outside", caught.exception.message)
        with self.assertRaises(TileworkError) as caught:
            rgb.get_data((0, 0, 10, 10), bands=[4])
        self.assertEqual(caught.exception.status, 400)
        with self.assertRaises(TileworkError) as caught:
            self.client.open("nope.tif")
        self.assertEqual(caught.exception.status, 404)
        self.assertIn("nope.tif", str(caught.exception))
        with self.assertRaisesRegex(TypeError, "window 1 is"):
            rgb.iter_data([(0, 0, 1, 1), (0, 0, 1)])
        with self.assertRaisesRegex(TypeError, "list of windows"):
            rgb.iter_data((0, 0, 1, 1))

    def test_error_frame_raises_at_its_window(self):
        self.server.fail_width = 13
        rgb = self.client.open("rgb.tif")
        arrays = rgb.iter_data([(0, 0, 5, 5), (0, 0, 13, 5), (0, 0, 5, 5)])
        self.assertEqual(next(arrays).shape, (3, 5, 5))
        with self.assertRaises(TileworkError) as caught:
            next(arrays)
        self.assertEqual(caught.exception.index, 1)
        self.assertIsNone(caught.exception.status)
        self.assertIn("the fake fails widths of 13", caught.exception.message)

    def test_cut_stream(self):
        self.server.cut_after = 2
        rgb = self.client.open("rgb.tif")
        arrays = rgb.iter_data([(0, 0, 5, 5)] * 4)
        next(arrays)
        next(arrays)
        with self.assertRaisesRegex(TileworkError, "after 2 of 4 window.*without its end frame"):
            next(arrays)

    def test_closing_the_generator_closes_the_connection(self):
        big = self.client.open("big.tif")
        arrays = big.iter_data([(0, 0, 512, 512)] * 500)
        self.assertEqual(next(arrays).shape, (1, 512, 512))
        arrays.close()
        self.assertTrue(self.server.disconnected.wait(5), "the server saw no disconnect")
        self.assertLess(self.server.frames_written, 100)

    def test_queue_data(self):
        rgb = self.client.open("rgb.tif")
        windows = [(i, i, 10, 10) for i in range(40)]
        q = rgb.queue_data(windows, max_queue_size=3)
        self.assertEqual(q.maxsize, 3)
        for window in windows:
            item = q.get(timeout=10)
            self.assertNotIsInstance(item, Exception)
            self.assertTrue(np.array_equal(item, support.padded_window(self.rgb, [None, 7, None], window)))

    def test_queue_data_puts_the_error(self):
        self.server.fail_width = 13
        rgb = self.client.open("rgb.tif")
        q = rgb.queue_data([(0, 0, 5, 5), (0, 0, 13, 5), (0, 0, 5, 5)])
        self.assertEqual(q.get(timeout=10).shape, (3, 5, 5))
        error = q.get(timeout=10)
        self.assertIsInstance(error, TileworkError)
        self.assertEqual(error.index, 1)

    def test_dropping_the_queue_stops_the_stream(self):
        big = self.client.open("big.tif")
        q = big.queue_data([(0, 0, 512, 512)] * 500, max_queue_size=1)
        q.get(timeout=10)
        del q
        gc.collect()
        self.assertTrue(self.server.disconnected.wait(5), "the stream went on after the queue was dropped")

    def test_token(self):
        guarded = support.FakeServer(token="s3cret")
        self.addCleanup(guarded.close)
        guarded.add("rgb.tif", self.rgb)
        with self.assertRaises(TileworkError) as caught:
            tilework.connect(guarded.url).open("rgb.tif")
        self.assertEqual(caught.exception.status, 401)
        raster = tilework.connect(guarded.url, token="s3cret").open("rgb.tif")
        self.assertEqual(raster.get_data((0, 0, 2, 2)).shape, (3, 2, 2))
        self.assertNotIn("s3cret", repr(raster.client))

    def test_unreachable_server(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        with self.assertRaisesRegex(TileworkError, "cannot reach the tilework server"):
            tilework.connect(f"http://127.0.0.1:{port}").open("x.tif")

    def test_pickling(self):
        rgb = self.client.open("rgb.tif")
        copy = pickle.loads(pickle.dumps(rgb))
        self.assertEqual(copy, rgb)
        self.assertTrue(np.array_equal(copy.get_data((0, 0, 4, 4)), rgb.get_data((0, 0, 4, 4))))
        error = pickle.loads(pickle.dumps(TileworkError("m", 400, 3)))
        self.assertEqual((error.message, error.status, error.index), ("m", 400, 3))

    def test_metrics(self):
        metrics = self.client.metrics()
        self.assertEqual(metrics["tilework_raster_streams_active"], 0)
        self.assertEqual(metrics['tilework_raster_windows_sent_total{kind="x y"}'], 12)

    def test_stream_socket_receive_buffer(self):
        sock = _create_connection(("127.0.0.1", int(self.server.url.rsplit(":", 1)[1])), 5,
                                  receive_buffer=STREAM_RECEIVE_BUFFER)
        with sock:
            # Linux doubles the value asked for its bookkeeping; it stays near what was asked
            self.assertLessEqual(sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF), 2 * STREAM_RECEIVE_BUFFER)

    def test_importing_tilework_does_not_import_torch(self):
        code = "import sys, tilework; sys.exit(1 if 'torch' in sys.modules else 0)"
        env_path = support.os.path.dirname(support.os.path.dirname(tilework.__file__))
        result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": env_path})
        self.assertEqual(result.returncode, 0)


class TorchTest(unittest.TestCase):

    def setUp(self):
        try:
            import torch  # noqa: F401
        except ImportError as e:
            self.skipTest(f"torch is not importable ({e})")
        self.server = support.FakeServer()
        self.addCleanup(self.server.close)
        self.array = np.random.default_rng(5).integers(0, 256, size=(2, 100, 100), dtype=np.uint8)
        self.server.add("a.tif", self.array)
        self.raster = tilework.connect(self.server.url).open("a.tif")

    def test_two_workers_each_window_once(self):
        import torch
        from torch.utils.data import DataLoader
        from tilework.torch import TileDataset
        tiles = self.raster.footprint.tile(16, boundary_effect="shrink")
        expected = {}
        for tile in tiles:
            a = support.padded_window(self.array, [None, None], tile.pixel_window_in(self.raster.footprint))
            expected[(a.shape, a.tobytes())] = 0
        self.assertEqual(len(expected), len(tiles), "tiles of random data are all different")
        dataset = TileDataset(self.raster, tiles, transform=lambda a: a.astype(np.int16))
        self.assertEqual(len(dataset), len(tiles))
        for tensor in DataLoader(dataset, num_workers=2, batch_size=None):
            self.assertIsInstance(tensor, torch.Tensor)
            self.assertEqual(tensor.dtype, torch.int16)
            a = tensor.numpy().astype(np.uint8)
            expected[(a.shape, a.tobytes())] += 1
        self.assertEqual(sorted(set(expected.values())), [1])
        self.assertEqual(len([r for r in self.server.requests if r[1].endswith("/read")]), 2, "one stream per worker")

    def test_without_workers_in_order(self):
        from tilework.torch import TileDataset
        tiles = self.raster.footprint.tile(40, boundary_effect="exclude")
        got = [t.numpy() for t in TileDataset(self.raster, tiles, bands=1)]
        for tile, a in zip(tiles, got):
            self.assertTrue(np.array_equal(a, support.padded_window(self.array, [None, None],
                                                                    tile.pixel_window_in(self.raster.footprint))[0]))


if __name__ == "__main__":
    unittest.main()
