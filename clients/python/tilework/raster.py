"""Raster: a raster opened on the server (a file or a recipe), and reading its windows."""

import operator
import queue
import threading
import urllib.parse
import weakref

import numpy as np

from .errors import TileworkError
from .footprint import Footprint
from .frames import dtype_of, iter_window_frames

#: Default bytes the server may compute ahead of what it has written to the connection: about ten
#: 512 x 512 tiles of RGB bytes, enough to keep a server's cores busy; more holds more tiles in its
#: heap, which the JVM then grows (bench/python.sh: 8 MiB keeps the server's memory flat).
DEFAULT_READ_AHEAD_BYTES = 8 << 20

RESAMPLINGS = ("nearest", "bilinear", "cubic", "average")


class Raster:
    """A raster of the server, as :meth:`Client.open` or :meth:`Client.recipe` describe it.

    The description is read once; the pixels are read by :meth:`get_data`, :meth:`iter_data`
    and :meth:`queue_data`. A window is ``(x, y, width, height)`` in pixels (it may reach
    outside the raster: those pixels are the band's nodata, or 0 when it has none) or a
    :class:`Footprint` (one on the raster's grid is read as its pixel window; any other is
    resampled by the server). Arrays have the raster's dtype and shape ``(bands, height,
    width)`` like GDAL's ``ReadAsArray``. Picklable: it carries its client's URL and token.
    """

    def __init__(self, client, description):
        self._client = client
        self._description = dict(description)
        d = self._description
        try:
            self._id = d["id"]
            self._dtype = dtype_of(d["type"])
            self._footprint = Footprint(d["geoTransform"], d["width"], d["height"])
            self._band_count = int(d["bands"])
        except (KeyError, TypeError, ValueError) as e:
            raise TileworkError(f"the server described a raster without a valid {e}: {d!r}; "
                                f"is the client of the server's version?") from None

    # ---- description ---------------------------------------------------------------------------

    @property
    def client(self):
        return self._client

    @property
    def id(self):
        """The server's id: stable for the same file or recipe; ``client.raster(id)`` finds it again."""
        return self._id

    @property
    def kind(self):
        """``"file"`` or ``"recipe"``."""
        return self._description.get("kind")

    @property
    def name(self):
        return self._description.get("name")

    @property
    def width(self):
        return self._footprint.width

    @property
    def height(self):
        return self._footprint.height

    @property
    def band_count(self):
        return self._band_count

    @property
    def type_name(self):
        """GDAL's name of the type: Byte, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64."""
        return self._description["type"]

    @property
    def dtype(self):
        """The numpy dtype of the arrays read."""
        return self._dtype

    @property
    def nodata(self):
        """Per band: the nodata value (NaN for "nan"), or None."""
        return [_nodata(v) for v in self._description.get("noData") or [None] * self._band_count]

    @property
    def crs_wkt(self):
        return self._description.get("crsWkt")

    @property
    def epsg(self):
        return self._description.get("epsg")

    @property
    def geo_transform(self):
        """GDAL's six numbers, a tuple."""
        return self._footprint.geo_transform

    @property
    def tile_size(self):
        """The cache tile side of a recipe, the block width of a file: windows aligned on it read fastest."""
        return self._description.get("tileSize")

    @property
    def footprint(self):
        """The raster's :class:`Footprint`; ``raster.footprint.tile(512)`` tiles it."""
        return self._footprint

    @property
    def description(self):
        """The server's description, a dict (a copy)."""
        return dict(self._description)

    def __repr__(self):
        return (f"<tilework.Raster {self._id} {self.name!r}: {self.width} x {self.height}, "
                f"{self._band_count} band(s) of {self.type_name}>")

    def __eq__(self, other):
        return isinstance(other, Raster) and (self._client, self._id) == (other._client, other._id)

    def __hash__(self):
        return hash(self._id)

    # ---- reading -------------------------------------------------------------------------------

    def get_data(self, window, bands=None, resampling=None):
        """The array of one window: ``(bands, height, width)``, or ``(height, width)`` when
        ``bands`` is one int. ``bands``: None (all), a list of 1-based band numbers, or one
        int. Raises :class:`TileworkError` with the server's message if it cannot be read."""
        arrays = self.iter_data([window], bands=bands, resampling=resampling)
        try:
            (array,) = list(arrays)
        finally:
            arrays.close()
        return array

    def iter_data(self, windows, bands=None, read_ahead_bytes=DEFAULT_READ_AHEAD_BYTES, resampling=None):
        """The arrays of ``windows``, in order, as the server sends them: a generator.

        One streaming request for all windows, sent at the first ``next()``. The server computes
        at most ``read_ahead_bytes`` beyond what it has sent (at least one window): a consumer
        that stops reading stops the server's work for it. Closing the generator early (``break``
        out of a ``for`` loop, ``.close()``, ``contextlib.closing``) closes the connection, and
        the server cancels the windows nobody else needs.

        Raises :class:`TileworkError` when the request is refused (status set), at the window
        that failed (``index`` set, the stream is then closed), or if the stream is cut.
        """
        body, shapes, squeeze = self._read_request(windows, bands, read_ahead_bytes, resampling)
        return self._stream(body, shapes, squeeze)

    def queue_data(self, windows, max_queue_size=8, bands=None, read_ahead_bytes=DEFAULT_READ_AHEAD_BYTES,
                   resampling=None):
        """A ``queue.Queue(maxsize=max_queue_size)`` that a background thread fills with the arrays
        of ``windows``, in order, as :meth:`iter_data` reads them (like buzzard's ``queue_data``).

        Take exactly ``len(windows)`` items with ``q.get()``. If reading fails, the thread puts
        the exception (a :class:`TileworkError`) instead of the next array and stops: check
        ``isinstance(item, Exception)`` (and raise it). The queue is the only handle: drop it
        (no reference left) and the thread closes the stream within a fraction of a second, so
        the server cancels the rest. The thread is a daemon: it does not keep Python alive.
        """
        arrays = self.iter_data(windows, bands=bands, read_ahead_bytes=read_ahead_bytes, resampling=resampling)
        results = queue.Queue(maxsize=max_queue_size)
        thread = threading.Thread(target=_fill_queue, args=(arrays, weakref.ref(results)),
                                  name=f"tilework-queue-data-{self._id}", daemon=True)
        thread.start()
        return results

    def _read_request(self, windows, bands, read_ahead_bytes, resampling):
        """The JSON body of a read, the (height, width) expected of each window, and whether to
        drop the band axis (``bands`` given as one int)."""
        if isinstance(windows, (tuple, Footprint)) and _is_one_window(windows):
            raise TypeError("iter_data takes a list of windows; for a single window use get_data, "
                            "or wrap it: iter_data([window])")
        asked, shapes = [], []
        for index, window in enumerate(windows):
            asked.append(self._window_json(index, window))
            shapes.append(_window_shape(asked[-1]))
        band_list, squeeze = _bands(bands)
        body = {"windows": asked, "readAheadBytes": int(read_ahead_bytes)}
        if band_list is not None:
            body["bands"] = band_list
        if resampling is not None:
            if resampling not in RESAMPLINGS:
                raise ValueError(f"resampling must be one of {', '.join(RESAMPLINGS)}, not {resampling!r}")
            body["resampling"] = resampling
        band_count = self._band_count if band_list is None else len(band_list)
        return body, [(band_count, h, w) for h, w in shapes], squeeze

    def _window_json(self, index, window):
        if isinstance(window, Footprint):
            # on the raster's grid, the pixel window says the same without leaving the server a
            # floating-point comparison to make
            pixels = window.pixel_window_in(self._footprint)
            return list(pixels) if pixels is not None else window.to_json()
        try:
            x, y, w, h = (operator.index(v) for v in window)
        except (TypeError, ValueError):
            raise TypeError(f"window {index} is {window!r}: a window is (x, y, width, height) in whole pixels "
                            f"or a tilework.Footprint") from None
        return [x, y, w, h]

    def _stream(self, body, shapes, squeeze):
        if not shapes:
            return
        path = f"/api/rasters/{urllib.parse.quote(self._id, safe='')}/read"
        connection, response = self._client._stream(path, body)
        try:
            for index, header, array in iter_window_frames(response, len(shapes)):
                if array is None:
                    raise TileworkError(f"window {index} {body['windows'][index]} of {self.name or self._id}: "
                                        f"{header['error']}", index=index)
                if tuple(array.shape) != shapes[index] or array.dtype != self._dtype:
                    raise TileworkError(f"window {index} {body['windows'][index]} came as {array.dtype} "
                                        f"{tuple(array.shape)}; {self._dtype} {shapes[index]} was expected")
                yield array[0] if squeeze else array
        finally:
            # unread frames are dropped with the connection: that is the server's signal to cancel
            response.close()
            connection.close()


def _is_one_window(value):
    return isinstance(value, Footprint) or (len(value) == 4 and all(isinstance(v, int) for v in value))


def _window_shape(window_json):
    if isinstance(window_json, dict):
        return window_json["height"], window_json["width"]
    return window_json[3], window_json[2]


def _bands(bands):
    """``(list of band numbers or None, squeeze)``."""
    if bands is None:
        return None, False
    if isinstance(bands, (int, np.integer)) and not isinstance(bands, bool):
        return [int(bands)], True
    try:
        return [operator.index(b) for b in bands], False
    except TypeError:
        raise TypeError(f"bands is None (all), a list of 1-based band numbers or one int, not {bands!r}") from None


def _nodata(value):
    if isinstance(value, str):
        return float(value)  # "nan", and "inf"/"-inf" should the server ever send them
    return value


def _fill_queue(arrays, queue_ref):
    """The thread of queue_data: reads the stream into the queue while someone holds the queue."""
    try:
        try:
            for array in arrays:
                if not _put(queue_ref, array):
                    return
        except Exception as e:  # handed to the consumer, who is the one to raise it
            _put(queue_ref, e)
    finally:
        arrays.close()


def _put(queue_ref, item):
    """Put ``item``; False when the queue is gone (its consumer dropped it)."""
    while True:
        results = queue_ref()
        if results is None:
            return False
        try:
            results.put(item, timeout=0.2)  # short, so that holding the queue here does not keep it alive
            return True
        except queue.Full:
            pass
        finally:
            del results
