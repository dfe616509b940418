"""A threaded HTTP server on 127.0.0.1, port 0, serving a dict of pages.

Usable in-process (``SiteServer`` as a context manager) or as a child process for tests
that kill the crawler (``python -m tests.support.server --delay 0.2``: prints the base URL).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .news_site import Page, build_site

SiteBuilder = Callable[[str], dict[str, Page]]


class SiteServer:
    def __init__(self, builder: SiteBuilder = build_site, delay: float = 0.0) -> None:
        self.builder = builder
        self.delay = delay
        self.hits: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.pages = builder(self.base_url)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base_url + path

    def _count(self, path: str) -> None:
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                server._count(path)
                page = server.pages.get(path)
                if page is None:
                    page = Page(404, b"<html><body>not found</body></html>",
                                {"Content-Type": "text/html"})
                if server.delay and path.endswith(".html"):
                    time.sleep(server.delay)
                body = page.body
                self.send_response(page.status)
                for key, value in page.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # The crawler may hang up early (size caps do): not a server error.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    with SiteServer(delay=args.delay) as server:
        print(server.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
