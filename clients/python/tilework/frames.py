"""The frame stream of ``POST /api/rasters/{id}/read`` (``application/x-tilework-tiles``).

Each frame is::

    uint32 little-endian   header length H
    H bytes                UTF-8 JSON header
    N bytes                the array, when the header has "shape": raw little-endian values,
                           band-major (bands, height, width), of "type"

One frame per window in the order asked (``{"index", "window", "shape", "type", "bytes"}``, or
``{"index", "error"}`` for a window that failed), then ``{"end": true, "windows": count}``. A
stream that stops before the end frame was cut.
"""

import http.client
import json
import struct
import sys

import numpy as np

from .errors import TileworkError

#: GDAL's type names (as the server sends them) -> the little-endian numpy type of the values on the wire.
WIRE_DTYPES = {
    "Byte": np.dtype("u1"),
    "Int8": np.dtype("i1"),
    "UInt16": np.dtype("<u2"),
    "Int16": np.dtype("<i2"),
    "UInt32": np.dtype("<u4"),
    "Int32": np.dtype("<i4"),
    "Float32": np.dtype("<f4"),
    "Float64": np.dtype("<f8"),
}

# A JSON header is a few hundred bytes; anything far larger means the stream is not frames at all
# (a proxy's HTML page, a misaligned read) and must not make us allocate gigabytes.
_MAX_HEADER_BYTES = 1 << 20

_LENGTH = struct.Struct("<I")


def dtype_of(type_name):
    """The numpy dtype (native byte order) of GDAL type ``type_name``, e.g. "UInt16" -> uint16."""
    try:
        return WIRE_DTYPES[type_name].newbyteorder("=")
    except KeyError:
        raise TileworkError(
            f"unknown raster type {type_name!r} from the server; this client reads "
            f"{', '.join(WIRE_DTYPES)}: update the client or convert the raster") from None


class StreamCut(TileworkError):
    """The frame stream stopped (or broke) before its end frame."""


def _read_exactly(stream, view, what, frames_read):
    """Fill ``view`` from ``stream``; returns the bytes read (less than asked only at a clean EOF)."""
    filled = 0
    total = len(view)
    while filled < total:
        try:
            n = stream.readinto(view[filled:])
        except http.client.IncompleteRead:
            n = 0
        except (OSError, http.client.HTTPException) as e:
            raise StreamCut(f"the window stream broke while reading {what} after {frames_read} window(s): "
                            f"{type(e).__name__}: {e}; the server may have stopped or the network dropped: "
                            f"read the remaining windows again") from e
        if not n:
            break
        filled += n
    return filled


def _cut(what, frames_read, expected):
    expecting = f" of {expected}" if expected is not None else ""
    return StreamCut(f"the window stream ended {what} after {frames_read}{expecting} window(s), without its end "
                     f"frame: the server stopped or the connection was cut; read the remaining windows again")


def read_frame(stream, frames_read=0, expected=None):
    """One frame from ``stream`` (anything with ``readinto``): ``(header dict, array or None)``.

    Raises :class:`StreamCut` if the stream ends before a whole frame, :class:`TileworkError` if
    the bytes are not a frame. ``frames_read`` and ``expected`` only make the messages precise.
    """
    length_bytes = bytearray(4)
    got = _read_exactly(stream, memoryview(length_bytes), "a frame header", frames_read)
    if got < 4:
        raise _cut("between frames" if got == 0 else "inside a frame header", frames_read, expected)
    (length,) = _LENGTH.unpack(length_bytes)
    if length > _MAX_HEADER_BYTES:
        raise TileworkError(f"frame {frames_read} announces a header of {length} bytes: this is not a tilework "
                            f"window stream (is a proxy in between, or the server of another version?)")
    header_bytes = bytearray(length)
    if _read_exactly(stream, memoryview(header_bytes), "a frame header", frames_read) < length:
        raise _cut("inside a frame header", frames_read, expected)
    try:
        header = json.loads(header_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise TileworkError(f"frame {frames_read} has a header that is not JSON ({e}): "
                            f"{bytes(header_bytes[:200])!r}") from None
    if not isinstance(header, dict):
        raise TileworkError(f"frame {frames_read} has a header that is not a JSON object: {header!r}")
    if "shape" not in header:
        return header, None
    return header, _read_array(stream, header, frames_read, expected)


def _read_array(stream, header, frames_read, expected):
    shape = header["shape"]
    if (not isinstance(shape, list) or len(shape) != 3
            or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in shape)):
        raise TileworkError(f"frame {frames_read} has shape {shape!r}; a window's shape is [bands, height, width]")
    type_name = header.get("type")
    if type_name not in WIRE_DTYPES:
        raise TileworkError(f"frame {frames_read} has type {type_name!r}; this client reads "
                            f"{', '.join(WIRE_DTYPES)}: update the client or convert the raster")
    array = np.empty(shape, dtype=WIRE_DTYPES[type_name])
    if "bytes" in header and header["bytes"] != array.nbytes:
        raise TileworkError(f"frame {frames_read} announces {header['bytes']} bytes for shape {shape} of "
                            f"{type_name}, which is {array.nbytes} bytes")
    # straight into the array's memory: no intermediate copy of a possibly large window
    if array.nbytes and _read_exactly(stream, memoryview(array).cast("B"), "a window's values",
                                      frames_read) < array.nbytes:
        raise _cut("inside a window's values", frames_read, expected)
    if sys.byteorder != "little" and array.dtype.itemsize > 1:
        array = array.astype(array.dtype.newbyteorder("="))
    return array


def iter_window_frames(stream, expected):
    """The window frames of a whole stream, ``(index, header, array or None)``, checked in order.

    Stops after the end frame; raises :class:`StreamCut` if the stream stops before it, and
    :class:`TileworkError` if frames come out of order or the end frame's count is not
    ``expected``. Error frames are yielded (``array`` None, ``header["error"]`` the message):
    what to do with them is the caller's choice.
    """
    index = 0
    while True:
        header, array = read_frame(stream, index, expected)
        if header.get("end") is True:
            if header.get("windows") != expected or index != expected:
                raise TileworkError(f"the window stream ended after {index} frame(s) saying "
                                    f"{header.get('windows')!r} windows; {expected} were asked")
            return
        if index >= expected:
            raise TileworkError(f"the window stream sent frame {index} but only {expected} window(s) were asked")
        if header.get("index") != index:
            raise TileworkError(f"frame {index} of the window stream says index {header.get('index')!r}: "
                                f"frames must come in the order the windows were asked")
        if array is None and "error" not in header:
            raise TileworkError(f"frame {index} of the window stream has neither an array nor an error: {header!r}")
        yield index, header, array
        index += 1
