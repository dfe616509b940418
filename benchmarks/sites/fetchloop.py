"""Measure the benchmark server alone: a tight loopback fetch loop, no parsing.

Each client process keeps one HTTP/1.1 connection open and fetches article pages
round-robin for a fixed time. The result is a lower bound on what the server can do (the
clients share the same two cores), enough to show the server is not what limits a crawl.

    python -m benchmarks.sites.fetchloop BASE_URL PATH_FILE [--seconds 3] [--clients 2]
"""

from __future__ import annotations

import http.client
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class FetchLoopResult:
    pages: int
    bytes: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def megabytes_per_second(self) -> float:
        return self.bytes / self.seconds / 1e6 if self.seconds else 0.0


def fetch_loop(base_url: str, paths: list[str], seconds: float = 3.0,
               clients: int = 2) -> FetchLoopResult:
    with ProcessPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(_one_client, base_url, paths[i::clients], seconds)
                   for i in range(clients)]
        results = [f.result() for f in futures]
    return FetchLoopResult(pages=sum(r[0] for r in results), bytes=sum(r[1] for r in results),
                           seconds=max(r[2] for r in results))


def _one_client(base_url: str, paths: list[str], seconds: float) -> tuple[int, int, float]:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    pages = received = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        connection.request("GET", paths[pages % len(paths)])
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{paths[pages % len(paths)]}: HTTP {response.status}")
        received += len(body)
        pages += 1
    connection.close()
    return pages, received, time.perf_counter() - start
