"""Serve the bundled demo site on 127.0.0.1 (port 0 by default) from a background thread.

The pages are static files under ``site/``; the sitemap, feed and robots.txt hold ``{base}``
where the server's own base URL goes, since the port is only known once it listens.
"""

from __future__ import annotations

import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITE = Path(__file__).resolve().parent / "site"
_TEMPLATED = (".xml", ".txt")
_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml",
          ".txt": "text/plain; charset=utf-8"}


class DemoServer:
    def __init__(self, root: Path = SITE, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = root.resolve()
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self.base_url = f"http://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="thresher-demo-server")

    def __enter__(self) -> DemoServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def resolve(self, url_path: str) -> Path | None:
        """The file for a URL path, or None (also for anything outside the site folder)."""
        path = unquote(urlsplit(url_path).path)
        if path.endswith("/"):
            path += "index.html"
        candidate = (self.root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    def body_of(self, file: Path) -> bytes:
        data = file.read_bytes()
        if file.suffix in _TEMPLATED:
            data = data.replace(b"{base}", self.base_url.encode("ascii"))
        return data

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                file = server.resolve(self.path)
                if file is None:
                    status, body, kind = 404, b"<html><body>Not found</body></html>", ".html"
                else:
                    status, body, kind = 200, server.body_of(file), file.suffix
                content_type = _TYPES.get(kind) or mimetypes.guess_type(f"x{kind}")[0]
                self.send_response(status)
                self.send_header("Content-Type", content_type or "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass  # the crawl's own summary says what was fetched

        return Handler
