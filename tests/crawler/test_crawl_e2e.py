"""End to end: a real local site -> spider -> every pipeline -> JSONL, SQLite, errors, stats."""

from __future__ import annotations

from pathlib import Path

from tests.support.news_site import ARTICLES
from tests.support.server import SiteServer

from .crawl_runner import one, read_jsonl, sqlite_rows, stats_of, thresher, write_sources


def _sources(tmp_path: Path, base: str) -> Path:
    return write_sources(tmp_path / "sources.toml", f"""
[[source]]
name = "gazette"
start_urls = ["{base}/"]
sitemaps = ["{base}/sitemap_index.xml"]
feeds = ["{base}/feed.xml"]
allow_private = true
concurrency = 4
""")


def test_crawl_discovers_every_article_once_through_every_pipeline(
        tmp_path: Path, news_server: SiteServer) -> None:
    out = tmp_path / "out"
    result = thresher("crawl", "--sources", str(_sources(tmp_path, news_server.base_url)),
                      "--output", str(out), "--workers", "2")
    assert result.returncode == 0, result.stderr[-3000:]

    records = read_jsonl(one("gazette-*[0-9]Z.jsonl", out))
    expected = {news_server.url(f"/news/{n}.html") for n in range(1, ARTICLES + 1)}
    assert sorted(r["url"] for r in records) == sorted(expected)
    assert all(r["source"] == "gazette" and r["fetched_at"] for r in records)
    assert all(r["title"].startswith("Council story number") for r in records)
    assert {r["id"] for r in sqlite_rows(out / "thresher.sqlite")} == {r["id"] for r in records}

    errors = read_jsonl(one("gazette-*.errors.jsonl", out))
    assert [(e["url"], e["stage"], e["reason"]) for e in errors] == [
        (news_server.url("/broken.html"), "fetch", "http_404")]

    stats = stats_of(out)
    assert stats["thresher/records"] == ARTICLES
    assert stats["thresher/skipped_listing"] >= 3  # front page and two section pages
    assert stats["thresher/duplicates"] == 1  # /moved/3.html redirects to a crawled article
    assert stats["thresher/unaccounted"] == 0
    # the index (which lists itself: read once) and both sitemaps (one .gz)
    assert stats["thresher/discovery/sitemaps"] == 3
    assert news_server.hits["/sitemap_index.xml"] == 1
    assert stats["thresher/discovery/feeds"] == 1
    assert stats["thresher/validation"].endswith("article.schema.json")  # validated, not off
    assert "gazette" in result.stdout  # the summary table


def test_crawl_by_url_without_sources_file(tmp_path: Path, news_server: SiteServer) -> None:
    out = tmp_path / "out"
    result = thresher("crawl", "--url", news_server.url("/section/page/1/"), "--allow-private",
                      "--max-depth", "1", "--output", str(out), "--workers", "0")
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_jsonl(one("adhoc-*[0-9]Z.jsonl", out))
    # page 1 of the section links to articles 1..6 (and /moved/3.html, a duplicate).
    assert sorted(r["url"] for r in records) == sorted(
        news_server.url(f"/news/{n}.html") for n in range(1, 7))
    assert stats_of(out)["thresher/unaccounted"] == 0
