"""The crawl benchmark's synthetic site: deterministic, realistic sizes, no dead links."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from benchmarks.sites.newsroom import (
    MAX_ARTICLE_BYTES,
    MIN_ARTICLE_BYTES,
    SiteSpec,
    article_paths,
    build_site,
)

BASE = "http://bench.test"
REPO = Path(__file__).resolve().parents[2]


def test_the_same_spec_gives_byte_identical_pages():
    first = build_site(SiteSpec(pages=40), BASE)
    second = build_site(SiteSpec(pages=40), BASE)
    assert {p: v.body for p, v in first.items()} == {p: v.body for p, v in second.items()}
    other_seed = build_site(SiteSpec(pages=40, seed=8), BASE)
    assert first[article_paths(first)[0]].body != other_seed[article_paths(other_seed)[0]].body


def test_articles_weigh_50_to_150_kb_and_carry_a_real_body():
    pages = build_site(SiteSpec(pages=60), BASE)
    articles = article_paths(pages)
    assert len(articles) == 60
    for path in articles:
        html = pages[path].body
        assert MIN_ARTICLE_BYTES <= len(html) <= MAX_ARTICLE_BYTES, (path, len(html))
        body = re.search(rb'<div class="story-body">(.*?)</div><div class="tags">', html, re.S)
        assert body is not None
        assert len(re.findall(rb"<p>", body.group(1))) >= 9
    boilerplate = pages[articles[0]].body
    for marker in (b"<style>", b"cookie-banner", b'class="sidebar"', b'id="comments"',
                   b"Back to top", b'id="__STATE__"'):
        assert marker in boilerplate


def test_every_link_and_sitemap_entry_points_at_a_page_of_the_site():
    pages = build_site(SiteSpec(pages=40), BASE)
    for path, page in pages.items():
        if page.content_type.startswith("text/html"):
            for href in re.findall(rb'href="(/[^"#]*)"', page.body):
                assert href.decode() in pages, (path, href)
    listed = re.findall(r"<loc>(.*?)</loc>", b"".join(
        p.body for path, p in pages.items() if path.startswith("/sitemaps/")).decode())
    assert sorted(u.removeprefix(BASE) for u in listed) == article_paths(pages)


def test_the_server_serves_the_site_from_memory_with_keep_alive():
    server = subprocess.Popen([sys.executable, "-m", "benchmarks.sites.server", "--pages", "20"],
                              cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        ready = server.stdout.readline().split()
        assert ready[0] == "READY"
        base = ready[1]
        expected = build_site(SiteSpec(pages=20), base)
        path = article_paths(expected)[3]
        with urllib.request.urlopen(base + path) as response:
            assert response.read() == expected[path].body
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        with urllib.request.urlopen(base + "/robots.txt") as response:
            assert f"Sitemap: {base}/sitemap.xml" in response.read().decode()
        try:
            urllib.request.urlopen(base + "/nope")
            raise AssertionError("a missing page must be a 404")
        except urllib.error.HTTPError as error:
            assert error.code == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
