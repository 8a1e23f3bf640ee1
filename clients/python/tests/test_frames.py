"""Parsing the frame stream from bytes built here with struct and numpy."""

import io
import json
import struct
import unittest

import numpy as np

import support
from tilework import TileworkError
from tilework.frames import StreamCut, dtype_of, iter_window_frames, read_frame

TYPES = {"Byte": np.uint8, "Int8": np.int8, "UInt16": np.uint16, "Int16": np.int16, "UInt32": np.uint32,
         "Int32": np.int32, "Float32": np.float32, "Float64": np.float64}


class Trickle(io.RawIOBase):
    """A stream that hands out at most 3 bytes per read, as a slow socket might."""

    def __init__(self, data):
        self.data = memoryview(data)

    def readable(self):
        return True

    def readinto(self, b):
        n = min(3, len(b), len(self.data))
        b[:n] = self.data[:n]
        self.data = self.data[n:]
        return n


def window_frame(index, values, type_name):
    return support.frame({"index": index, "window": [0, 0, values.shape[2], values.shape[1]],
                          "shape": list(values.shape), "type": type_name, "bytes": values.nbytes}, values)


def end(count):
    return support.frame({"end": True, "windows": count})


class FramesTest(unittest.TestCase):

    def test_every_type_little_endian(self):
        rng = np.random.default_rng(1)
        for name, dtype in TYPES.items():
            with self.subTest(type=name):
                if np.issubdtype(dtype, np.integer):
                    info = np.iinfo(dtype)
                    values = rng.integers(info.min, info.max, size=(2, 3, 5), dtype=dtype, endpoint=True)
                else:
                    values = rng.normal(0, 1e6, size=(2, 3, 5)).astype(dtype)
                # built by hand: the header length, the header, the values in little-endian order
                header = json.dumps({"index": 0, "window": [0, 0, 5, 3], "shape": [2, 3, 5], "type": name,
                                     "bytes": values.nbytes}).encode()
                raw = values.astype(np.dtype(dtype).newbyteorder("<")).tobytes()
                stream = struct.pack("<I", len(header)) + header + raw + end(1)
                frames = list(iter_window_frames(Trickle(stream), 1))
                self.assertEqual(len(frames), 1)
                index, got_header, array = frames[0]
                self.assertEqual(index, 0)
                self.assertEqual(got_header["type"], name)
                self.assertEqual(array.dtype, np.dtype(dtype))
                self.assertEqual(array.shape, (2, 3, 5))
                self.assertTrue(np.array_equal(array, values))
                self.assertEqual(dtype_of(name), np.dtype(dtype))

    def test_big_endian_bytes_are_not_what_is_read(self):
        values = np.arange(6, dtype=np.uint16).reshape(1, 2, 3)
        header = json.dumps({"index": 0, "shape": [1, 2, 3], "type": "UInt16", "bytes": 12}).encode()
        stream = struct.pack("<I", len(header)) + header + values.astype(">u2").tobytes() + end(1)
        (_, _, array), = iter_window_frames(io.BytesIO(stream), 1)
        self.assertEqual(array[0, 0, 1], 256, "the wire is little-endian")

    def test_error_frame_comes_with_no_array_and_the_stream_goes_on(self):
        a = np.ones((1, 2, 2), np.float32)
        stream = (window_frame(0, a, "Float32") + support.frame({"index": 1, "error": "window 1: no such band"})
                  + window_frame(2, a * 2, "Float32") + end(3))
        frames = list(iter_window_frames(io.BytesIO(stream), 3))
        self.assertEqual([f[0] for f in frames], [0, 1, 2])
        self.assertIsNone(frames[1][2])
        self.assertEqual(frames[1][1]["error"], "window 1: no such band")
        self.assertTrue(np.array_equal(frames[2][2], a * 2))

    def test_missing_end_frame(self):
        a = np.zeros((1, 4, 4), np.uint8)
        stream = window_frame(0, a, "Byte") + window_frame(1, a, "Byte")
        frames = iter_window_frames(io.BytesIO(stream), 3)
        next(frames)
        next(frames)
        with self.assertRaisesRegex(StreamCut, "ended between frames after 2 of 3 window.*without its end frame"):
            next(frames)

    def test_cut_inside_a_header_or_the_values(self):
        a = np.arange(16, dtype=np.int32).reshape(1, 4, 4)
        whole = window_frame(0, a, "Int32") + end(1)
        for cut in (2, 10, len(whole) - len(end(1)) - 5):
            with self.subTest(cut=cut):
                with self.assertRaisesRegex(StreamCut, "ended inside"):
                    list(iter_window_frames(io.BytesIO(whole[:cut]), 1))
        self.assertTrue(issubclass(StreamCut, TileworkError))

    def test_end_frame_with_the_wrong_count(self):
        a = np.zeros((1, 1, 1), np.uint8)
        with self.assertRaisesRegex(TileworkError, "2 windows; 1 were asked"):
            list(iter_window_frames(io.BytesIO(window_frame(0, a, "Byte") + end(2)), 1))

    def test_out_of_order_and_garbage(self):
        a = np.zeros((1, 1, 1), np.uint8)
        with self.assertRaisesRegex(TileworkError, "says index 1"):
            list(iter_window_frames(io.BytesIO(window_frame(1, a, "Byte") + end(1)), 1))
        with self.assertRaisesRegex(TileworkError, "not a tilework window stream"):
            read_frame(io.BytesIO(b"<html><body>Bad gateway</body></html>"))
        with self.assertRaisesRegex(TileworkError, "not JSON"):
            read_frame(io.BytesIO(struct.pack("<I", 3) + b"{x}"))
        with self.assertRaisesRegex(TileworkError, "type 'CInt16'"):
            read_frame(io.BytesIO(support.frame({"index": 0, "shape": [1, 1, 1], "type": "CInt16", "bytes": 4})))
        with self.assertRaisesRegex(TileworkError, "announces 5 bytes"):
            read_frame(io.BytesIO(support.frame({"index": 0, "shape": [1, 1, 1], "type": "Int32", "bytes": 5})))

    def test_empty_window_shape(self):
        stream = support.frame({"index": 0, "shape": [3, 0, 4], "type": "Float64", "bytes": 0}) + end(1)
        (_, _, array), = iter_window_frames(io.BytesIO(stream), 1)
        self.assertEqual(array.shape, (3, 0, 4))


if __name__ == "__main__":
    unittest.main()
