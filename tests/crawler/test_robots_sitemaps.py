"""Sitemaps announced in robots.txt are discovered for a source that lists none; a redirect
to a page already crawled is a duplicate, counted and logged with both URLs."""

from __future__ import annotations

from pathlib import Path

from crawler.spiders.discovery import read_robots_sitemaps
from tests.support.news_site import ARTICLES, Page, build_site
from tests.support.server import SiteServer

from .crawl_runner import one, read_jsonl, stats_of, thresher, write_sources


def test_sitemap_lines_are_read_in_any_case_each_once():
    robots = (b"User-agent: *\nDisallow: /private/\n"
              b"Sitemap: https://a.example/sitemap.xml\n"
              b"sitemap:https://a.example/news.xml  # the news one\n"
              b"SITEMAP: https://a.example/sitemap.xml\n"
              b"# Sitemap: https://a.example/commented-out.xml\n"
              b"Sitemap:\n")
    assert read_robots_sitemaps(robots) == ("https://a.example/sitemap.xml",
                                            "https://a.example/news.xml")
    assert read_robots_sitemaps(b"") == ()
    assert read_robots_sitemaps(b"\xef\xbb\xbfSitemap: /relative.xml") == ("/relative.xml",)


def _site_announcing_sitemaps(base: str) -> dict[str, Page]:
    pages = build_site(base)
    pages["/robots.txt"] = Page(200, (
        "User-agent: *\nDisallow: /private/\n"
        f"Sitemap: {base}/sitemap_index.xml\n"
        "Sitemap: https://elsewhere.example/sitemap.xml\n").encode(),
        {"Content-Type": "text/plain"})
    return pages


def test_a_source_without_sitemaps_finds_those_robots_txt_announces(tmp_path: Path) -> None:
    with SiteServer(_site_announcing_sitemaps) as server:
        sources = write_sources(tmp_path / "sources.toml", f"""
[[source]]
name = "announced"
start_urls = ["{server.base_url}/"]
allow_private = true
concurrency = 4
""")
        out = tmp_path / "out"
        result = thresher("crawl", "--sources", str(sources), "--output", str(out),
                          "--workers", "1", "--log-level", "INFO")
        hits = dict(server.hits)
    assert result.returncode == 0, result.stderr[-3000:]
    stats = stats_of(out)
    assert stats["thresher/discovery/robots_sitemaps"] == 1
    assert stats["thresher/discovery/robots_sitemap_offsite"] == 1  # never fetched
    assert stats["thresher/discovery/sitemaps"] == 3  # the index and both sitemaps
    assert hits["/sitemap_index.xml"] == 1 and hits["/sitemap-1.xml"] == 1
    records = read_jsonl(one("announced-*[0-9]Z.jsonl", out))
    assert sorted(r["url"] for r in records) == sorted(
        server.url(f"/news/{n}.html") for n in range(1, ARTICLES + 1))
    # /moved/3.html (linked from a listing) redirects to an article crawled already.
    assert stats["thresher/duplicates/redirect_to_seen"] == 1
    assert (f"duplicate page {server.url('/moved/3.html')}: redirects to "
            f"{server.url('/news/3.html')}") in result.stderr
    assert stats["thresher/unaccounted"] == 0


def test_a_source_with_sitemaps_does_not_read_robots_txt_for_more(tmp_path: Path) -> None:
    with SiteServer(_site_announcing_sitemaps) as server:
        sources = write_sources(tmp_path / "sources.toml", f"""
[[source]]
name = "listed"
start_urls = ["{server.base_url}/"]
sitemaps = ["{server.base_url}/sitemap-1.xml"]
allow_private = true
max_depth = 0
""")
        out = tmp_path / "out"
        result = thresher("crawl", "--sources", str(sources), "--output", str(out),
                          "--workers", "0")
        hits = dict(server.hits)
    assert result.returncode == 0, result.stderr[-3000:]
    stats = stats_of(out)
    assert "thresher/discovery/robots_sitemaps" not in stats
    assert stats["thresher/discovery/sitemaps"] == 1
    assert "/sitemap_index.xml" not in hits
