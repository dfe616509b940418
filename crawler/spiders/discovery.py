"""Read discovery documents: sitemaps (and sitemap indexes), RSS/Atom feeds, and the
``Sitemap:`` lines of robots.txt.

Plain functions over bytes, so the spider stays small and tests need no Scrapy. Parsing is
Scrapy's own sitemap reader (lxml, entities off) and feedparser.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import feedparser
from scrapy.utils.sitemap import Sitemap

SITEMAP_INDEX = "sitemapindex"
URLSET = "urlset"


class DiscoveryError(ValueError):
    """A document that is not the sitemap or feed it was expected to be; ``reason`` a slug."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    url: str
    lastmod: str | None = None  # sitemap <lastmod>, or the feed entry's date


@dataclass(frozen=True)
class SitemapDoc:
    kind: str  # sitemapindex | urlset
    entries: tuple[Entry, ...]


def read_sitemap(body: bytes, max_bytes: int) -> SitemapDoc:
    """Entries of a sitemap or sitemap index; gzip bodies (".xml.gz") are opened, capped."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip_capped(body, max_bytes)
    try:
        sitemap = Sitemap(body)
    except Exception as exc:  # lxml gives up on the root element: not XML at all
        raise DiscoveryError("invalid_sitemap", f"not a sitemap: {exc}") from exc
    if sitemap.type not in (SITEMAP_INDEX, URLSET):
        raise DiscoveryError("invalid_sitemap", f"root element <{sitemap.type}> is not a sitemap")
    entries = tuple(Entry(d["loc"], d.get("lastmod") or None) for d in sitemap if d.get("loc"))
    return SitemapDoc(sitemap.type, entries)


def read_feed(body: bytes) -> tuple[Entry, ...]:
    """Entry links of an RSS or Atom feed, with their published/updated date when given."""
    parsed = feedparser.parse(body)
    entries = []
    for item in parsed.entries:
        link = item.get("link") or _first_alternate(item)
        if link:
            entries.append(Entry(link, item.get("published") or item.get("updated")))
    if not entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise DiscoveryError("invalid_feed", f"not a usable feed: {problem}")
    return tuple(entries)


def read_robots_sitemaps(body: bytes) -> tuple[str, ...]:
    """The sitemap URLs a robots.txt announces (``Sitemap: <url>`` lines, any case, in order,
    each once). They stand outside any user-agent group, so every line is read."""
    urls: dict[str, None] = {}
    for raw in body.decode("utf-8-sig", "replace").splitlines():  # a BOM is no field name
        field, _, value = raw.split("#", 1)[0].partition(":")
        if field.strip().lower() == "sitemap" and value.strip():
            urls.setdefault(value.strip())
    return tuple(urls)


def _first_alternate(item: feedparser.FeedParserDict) -> str | None:
    for link in item.get("links") or ():
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _gunzip_capped(body: bytes, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise DiscoveryError("invalid_sitemap", f"bad gzip data: {exc}") from exc
    if len(out) > max_bytes:
        raise DiscoveryError("too_large", f"sitemap over {max_bytes} bytes once decompressed")
    return out
