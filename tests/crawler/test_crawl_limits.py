"""Crawl-level safety: the network guard and the size caps end as errors, never a dead crawl."""

from __future__ import annotations

import gzip
from pathlib import Path

from tests.support.news_site import Page, build_site
from tests.support.server import SiteServer

from .crawl_runner import one, read_jsonl, stats_of, thresher

HTML = {"Content-Type": "text/html; charset=utf-8"}


def _site_with_traps(base: str) -> dict[str, Page]:
    pages = build_site(base)
    pages["/traps/"] = Page(200, (
        b'<html><body><a href="/traps/huge.html">huge</a> <a href="/traps/bomb.html">bomb</a>'
        b' <a href="/news/1.html">one</a></body></html>'), HTML)
    pages["/traps/huge.html"] = Page(200, b"<html><body>" + b"a" * (50 * 1024 * 1024), HTML)
    bomb = gzip.compress(b"<html><body>" + b"\0" * (64 * 1024 * 1024), compresslevel=9)
    pages["/traps/bomb.html"] = Page(200, bomb, {**HTML, "Content-Encoding": "gzip"})
    return pages


def test_a_50_mb_page_and_a_gzip_bomb_become_too_large_errors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with SiteServer(builder=_site_with_traps) as server:
        result = thresher("crawl", "--url", server.url("/traps/"), "--allow-private",
                          "--max-depth", "1", "--output", str(out), "--workers", "0")
    assert result.returncode == 0, result.stderr[-3000:]
    errors = {e["url"]: e for e in read_jsonl(one("adhoc-*.errors.jsonl", out))}
    for path in ("/traps/huge.html", "/traps/bomb.html"):
        assert (errors[server.url(path)]["stage"], errors[server.url(path)]["reason"]) == (
            "fetch", "too_large")
    records = read_jsonl(one("adhoc-*[0-9]Z.jsonl", out))
    assert [r["url"] for r in records] == [server.url("/news/1.html")]  # the crawl went on
    assert stats_of(out)["thresher/unaccounted"] == 0


def test_the_guard_refuses_loopback_unless_the_source_allows_it(
        tmp_path: Path, news_server: SiteServer) -> None:
    out = tmp_path / "out"
    result = thresher("crawl", "--url", news_server.url("/news/1.html"), "--output", str(out),
                      "--workers", "0")
    assert result.returncode == 0, result.stderr[-3000:]
    (error,) = read_jsonl(one("adhoc-*.errors.jsonl", out))
    assert (error["stage"], error["reason"]) == ("guard", "loopback")
    assert "127.0.0.1" in error["message"]
    assert news_server.hits.get("/news/1.html") is None  # no request reached the server
    assert read_jsonl(one("adhoc-*[0-9]Z.jsonl", out)) == []
