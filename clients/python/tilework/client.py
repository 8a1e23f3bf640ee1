"""The connection to ``tilework serve``: JSON requests and the streaming read, over http.client."""

import functools
import http.client
import json
import os
import socket
import urllib.parse

from .errors import TileworkError
from .options import gdaldem_options

#: Content type of the window stream.
TILES_CONTENT_TYPE = "application/x-tilework-tiles"

#: Socket receive buffer of a window stream: small, so that a consumer that stops reading stops
#: the server soon (flow control works through TCP) instead of the kernel buffering megabytes.
STREAM_RECEIVE_BUFFER = 256 << 10


def connect(url, token=None, timeout=300.0):
    """A :class:`Client` of the ``tilework serve`` at ``url`` (e.g. ``"http://127.0.0.1:8080"``).

    ``token`` is the server's ``--token`` (sent as ``Authorization: Bearer``; needed when the
    server listens off loopback). ``timeout`` is how many seconds to wait for the server to answer
    or to send the next bytes of a stream. Nothing is sent until the first request.
    """
    return Client(url, token=token, timeout=timeout)


class Client:
    """A client of one ``tilework serve``. Holds no connection: each request opens its own, so a
    client is thread-safe, picklable, and usable from forked worker processes."""

    def __init__(self, url, token=None, timeout=300.0):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError(f"the server's URL must be http://HOST[:PORT] or https://HOST[:PORT], not {url!r}")
        self._url = url.rstrip("/")
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = parsed.port
        self._prefix = parsed.path.rstrip("/")  # a reverse proxy may serve the API under a path
        self._token = token
        self._timeout = timeout

    @property
    def url(self):
        return self._url

    @property
    def token(self):
        return self._token

    @property
    def timeout(self):
        return self._timeout

    def __repr__(self):
        return f"tilework.Client({self._url!r}{', token=...' if self._token else ''})"

    def __eq__(self, other):
        return isinstance(other, Client) and (self._url, self._token) == (other._url, other._token)

    def __hash__(self):
        return hash(self._url)

    # ---- rasters -------------------------------------------------------------------------------

    def open(self, path):
        """The raster of file ``path``, relative to the server's data root (``--data-root``)."""
        return self._raster_from(self._json("POST", "/api/rasters", {"path": _posix(path)}))

    def recipe(self, name, *inputs, cache=None, tile_size=None, **options):
        """A raster computed by the server from ``inputs`` (Rasters or their ids), tile by tile.

        ``name`` is a gdaldem terrain mode (``slope``, ``aspect``, ``hillshade``, ``tri``,
        ``tpi``, ``roughness``) or ``ndvi`` (inputs: red, then near-infrared). Keyword arguments
        become gdaldem's options (see :func:`tilework.options.gdaldem_options`):
        ``client.recipe("slope", dem, compute_edges=True, z=2)`` runs ``-compute_edges -z 2``.
        ``cache`` is a folder under the data root where computed tiles are kept (and found
        again next time); ``tile_size`` the side of the computed tiles (a multiple of 16,
        server default 512).
        """
        body = {"recipe": name, "inputs": [_raster_id(r) for r in inputs], "options": gdaldem_options(**options)}
        if cache is not None:
            body["cache"] = _posix(cache)
        if tile_size is not None:
            body["tileSize"] = int(tile_size)
        return self._raster_from(self._json("POST", "/api/rasters", body))

    def raster(self, raster_id):
        """The raster opened before (by anyone) under ``raster_id``."""
        return self._raster_from(self._json("GET", "/api/rasters/" + urllib.parse.quote(raster_id, safe=""), None))

    def metrics(self):
        """The server's ``/metrics`` as ``{"name{labels}": value}`` (Prometheus text, comments left out)."""
        status, _, body = self._request("GET", "/metrics", None)
        values = {}
        for line in body.decode("utf-8", "replace").splitlines():
            if not line or line.startswith("#"):
                continue
            if "}" in line:  # labels may hold spaces
                end = line.rindex("}")
                name, rest = line[:end + 1], line[end + 1:]
            else:
                name, _, rest = line.partition(" ")
            try:
                values[name.strip()] = float(rest.split()[0])
            except (ValueError, IndexError):
                continue
        return values

    def _raster_from(self, description):
        from .raster import Raster  # raster.py imports this module
        return Raster(self, description)

    # ---- HTTP ----------------------------------------------------------------------------------

    def _connection(self, receive_buffer=None):
        cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        connection = cls(self._host, self._port, timeout=self._timeout)
        if receive_buffer is not None and hasattr(connection, "_create_connection"):
            # http.client opens its socket through this hook: set the buffer before connect(),
            # when the kernel still lets it bound the TCP window the server sees
            connection._create_connection = functools.partial(_create_connection, receive_buffer=receive_buffer)
        return connection

    def _headers(self, has_body):
        headers = {"Accept": "application/json", "User-Agent": "tilework-python"}
        if has_body:
            headers["Content-Type"] = "application/json"
        if self._token:
            headers["Authorization"] = "Bearer " + self._token
        return headers

    def _send(self, connection, method, path, body):
        data = None if body is None else json.dumps(body, allow_nan=False).encode("utf-8")
        try:
            connection.request(method, self._prefix + path, body=data, headers=self._headers(data is not None))
            return connection.getresponse()
        except (OSError, http.client.HTTPException) as e:
            connection.close()
            raise TileworkError(f"cannot reach the tilework server at {self._url} ({method} {path}): "
                                f"{type(e).__name__}: {e}; is `tilework serve` running there, on that port?") from e

    def _request(self, method, path, body):
        """``(status, headers, body bytes)`` of a request; raises TileworkError unless 2xx."""
        connection = self._connection()
        try:
            response = self._send(connection, method, path, body)
            try:
                data = response.read()
            except (OSError, http.client.HTTPException) as e:
                raise TileworkError(f"the answer of {self._url} to {method} {path} was cut: {e}") from e
            if not 200 <= response.status < 300:
                raise _error(response.status, response.reason, data, method, self._url + path)
            return response.status, response.headers, data
        finally:
            connection.close()

    def _json(self, method, path, body):
        _, _, data = self._request(method, path, body)
        try:
            return json.loads(data.decode("utf-8"))
        except ValueError:
            raise TileworkError(f"{method} {self._url}{path} answered something that is not JSON: {data[:200]!r}; "
                                f"is this a tilework server?") from None

    def _stream(self, path, body, receive_buffer=STREAM_RECEIVE_BUFFER):
        """``(connection, response)`` of a streaming POST, the response's headers read and checked.
        The caller reads the body incrementally and closes the connection (closing early is how
        the server learns to cancel)."""
        connection = self._connection(receive_buffer)
        try:
            response = self._send(connection, "POST", path, body)
            if response.status != 200:
                raise _error(response.status, response.reason, response.read(1 << 16), "POST", self._url + path)
            content_type = response.getheader("Content-Type", "")
            if not content_type.startswith(TILES_CONTENT_TYPE):
                raise TileworkError(f"POST {self._url}{path} answered {content_type or 'no content type'}, not "
                                    f"{TILES_CONTENT_TYPE}: is this a tilework server that reads rasters?",
                                    response.status)
            return connection, response
        except BaseException:
            connection.close()
            raise


def _error(status, reason, data, method, url):
    """The TileworkError for an HTTP error answer: the server's JSON message when it has one."""
    message = None
    try:
        payload = json.loads(data.decode("utf-8"))
        if isinstance(payload, dict) and isinstance(payload.get("error"), str):
            message = payload["error"]
    except ValueError:
        pass
    if message is None:
        text = data.decode("utf-8", "replace").strip().replace("\n", " ")[:200]
        message = f"{method} {url}: {status} {reason}" + (f": {text}" if text else "")
    if status == 401 and "token" not in message.lower():
        message += " (the server needs its token: tilework.connect(url, token=...))"
    return TileworkError(message, status)


def _create_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, *,
                       receive_buffer, **_ignored):
    """socket.create_connection, with SO_RCVBUF set before connect()."""
    host, port = address
    last_error = None
    for family, socktype, proto, _, sockaddr in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
        sock = None
        try:
            sock = socket.socket(family, socktype, proto)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as e:
            last_error = e
            if sock is not None:
                sock.close()
    raise last_error if last_error is not None else OSError(f"no address found for {host}")


def _posix(path):
    return os.fspath(path).replace(os.sep, "/")


def _raster_id(value):
    raster_id = getattr(value, "id", value)
    if not isinstance(raster_id, str):
        raise TypeError(f"a recipe's inputs are Rasters (or their ids), not {type(value).__name__}")
    return raster_id
