"""The fault site's HTTP server: 127.0.0.1, port 0, one thread per connection.

Routes write raw bytes, so a route can lie (a Content-Length larger than the body), stall,
drip, reset the connection or never end. Requests in proxy form (``GET http://host/path``)
are looked up as ``//host/path``: the guard tests send "public" hosts through this server
as an HTTP proxy. The server records every hit (target and monotonic time) and how long each
answer ran before the client hung up, so tests can check what the crawler did, not only what
it wrote.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol

NOT_FOUND = b"<html><body><p>not found</p></body></html>"


class Exchange:
    """One request being answered: what a route may do with the connection."""

    def __init__(self, handler: BaseHTTPRequestHandler, target: str) -> None:
        self.handler = handler
        self.target = target  # path and query, or //host/path?query for proxy requests
        self.sent = 0  # bytes the client's connection accepted (head and body)

    def head(self, status: int, headers: dict[str, str]) -> None:
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def send(self, data: bytes) -> None:
        self.handler.wfile.write(data)
        self.handler.wfile.flush()
        self.sent += len(data)

    def close(self) -> None:
        self.handler.close_connection = True

    def reset(self) -> None:
        """Abort with a TCP RST: no response at all (a "connection reset by peer")."""
        sock = self.handler.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.handler.close_connection = True
        sock.close()


class Route(Protocol):
    def serve(self, exchange: Exchange, hit: int) -> None: ...


@dataclass
class Hits:
    times: dict[str, list[float]] = field(default_factory=dict)  # target -> hit times
    hung_up_after: dict[str, list[float]] = field(default_factory=dict)  # seconds served
    bytes_sent: dict[str, list[int]] = field(default_factory=dict)  # per answer, until hang-up

    def count(self, target: str) -> int:
        return len(self.times.get(target, ()))

    def count_prefix(self, prefix: str) -> int:
        return sum(len(v) for k, v in self.times.items() if k.startswith(prefix))


class FaultServer:
    """Serve ``routes`` (exact target, then path without query, then longest prefix)."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.prefix_routes: dict[str, Route] = {}
        self.hits = Hits()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base_url + path

    def find(self, target: str) -> Route | None:
        path = target.split("?", 1)[0]
        route = self.routes.get(target) or self.routes.get(path)
        if route is not None:
            return route
        matches = [p for p in self.prefix_routes if path.startswith(p)]
        return self.prefix_routes[max(matches, key=len)] if matches else None

    def _hit(self, target: str) -> int:
        with self._lock:
            times = self.hits.times.setdefault(target, [])
            times.append(time.monotonic())
            return len(times) - 1

    def _served(self, target: str, seconds: float, sent: int) -> None:
        with self._lock:
            self.hits.hung_up_after.setdefault(target, []).append(seconds)
            self.hits.bytes_sent.setdefault(target, []).append(sent)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                target = self.path
                if target.startswith(("http://", "https://")):
                    target = "//" + target.split("://", 1)[1]
                hit = server._hit(target)
                route = server.find(target) or Page(404, NOT_FOUND)
                started = time.monotonic()
                exchange = Exchange(self, target)
                try:
                    route.serve(exchange, hit)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    self.close_connection = True  # the crawler hung up: caps and timeouts do
                server._served(target, time.monotonic() - started, exchange.sent)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # a crawl opens many connections at once: no dropped SYNs

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client hanging up mid-request is what these tests provoke


# -- routes -----------------------------------------------------------------------------------

HTML = {"Content-Type": "text/html; charset=utf-8"}


@dataclass(frozen=True)
class Page:
    """An honest answer: the status, headers and body, with the right Content-Length."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: dict(HTML))

    def serve(self, exchange: Exchange, hit: int) -> None:
        exchange.head(self.status, {**self.headers, "Content-Length": str(len(self.body))})
        exchange.send(self.body)


@dataclass(frozen=True)
class Sequence:
    """The n-th hit gets ``routes[n]``; later hits get the last one."""

    routes: tuple[Route, ...]

    def serve(self, exchange: Exchange, hit: int) -> None:
        self.routes[min(hit, len(self.routes) - 1)].serve(exchange, hit)


@dataclass(frozen=True)
class Reset:
    def serve(self, exchange: Exchange, hit: int) -> None:
        exchange.reset()


@dataclass(frozen=True)
class Truncated:
    """Promise ``declared`` bytes, send ``body``, hang up."""

    body: bytes
    declared: int

    def serve(self, exchange: Exchange, hit: int) -> None:
        exchange.head(200, {**HTML, "Content-Length": str(self.declared)})
        exchange.send(self.body)
        exchange.close()
        exchange.handler.connection.shutdown(socket.SHUT_RDWR)


@dataclass(frozen=True)
class Stall:
    """Send the headers (or nothing, ``headers=False``) and a first piece, then go silent."""

    seconds: float
    headers: bool = True
    first: bytes = b""

    def serve(self, exchange: Exchange, hit: int) -> None:
        if self.headers:
            exchange.head(200, {**HTML, "Content-Length": str(len(self.first) + 100_000)})
            exchange.send(self.first)
        _sleep_until_hung_up(exchange, self.seconds)
        exchange.close()


@dataclass(frozen=True)
class Drip:
    """A body of ``size`` bytes, ``chunk`` bytes every ``every`` seconds: never idle, slow."""

    size: int
    chunk: int
    every: float

    def serve(self, exchange: Exchange, hit: int) -> None:
        exchange.head(200, {**HTML, "Content-Length": str(self.size)})
        exchange.send(b"<html><body><p>")
        sent = 15
        while sent < self.size:
            time.sleep(self.every)
            exchange.send(b"a" * self.chunk)
            sent += self.chunk
        exchange.close()


@dataclass(frozen=True)
class Streamed:
    """An honest Content-Length of ``size`` bytes, generated piece by piece (no copy held)."""

    size: int
    piece: bytes = b"<p>" + b"huge " * 13106 + b"</p>"  # 64 KiB and a byte

    def serve(self, exchange: Exchange, hit: int) -> None:
        exchange.head(200, {**HTML, "Content-Length": str(self.size)})
        left = self.size
        while left > 0:
            exchange.send(self.piece[:left])
            left -= len(self.piece)


@dataclass(frozen=True)
class Endless:
    """Chunked transfer that never ends (no Content-Length to compare against a cap)."""

    chunk: bytes = b"<p>" + b"endless " * 8191 + b"</p>"

    def serve(self, exchange: Exchange, hit: int) -> None:
        exchange.head(200, {**HTML, "Transfer-Encoding": "chunked"})
        exchange.send(_chunk(b"<html><body>"))
        piece = _chunk(self.chunk)
        while True:
            exchange.send(piece)


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


@dataclass(frozen=True)
class Dynamic:
    """A route computed from the request target (traps: every URL answers)."""

    make: Callable[[str], Route]

    def serve(self, exchange: Exchange, hit: int) -> None:
        self.make(exchange.target).serve(exchange, hit)


def _sleep_until_hung_up(exchange: Exchange, seconds: float) -> None:
    """Sleep, but notice a client that gives up (its FIN shows as a readable empty socket)."""
    sock = exchange.handler.connection
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        sock.settimeout(0.1)
        try:
            if sock.recv(1, socket.MSG_PEEK) == b"":
                return
        except TimeoutError:
            continue
        except OSError:
            return


_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
            403: "Forbidden", 404: "Not Found", 410: "Gone", 429: "Too Many Requests",
            500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
