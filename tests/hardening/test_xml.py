"""Sitemaps and feeds: entity bombs and external entities refused unread, garbage reported."""

from __future__ import annotations

import feedparser
import pytest
from scrapy.utils.sitemap import Sitemap

from crawler.middlewares.xml_safety import declares_entities
from crawler.spiders.discovery import read_sitemap

from .conftest import FaultCrawl
from .fault_site import ERROR, RECORD
from .xml_cases import _LAUGHS, _XXE, SECRET_FILE, _rss, _urlset


def test_every_document_ends_as_its_ground_truth_says(fault_crawl: FaultCrawl) -> None:
    errors = fault_crawl.document_errors()
    for path, expect in fault_crawl.site.documents.items():
        url = fault_crawl.url(path)
        if expect.outcome == RECORD:
            assert url not in errors, errors.get(url)
            continue
        assert expect.outcome == ERROR
        assert (errors[url]["stage"], errors[url]["reason"]) == (expect.stage, expect.reason)
        assert errors[url]["kind"] in ("sitemap", "feed")


def test_pages_listed_by_usable_documents_are_records(fault_crawl: FaultCrawl) -> None:
    for path in fault_crawl.site.discovered:
        assert fault_crawl.url(path) in fault_crawl.records


def test_no_entity_was_expanded_into_a_request(fault_crawl: FaultCrawl) -> None:
    secret = open(SECRET_FILE, encoding="utf-8").read().strip()  # noqa: SIM115
    asked = " ".join(fault_crawl.hits.times)
    assert secret not in asked
    assert "lollol" not in asked and "/f/xml/xxe" not in asked


def test_discovery_errors_are_counted(fault_crawl: FaultCrawl) -> None:
    stats = fault_crawl.stats
    assert stats["thresher/discovery_errors/sitemap/xml_entities"] == 2
    assert stats["thresher/discovery_errors/feed/xml_entities"] == 2


@pytest.mark.parametrize(("body", "declares"), [
    (_urlset("http://x", ["/a"], _XXE), True),
    (_urlset("http://x", ["/a"], _LAUGHS), True),
    (_urlset("http://x", ["/a"]), False),
    (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
     b' "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"></rss>', False),
    (b"<urlset><url><loc>http://x/?q=<!ENTITY</loc></url></urlset>", False),  # not in a prolog
])
def test_declares_entities(body: bytes, declares: bool) -> None:
    assert declares_entities(body) is declares


def test_the_parsers_behind_discovery_never_read_the_file_either() -> None:
    """Defence in depth: even unrefused, the sitemap and feed readers leave entities alone."""
    secret = open(SECRET_FILE, encoding="utf-8").read().strip()  # noqa: SIM115
    sitemap = Sitemap(_urlset("http://x", ["/a"], _XXE, "?leak=&xxe;"))
    assert all(secret not in entry["loc"] for entry in sitemap)
    parsed = feedparser.parse(_rss("http://x", ["/a"], _XXE, title="&xxe;"))
    assert secret not in str(parsed.feed.get("title", ""))
    assert read_sitemap(_urlset("http://x", ["/a"], _LAUGHS), 1 << 20).entries == (
        read_sitemap(_urlset("http://x", ["/a"]), 1 << 20).entries)
