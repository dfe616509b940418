"""Per-source limits: timeouts, trap bounds and session parameters from sources.toml.

Two sources crawl in one process against one fault server: ``tight`` sets its own limits,
``loose`` sets none and gets the crawl's settings. The same faults end at each one's limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.utils.test import get_crawler

from crawler.middlewares.canonical import CanonicalRequestFingerprinter, CanonicalUrlMiddleware
from crawler.middlewares.limits import TrapLimits, session_params, time_limits, trap_limits
from crawler.middlewares.refusals import SPIDER_META, FetchRefused
from crawler.middlewares.traps import TrapMiddleware
from crawler.sources import Source

from .fault_server import Drip, Dynamic, FaultServer, Hits, Page, Route, Stall
from .fault_site import article_html, listing_html
from .harness import FAST_SETTINGS, CrawlRun, crawl, source_toml

TIGHT = {"idle_timeout": 1.0, "total_timeout": 2.0, "trap_max_page": 3, "trap_max_chain": 4,
         "trap_max_segments": 6, "trap_max_url": 500, "session_params": ("visit",)}


def _crawler(source: Source | None = None, **settings: Any) -> Any:
    plan = SimpleNamespace(source=source) if source else None
    return get_crawler(Spider, {"THRESHER_RUN": plan, **FAST_SETTINGS, **settings})


# -- resolution: the source's value, else the setting --------------------------------------


def test_a_source_without_limits_gets_the_settings() -> None:
    crawler = _crawler(Source("plain", start_urls=("https://p.example/",)))
    limits = time_limits(crawler)
    assert (limits.idle, limits.total) == (FAST_SETTINGS["THRESHER_IDLE_TIMEOUT"],
                                           FAST_SETTINGS["THRESHER_TOTAL_TIMEOUT"])
    assert trap_limits(crawler) == TrapLimits(
        max_page=FAST_SETTINGS["THRESHER_TRAP_MAX_PAGE"],
        max_chain=FAST_SETTINGS["THRESHER_TRAP_MAX_CHAIN"],
        max_segments=FAST_SETTINGS["THRESHER_TRAP_MAX_SEGMENTS"])
    assert session_params(crawler) == ()


def test_a_source_with_limits_overrides_every_setting() -> None:
    crawler = _crawler(Source("tight", start_urls=("https://t.example/",), **TIGHT))
    limits = time_limits(crawler)
    assert (limits.idle, limits.total) == (1.0, 2.0)
    assert trap_limits(crawler) == TrapLimits(max_url=500, max_segments=6, max_page=3,
                                              max_chain=4)
    assert session_params(crawler) == ("visit",)


def test_zero_turns_a_source_time_limit_off_and_no_source_means_settings() -> None:
    off = _crawler(Source("off", start_urls=("https://o.example/",), idle_timeout=0.0))
    assert time_limits(off).idle == 0.0
    assert time_limits(off).total == FAST_SETTINGS["THRESHER_TOTAL_TIMEOUT"]
    bare = _crawler(THRESHER_TRAP_MAX_PAGE=77)
    assert trap_limits(bare).max_page == 77 and session_params(bare) == ()


def test_the_components_take_their_crawlers_source_limits() -> None:
    # (The download handler needs a running reactor: the crawl below shows its limits.)
    tight = _crawler(Source("tight", start_urls=("https://t.example/",), **TIGHT))
    traps = TrapMiddleware.from_crawler(tight)
    request = Request("https://t.example/archive?page=4", meta={SPIDER_META: {"kind": "page"}})
    with pytest.raises(FetchRefused, match=r"page 4 \(limit 3\)"):
        traps.process_request(request)
    noisy = Request("https://t.example/story?id=1&visit=9f8e7d")
    fingerprinter = CanonicalRequestFingerprinter.from_crawler(tight)
    assert fingerprinter.fingerprint(noisy) == fingerprinter.fingerprint(
        Request("https://t.example/story?id=1"))
    sent = CanonicalUrlMiddleware.from_crawler(tight).process_request(noisy)
    assert sent is not None and sent.url == "https://t.example/story?id=1"
    plain = _crawler(Source("plain", start_urls=("https://p.example/",)))
    assert CanonicalUrlMiddleware.from_crawler(plain).process_request(noisy) is None


def test_trap_state_is_a_bounded_lru_that_keeps_a_live_trap() -> None:
    traps = TrapMiddleware(_crawler(), TrapLimits(max_chain=3), shapes_kept=5)

    def visit(url: str, depth: int) -> None:
        traps.process_request(Request(url, meta={SPIDER_META: {"kind": "page", "depth": depth}}))

    with pytest.raises(FetchRefused, match="link depths"):
        for depth in range(10):
            visit(f"https://t.example/sid/{depth:08x}a/", depth)  # one shape, deeper and deeper
            for n in range(4):  # many one-off article shapes in between
                visit(f"https://t.example/story-{'abcdefgh'[n]}-{'ijklmnop'[depth]}", depth)
    assert len(traps.depths_by_shape) <= 5
    for n in range(50):
        visit(f"https://t.example/news-{'x' * n}", 1)
    assert len(traps.depths_by_shape) == 5


# -- end to end: two sources, one crawl process --------------------------------------------


def _pagination(prefix: str) -> Route:
    def page(target: str) -> Route:
        n = int(target.rsplit("=", 1)[1])
        return Page(200, listing_html(f"Archive {n}", [f"{prefix}/list?page={n + 1}"]))
    return Dynamic(page)


def _session_chain(prefix: str) -> Route:
    def page(target: str) -> Route:
        token = f"{zlib.crc32(target.encode()):08x}"
        return Page(200, listing_html("Welcome", [f"{prefix}/sid/{token}/"]))
    return Dynamic(page)


def _routes(server: FaultServer, prefix: str) -> list[str]:
    server.prefix_routes[f"{prefix}/list"] = _pagination(prefix)
    server.prefix_routes[f"{prefix}/sid/"] = _session_chain(prefix)
    server.routes[f"{prefix}/stall"] = Stall(60.0, first=b"<html><body><p>")
    server.routes[f"{prefix}/drip"] = Drip(size=400_000, chunk=100, every=0.2)
    server.routes[f"{prefix}/story"] = Page(200, article_html(7, 20))
    links = [f"{prefix}/list?page=1", f"{prefix}/sid/0a1b2c/", f"{prefix}/stall",
             f"{prefix}/drip", f"{prefix}/story?visit=a1", f"{prefix}/story?visit=b2"]
    server.routes[f"{prefix}/"] = Page(200, listing_html(prefix, links))
    return links


@dataclass
class TwoSources:
    server: FaultServer
    hits: Hits
    run: CrawlRun

    def errors(self, source: str) -> dict[str, dict[str, Any]]:
        base = self.server.base_url
        return {e["url"].removeprefix(base): e for e in self.run.errors(source)
                if e["kind"] == "page"}


def _limits_toml(limits: dict[str, Any]) -> str:
    def value(v: Any) -> str:
        return "[" + ", ".join(f'"{x}"' for x in v) + "]" if isinstance(v, tuple) else repr(v)
    return "".join(f"{key} = {value(v)}\n" for key, v in limits.items())


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TwoSources]:
    with FaultServer() as server:
        for prefix in ("/tight", "/loose"):
            _routes(server, prefix)
        sources = (source_toml("tight", server.base_url, start=["/tight/"],
                               extra=_limits_toml(TIGHT))
                   + source_toml("loose", server.base_url, start=["/loose/"]))
        run = crawl(Path(tmp_path_factory.mktemp("two-sources")), sources)
        assert run.returncode == 0, run.stderr[-4000:]
        yield TwoSources(server, server.hits, run)


def test_each_source_stalls_out_at_its_own_idle_limit(two_sources: TwoSources) -> None:
    tight = two_sources.errors("tight")["/tight/stall"]
    loose = two_sources.errors("loose")["/loose/stall"]
    assert (tight["reason"], loose["reason"]) == ("idle_timeout", "idle_timeout")
    assert "no bytes for 1 s" in tight["message"]
    assert f"no bytes for {FAST_SETTINGS['THRESHER_IDLE_TIMEOUT']:g} s" in loose["message"]


def test_each_source_drips_out_at_its_own_total_limit(two_sources: TwoSources) -> None:
    tight = two_sources.errors("tight")["/tight/drip"]
    loose = two_sources.errors("loose")["/loose/drip"]
    assert (tight["reason"], loose["reason"]) == ("total_timeout", "total_timeout")
    assert "after 2 s" in tight["message"]
    assert f"after {FAST_SETTINGS['THRESHER_TOTAL_TIMEOUT']:g} s" in loose["message"]


def test_each_source_pages_to_its_own_depth(two_sources: TwoSources) -> None:
    hits = two_sources.hits
    assert hits.count_prefix("/tight/list") == TIGHT["trap_max_page"]
    assert hits.count_prefix("/loose/list") == FAST_SETTINGS["THRESHER_TRAP_MAX_PAGE"]
    tight = two_sources.errors("tight")[f"/tight/list?page={TIGHT['trap_max_page'] + 1}"]
    assert (tight["stage"], tight["reason"]) == ("guard", "trap_pagination")


def test_each_source_cuts_a_repeating_shape_at_its_own_chain(two_sources: TwoSources) -> None:
    hits = two_sources.hits
    assert hits.count_prefix("/tight/sid/") == TIGHT["trap_max_chain"]
    assert hits.count_prefix("/loose/sid/") == FAST_SETTINGS["THRESHER_TRAP_MAX_CHAIN"]
    traps = [e["reason"] for url, e in two_sources.errors("tight").items()
             if url.startswith("/tight/sid/") and e["reason"].startswith("trap_")]
    assert traps == ["trap_chain"]


def test_a_sources_session_parameter_is_stripped_only_for_it(two_sources: TwoSources) -> None:
    targets = set(two_sources.hits.times)
    assert {t for t in targets if t.startswith("/tight/story")} == {"/tight/story"}
    assert {t for t in targets if t.startswith("/loose/story")} == {
        "/loose/story?visit=a1", "/loose/story?visit=b2"}
    assert two_sources.hits.count("/tight/story") == 1
