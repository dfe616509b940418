"""robots.txt errors per RFC 9309: 5xx and unreachable -> disallow all for a while; 4xx -> allow."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares.refusals import FetchRefused
from crawler.middlewares.robots_policy import RobotsPolicyMiddleware, Unreachable

from .fault_server import FaultServer, Page, Reset, Sequence
from .fault_site import article_html, listing_html
from .harness import CrawlRun, crawl, source_toml

TEXT = {"Content-Type": "text/plain"}
ROBOTS = {
    "r503": Page(503, b"User-agent: *\nAllow: /\n", TEXT),  # the body of a 5xx is not rules
    "r404": Page(404, b"<html><body>Disallow: /</body></html>"),  # nor is a 404 page
    "r403": Page(403, b"Disallow: /", TEXT),
    "rflaky": Sequence((Reset(), Page(200, b"User-agent: *\nDisallow: /private/\n", TEXT))),
    "rdown": Reset(),
}
PAGES = ("/a/1", "/a/2", "/private/1")


def _site(server: FaultServer, robots: object) -> None:
    server.routes["/robots.txt"] = robots  # type: ignore[assignment]
    server.routes["/"] = Page(200, listing_html("Index", list(PAGES)))
    for n, path in enumerate(PAGES):
        server.routes[path] = Page(200, article_html(3, 60 + n))


@pytest.fixture(scope="module")
def robots_crawl(tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[tuple[CrawlRun, dict[str, FaultServer]]]:
    tmp_path: Path = tmp_path_factory.mktemp("robots")
    with ExitStack() as stack:
        servers = {name: stack.enter_context(FaultServer()) for name in ROBOTS}
        for name, robots in ROBOTS.items():
            _site(servers[name], robots)
        sources = "".join(source_toml(name, s.base_url, start=["/", "/a/1"])
                          for name, s in servers.items())
        run = crawl(tmp_path, sources)
        assert run.returncode == 0, run.stderr[-3000:]
        yield run, servers


def _outcomes(run: CrawlRun, name: str, server: FaultServer) -> dict[str, str]:
    found = {r["url"]: "record" for r in run.records(name)}
    found |= {e["url"]: e["reason"] for e in run.errors(name)}
    return {url.removeprefix(server.base_url): what for url, what in found.items()}


def _page_hits(server: FaultServer) -> int:
    return sum(server.hits.count(p) for p in ("/", *PAGES))


@pytest.mark.parametrize("name", ["r503", "rdown"])
def test_5xx_or_unreachable_robots_means_nothing_is_fetched(robots_crawl, name: str) -> None:
    run, servers = robots_crawl
    assert _outcomes(run, name, servers[name]) == {"/": "robots_unreachable",
                                                   "/a/1": "robots_unreachable"}
    assert _page_hits(servers[name]) == 0
    # robots.txt itself was retried before the verdict.
    assert servers[name].hits.count("/robots.txt") >= 2
    errors = run.errors(name)
    assert all(e["stage"] == "fetch" for e in errors)


@pytest.mark.parametrize("name", ["r404", "r403"])
def test_4xx_robots_means_everything_is_allowed(robots_crawl, name: str) -> None:
    run, servers = robots_crawl
    outcomes = _outcomes(run, name, servers[name])
    assert {p: outcomes.get(p) for p in PAGES} == dict.fromkeys(PAGES, "record")


def test_robots_that_failed_once_is_retried_and_its_rules_apply(robots_crawl) -> None:
    run, servers = robots_crawl
    outcomes = _outcomes(run, "rflaky", servers["rflaky"])
    assert {p: outcomes.get(p) for p in PAGES} == {
        "/a/1": "record", "/a/2": "record", "/private/1": "robots_disallowed"}
    assert servers["rflaky"].hits.count("/robots.txt") == 2
    assert servers["rflaky"].hits.count("/private/1") == 0


class _Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_disallow_verdict_expires_and_robots_is_asked_again() -> None:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True,
                                         "THRESHER_ROBOTS_UNREACHABLE_TTL": 30})
    clock = _Clock()
    middleware = RobotsPolicyMiddleware(crawler, clock=clock)
    fetched: list[str] = []

    async def download_async(request: Request) -> TextResponse:
        fetched.append(request.url)
        return TextResponse(request.url, body=b"User-agent: *\nDisallow: /x\n", request=request)

    crawler.engine = SimpleNamespace(download_async=download_async)
    middleware._parsers["n.example"] = Unreachable("answered HTTP 503", until=130.0)
    page = Request("http://n.example/a")

    async def verdict() -> object:
        return await middleware.robot_parser(page)

    import asyncio

    held = asyncio.run(verdict())
    assert isinstance(held, Unreachable) and fetched == []
    with pytest.raises(FetchRefused) as refused:
        middleware.process_request_2(held, page)
    assert refused.value.reason == "robots_unreachable"
    clock.now = 130.0
    parser = asyncio.run(verdict())
    assert fetched == ["http://n.example/robots.txt"]
    assert parser.allowed("http://n.example/a", "Thresher")
    assert not parser.allowed("http://n.example/x", "Thresher")
