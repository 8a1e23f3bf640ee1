"""The one exception the client raises for everything the server or the connection refuses."""


class TileworkError(Exception):
    """A failure reported by ``tilework serve``, or met on the way to it.

    ``message`` is the server's one-line message (what, where, what to do) when the server sent
    one, or the client's own description of what went wrong (connection refused, stream cut).
    ``status`` is the HTTP status (400 bad input, 401 missing or wrong token, 404 unknown raster
    or missing file, 413 too large, 503 busy), or None when there was no HTTP answer to carry one:
    a connection failure, a cut stream, or a single window that failed inside a stream that went
    on (then ``index`` is that window's position in the request).
    """

    def __init__(self, message, status=None, index=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.index = index

    def __str__(self):
        prefix = f"HTTP {self.status}: " if self.status is not None else ""
        return prefix + self.message

    def __reduce__(self):
        # keeps the status and index when the error crosses a process boundary (DataLoader workers)
        return (type(self), (self.message, self.status, self.index))
