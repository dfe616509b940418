"""Discovery documents: sitemaps, sitemap indexes, gzip, RSS and Atom, and broken ones."""

from __future__ import annotations

import gzip

import pytest

from crawler.spiders.discovery import DiscoveryError, read_feed, read_sitemap

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://a.example/news/1.html</loc><lastmod>2024-03-01</lastmod></url>
<url><loc>https://a.example/news/2.html</loc></url>
</urlset>"""


def test_urlset_entries_keep_lastmod() -> None:
    doc = read_sitemap(URLSET, 10_000)
    assert doc.kind == "urlset"
    assert [(e.url, e.lastmod) for e in doc.entries] == [
        ("https://a.example/news/1.html", "2024-03-01"), ("https://a.example/news/2.html", None)]


def test_sitemap_index_lists_child_sitemaps() -> None:
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://a.example/s1.xml</loc><lastmod>2024-01-01</lastmod>"
             b"</sitemap></sitemapindex>")
    doc = read_sitemap(index, 10_000)
    assert doc.kind == "sitemapindex"
    assert [e.url for e in doc.entries] == ["https://a.example/s1.xml"]


def test_gzipped_sitemap_is_opened_within_the_cap() -> None:
    assert len(read_sitemap(gzip.compress(URLSET), 10_000).entries) == 2
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(DiscoveryError) as caught:
        read_sitemap(bomb, 1_000_000)
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize("body", [b"<html><body>not a sitemap</body></html>", b"\x00\x01junk"])
def test_a_page_that_is_not_a_sitemap_is_an_error(body: bytes) -> None:
    with pytest.raises(DiscoveryError) as caught:
        read_sitemap(body, 10_000)
    assert caught.value.reason == "invalid_sitemap"


def test_rss_and_atom_entries() -> None:
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
           b"<item><link>https://a.example/1.html</link>"
           b"<pubDate>Mon, 01 Apr 2024 08:00:00 GMT</pubDate></item></channel></rss>")
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b'<entry><title>x</title><link rel="alternate" href="https://a.example/2.html"/>'
            b"<updated>2024-04-02T08:00:00Z</updated></entry></feed>")
    (first,) = read_feed(rss)
    assert first.url == "https://a.example/1.html" and "2024" in (first.lastmod or "")
    (second,) = read_feed(atom)
    assert second.url == "https://a.example/2.html"


def test_a_non_feed_is_an_error() -> None:
    with pytest.raises(DiscoveryError) as caught:
        read_feed(b"this is plain text, not a feed")
    assert caught.value.reason == "invalid_feed"
