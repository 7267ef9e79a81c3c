"""A static file server on 127.0.0.1 that gzips text as a real static host does.

``python -m http.server`` sends every file uncompressed, which makes plotly.js, the search index and
the pages about three times heavier than a reader downloads them from GitHub Pages (or any host
that compresses), and so skews what Lighthouse's simulated slow network makes of them.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

__all__ = ["serve_gzip"]

#: Content types a static host compresses (fonts in woff/woff2 already are).
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like ``http.server``, gzip-compressed when the client accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and ctype.startswith(COMPRESSED)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """The already compressed body, read once by ``copyfile``."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve_gzip(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on a free port of 127.0.0.1; returns the server and its base URL."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
