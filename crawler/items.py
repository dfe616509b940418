"""The two items that travel through the pipelines.

``PageItem`` (raw bytes, from the spider, the replayer or a WARC reader) goes into the
extraction pipeline, which turns it into a ``RecordItem`` (the record's JSON dict) or an
errors-output entry. Records never hold response objects or parse trees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageItem:
    url: str  # the URL the page was asked for
    final_url: str  # after redirects
    body: bytes = field(repr=False)  # raw bytes as served (Content-Encoding undone)
    content_type: str | None  # the Content-Type header, if any
    status: int
    source: str  # configured source name
    fetched_at: str  # UTC ISO 8601
    fingerprint: str  # Scrapy request fingerprint (hex): the ledger key
    depth: int = 0
    via: str = "link"  # how it was found: start | sitemap | feed | link
    lastmod: str | None = None  # from the sitemap, when given
    follow_links: bool = False  # the extraction worker returns the page's links to follow
    listing_hint: bool = False  # the URL shape says listing: only its links are wanted


@dataclass(frozen=True)
class NearDupSignature:
    """The record's MinHash signature as the extraction worker computed it (off the reactor
    thread), valid while the fields it was computed from are unchanged. It travels beside
    the item (``CrawlContext.near_dup``, by fingerprint), never in it: items are exported
    as they are (Scrapyd's feeds), and bytes are no JSON."""

    text: str = field(repr=False)
    title: str | None
    language: str | None
    signature: bytes = field(repr=False)  # crawler.dedup.signature.to_bytes
    shingles: int

    def matches(self, text: str, title: str | None, language: str | None) -> bool:
        return (self.title, self.language) == (title, language) and self.text == text


@dataclass(frozen=True)
class RecordItem:
    record: dict[str, Any] = field(repr=False)  # the Article's JSON form, crawl fields set
    url: str
    fingerprint: str
