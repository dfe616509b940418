"""One crawl of the whole fault site per test session; each test module judges its faults."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .fault_server import FaultServer, Hits
from .fault_site import FaultSite, build_fault_site
from .harness import CrawlRun, crawl, source_toml

SEED = 7
SOURCE = "faults"


@dataclass
class FaultCrawl:
    site: FaultSite
    server: FaultServer
    run: CrawlRun
    hits: Hits

    def url(self, path: str) -> str:
        return self.server.url(path)

    @property
    def records(self) -> dict[str, dict[str, Any]]:
        return {r["url"]: r for r in self.run.records(SOURCE)}

    @property
    def page_errors(self) -> dict[str, dict[str, Any]]:
        return {e["url"]: e for e in self.run.errors(SOURCE) if e["kind"] == "page"}

    def document_errors(self) -> dict[str, dict[str, Any]]:
        return {e["url"]: e for e in self.run.errors(SOURCE) if e["kind"] != "page"}

    @property
    def stats(self) -> dict[str, Any]:
        return self.run.stats(SOURCE)


@pytest.fixture(scope="session")
def fault_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultCrawl]:
    tmp_path: Path = tmp_path_factory.mktemp("fault-crawl")
    with FaultServer() as server:
        site = build_fault_site(server.base_url, SEED)
        server.routes.update(site.routes)
        server.prefix_routes.update(site.prefix_routes)
        sources = source_toml(SOURCE, server.base_url, sitemaps=site.sitemaps, feeds=site.feeds)
        run = crawl(tmp_path, sources)
        assert run.returncode == 0, run.stderr[-4000:]
        yield FaultCrawl(site, server, run, server.hits)
