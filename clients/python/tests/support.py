"""Shared by the tests: the expected content of a window, and a small fake of ``tilework serve``.

The fake speaks the protocol of the read API (docs: the raster protocol of issue 28) closely
enough to test the client offline: descriptions, the chunked frame stream, error frames, a cut
stream, 400/401/404 answers, and it notices when a client goes away.
"""

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


class FakeServer:
    """A thread serving rasters from memory: ``add(path, array, nodata, geo_transform)``.

    ``fail_width``: windows of that width get an error frame; ``cut_after``: the stream stops
    (connection closed, no end frame) after that many frames; ``frame_delay``: seconds before
    each frame. ``disconnected`` is set when a client goes away in the middle of a stream.
    """

    def __init__(self, token=None):
        self.token = token
        self.rasters = {}
        self.paths = {}
        self.requests = []  # (method, path, body) in order
        self.fail_width = None
        self.cut_after = None
        self.frame_delay = 0.0
        self.frames_written = 0
        self.disconnected = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server._handle(self, "GET")

            def do_POST(self):
                server._handle(self, "POST")

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def add(self, path, array, nodata=None, geo_transform=(1000.0, 2.0, 0.0, 5000.0, 0.0, -2.0)):
        array = np.asarray(array)
        if array.ndim == 2:
            array = array[np.newaxis]
        nodata = list(nodata) if nodata is not None else [None] * array.shape[0]
        raster_id = f"r-{len(self.rasters)}"
        description = {
            "id": raster_id, "kind": "file", "name": path, "width": array.shape[2], "height": array.shape[1],
            "bands": array.shape[0], "type": TYPE_NAMES[array.dtype],
            "noData": ["nan" if isinstance(v, float) and np.isnan(v) else v for v in nodata],
            "crsWkt": "LOCAL_CS[\"fake\"]", "epsg": None, "geoTransform": list(geo_transform), "tileSize": 256}
        self.rasters[raster_id] = (description, array, nodata)
        self.paths[path] = raster_id
        return raster_id

    # ---- HTTP ----------------------------------------------------------------------------------

    def _handle(self, handler, method):
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length)) if length else None
        self.requests.append((method, handler.path, body))
        if self.token and handler.headers.get("Authorization") != "Bearer " + self.token:
            return self._error(handler, 401, "this server needs its token: send Authorization: Bearer TOKEN")
        if method == "GET" and handler.path == "/metrics":
            return self._send(handler, 200, b"# HELP x\ntilework_raster_streams_active 0\n"
                              b'tilework_raster_windows_sent_total{kind="x y"} 12\n', "text/plain")
        if method == "POST" and handler.path == "/api/rasters":
            if "path" in body:
                if body["path"] not in self.paths:
                    return self._error(handler, 404, f"no file {body['path']} under the data root: check the path")
                return self._json(handler, self.rasters[self.paths[body["path"]]][0])
            description = dict(self.rasters[body["inputs"][0]][0], kind="recipe", name="terrain." + body["recipe"])
            return self._json(handler, description)
        match = re.fullmatch(r"/api/rasters/([^/]+)(/read)?", handler.path)
        if not match or match.group(1) not in self.rasters:
            return self._error(handler, 404, f"no raster {handler.path}: open it first")
        if method == "GET" and not match.group(2):
            return self._json(handler, self.rasters[match.group(1)][0])
        return self._read(handler, match.group(1), body)

    def _read(self, handler, raster_id, body):
        description, array, nodata = self.rasters[raster_id]
        bands = body.get("bands") or list(range(1, array.shape[0] + 1))
        if any(b < 1 or b > array.shape[0] for b in bands):
            return self._error(handler, 400, f"bands {bands}: this raster has bands 1 to {array.shape[0]}")
        windows = []
        for index, window in enumerate(body["windows"]):
            if isinstance(window, dict):  # the fake does not resample: zeros of the asked size
                windows.append((window["width"], window["height"], None))
                continue
            x, y, w, h = window
            if w < 1 or h < 1 or x + w <= 0 or y + h <= 0 or x >= array.shape[2] or y >= array.shape[1]:
                return self._error(handler, 400, f"window {index} {window} lies wholly outside the raster "
                                                 f"{array.shape[2]} x {array.shape[1]}: ask windows that meet it")
            windows.append((w, h, window))
        handler.send_response(200)
        handler.send_header("Content-Type", "application/x-tilework-tiles")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            for index, (w, h, window) in enumerate(windows):
                if self.cut_after is not None and index == self.cut_after:
                    handler.wfile.flush()
                    handler.close_connection = True
                    return
                time.sleep(self.frame_delay)
                if w == self.fail_width:
                    data = frame({"index": index, "error": f"window {index}: the fake fails widths of {w}"})
                elif window is None:
                    values = np.zeros((len(bands), h, w), dtype=array.dtype)
                    data = frame({"index": index, "window": body["windows"][index], "shape": list(values.shape),
                                  "type": description["type"], "bytes": values.nbytes}, values)
                else:
                    values = padded_window(array, nodata, window, bands)
                    data = frame({"index": index, "window": list(window), "shape": list(values.shape),
                                  "type": description["type"], "bytes": values.nbytes}, values)
                self._chunk(handler, data)
                self.frames_written += 1
            self._chunk(handler, frame({"end": True, "windows": len(windows)}))
            handler.wfile.write(b"0\r\n\r\n")
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.disconnected.set()
        handler.close_connection = True

    @staticmethod
    def _chunk(handler, data):
        # several chunks per frame, cut at odd places, as a real server's buffers would
        for start in range(0, len(data), 7919):
            part = data[start:start + 7919]
            handler.wfile.write(b"%x\r\n" % len(part) + part + b"\r\n")

    def _json(self, handler, value):
        self._send(handler, 200, json.dumps(value).encode(), "application/json")

    def _error(self, handler, status, message):
        self._send(handler, status, json.dumps({"error": message, "status": status}).encode(), "application/json")

    @staticmethod
    def _send(handler, status, data, content_type):
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(data)
        handler.close_connection = True
