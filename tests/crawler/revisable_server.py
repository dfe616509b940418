"""A local site (127.0.0.1, port 0) whose pages can change between crawls.

Pages may carry an ETag and a Last-Modified header and then answer conditional requests with
304; every response is counted per path and status, so a test can tell a 304 from a 200.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class ServedPage:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    modified: float = 1_700_000_000.0  # Unix time behind Last-Modified
    validators: bool = True  # send ETag and Last-Modified, answer conditional requests

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'

    @property
    def last_modified(self) -> str:
        return formatdate(self.modified, usegmt=True)


class RevisableSite:
    def __init__(self) -> None:
        self.pages: dict[str, ServedPage] = {}
        self.responses: Counter[tuple[str, int]] = Counter()  # (path, status) -> count
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> RevisableSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base_url + path

    def put(self, path: str, body: bytes, **options: object) -> None:
        with self._lock:
            self.pages[path] = ServedPage(body, **options)  # type: ignore[arg-type]

    def count(self, path: str, status: int) -> int:
        with self._lock:
            return self.responses[(path, status)]

    def reset_counts(self) -> None:
        with self._lock:
            self.responses.clear()

    def _answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            page = self.pages.get(path)
        if page is None:
            return 404, {"Content-Type": "text/html"}, b"<html><body>not found</body></html>"
        out = {"Content-Type": page.content_type}
        if page.validators:
            out.update({"ETag": page.etag, "Last-Modified": page.last_modified})
            if _not_modified(page, headers):
                return 304, {"ETag": page.etag}, b""
        return 200, out, page.body

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                status, headers, body = site._answer(path, {k.lower(): v for k, v in
                                                            self.headers.items()})
                with site._lock:
                    site.responses[(path, status)] += 1
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def _not_modified(page: ServedPage, headers: dict[str, str]) -> bool:
    if "if-none-match" in headers:
        return page.etag in [t.strip() for t in headers["if-none-match"].split(",")]
    if "if-modified-since" in headers:
        return headers["if-modified-since"] == page.last_modified
    return False
