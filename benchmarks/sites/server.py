"""Serve the synthetic news site from memory, fast: asyncio, keep-alive, prebuilt responses.

Every response (status line, headers and body) is built once before the first request, so
serving a page is a dict lookup and one socket write. ``--procs N`` forks N serving
processes that share one listening socket after the site is built (copy-on-write).

    python -m benchmarks.sites.server [--pages 2000] [--seed 7] [--port 0] [--procs 1]

Prints ``READY <base_url> pages=<n>`` on stdout once it accepts connections; runs until
SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import sys

from .newsroom import Page, SiteSpec, build_site

_NOT_FOUND_BODY = b"<html><body><h1>Not found</h1></body></html>"


def prebuilt_responses(pages: dict[str, Page]) -> dict[str, bytes]:
    return {path: _http_response(200, "OK", page.content_type, page.body)
            for path, page in pages.items()}


def _http_response(status: int, reason: str, content_type: str, body: bytes) -> bytes:
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nServer: thresher-bench\r\n\r\n")
    return head.encode("ascii") + body


_NOT_FOUND = _http_response(404, "Not Found", "text/html; charset=utf-8", _NOT_FOUND_BODY)


class _SiteProtocol(asyncio.Protocol):
    """HTTP/1.1 GET with keep-alive and pipelining; bodies of requests are ignored."""

    def __init__(self, responses: dict[str, bytes]) -> None:
        self.responses = responses
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            request_line = head.split(b"\r\n", 1)[0].split(b" ")
            path = request_line[1].decode("latin-1") if len(request_line) > 1 else "/"
            path = path.split("?", 1)[0].split("#", 1)[0]
            self.transport.write(self.responses.get(path, _NOT_FOUND))
            if b"connection: close" in head.lower():
                self.transport.close()
                return


async def _serve(sock: socket.socket, responses: dict[str, bytes]) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _SiteProtocol(responses), sock=sock)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--procs", type=int, default=1, help="serving processes")
    args = parser.parse_args(argv)
    sock = socket.create_server(("127.0.0.1", args.port), backlog=1024)
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    pages = build_site(SiteSpec(pages=args.pages, seed=args.seed), base_url)
    responses = prebuilt_responses(pages)
    children = []
    for _ in range(args.procs - 1):
        pid = os.fork()
        if pid == 0:
            asyncio.run(_serve(sock, responses))
            os._exit(0)
        children.append(pid)
    print(f"READY {base_url} pages={args.pages}", flush=True)
    try:
        asyncio.run(_serve(sock, responses))
    finally:
        for pid in children:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
