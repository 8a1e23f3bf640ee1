"""Shared by the tests: the expected content of a window, and frames built by hand."""

import http.server
import json
import os
import re
import struct
import sys
import threading
import time

import numpy as np

try:
    import tilework  # noqa: F401
except ImportError:  # run from the source tree without PYTHONPATH: the package next to these tests
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TYPE_NAMES = {np.dtype("uint8"): "Byte", np.dtype("int8"): "Int8", np.dtype("uint16"): "UInt16",
              np.dtype("int16"): "Int16", np.dtype("uint32"): "UInt32", np.dtype("int32"): "Int32",
              np.dtype("float32"): "Float32", np.dtype("float64"): "Float64"}


def padded_window(array, nodata, window, bands=None):
    """``array[bands][:, y:y+h, x:x+w]`` of a (bands, height, width) array, pixels outside it
    filled with each band's nodata (0 when None), as the protocol says."""
    x, y, w, h = window
    bands = list(range(1, array.shape[0] + 1)) if bands is None else list(bands)
    out = np.empty((len(bands), h, w), dtype=array.dtype)
    for i, band in enumerate(bands):
        value = nodata[band - 1]
        out[i] = 0 if value is None else value
    height, width = array.shape[1:]
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, width), min(y + h, height)
    if x1 > x0 and y1 > y0:
        out[:, y0 - y:y1 - y, x0 - x:x1 - x] = array[[b - 1 for b in bands], y0:y1, x0:x1]
    return out


def frame(header, array=None):
    """One frame of the stream, as bytes."""
    data = json.dumps(header).encode()
    body = b"" if array is None else array.astype(array.dtype.newbyteorder("<")).tobytes()
    return struct.pack("<I", len(data)) + data + body
