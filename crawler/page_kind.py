"""Is a fetched page an article or a listing (home page, section, tag, pagination)?

Two signals: the URL's shape (cheap, checked by the spider before anything is queued) and the
page itself (checked in the extraction worker): a page whose text is mostly link text, or
whose extraction found little body among many links, is a listing. A listing is never a record
and never an error: it is counted as ``skipped_listing`` and its links are followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from extractors import count_words

# Paths that are navigation on almost every news site.
_LISTING_PATH = re.compile(
    r"(^/?$)|(/(tag|tags|category|categories|topic|topics|section|author|authors|archive|"
    r"archives|search|page)(/|$))|(/page/\d+/?$)|(/index\.(html?|php)$)",
    re.IGNORECASE,
)
_LISTING_QUERY = re.compile(r"(^|&)(page|p|s|q|paged)=", re.IGNORECASE)


@dataclass(frozen=True)
class ListingThresholds:
    article_words: int = 150  # a body this long is an article whatever its links
    min_links: int = 8  # fewer links than this and it is not a listing
    link_text_ratio: float = 0.5  # share of page words inside links (articles: < 0.35)
    min_links_without_body: int = 15  # no body found + this many links: a listing


def url_looks_like_listing(url: str, listing_patterns: tuple[re.Pattern[str], ...] = (),
                           article_patterns: tuple[re.Pattern[str], ...] = ()) -> bool:
    """The URL alone says listing: configured listing shape, or a generic navigation path."""
    if any(p.search(url) for p in listing_patterns):
        return True
    if article_patterns:
        return not any(p.search(url) for p in article_patterns)
    parts = urlsplit(url)
    return bool(_LISTING_PATH.search(parts.path) or _LISTING_QUERY.search(parts.query))


@dataclass(frozen=True)
class LinkStats:
    links: int
    link_words: int
    page_words: int

    @property
    def link_text_ratio(self) -> float:
        return self.link_words / self.page_words if self.page_words else 1.0


@dataclass(frozen=True)
class PageLinks:
    stats: LinkStats
    urls: tuple[str, ...]  # absolute http(s) link targets, fragments cut, each once, in order


def read_page_links(body: bytes, base_url: str) -> PageLinks:
    """One parse of the page: its link targets (for following) and its link statistics."""
    try:
        tree = lxml_html.fromstring(body)
    except (etree.LxmlError, ValueError, TypeError, SyntaxError):
        # An empty body raises lxml's ParserError (not a ValueError), which carries an error
        # log that cannot be pickled: escaping a pool worker it became worker_crashed.
        return PageLinks(LinkStats(0, 0, 0), ())
    for junk in tree.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    anchors = tree.xpath("//a[@href]|//area[@href]")
    link_words = sum(count_words(a.text_content()) for a in anchors)
    stats = LinkStats(len(anchors), link_words, count_words(tree.text_content()))
    base = _base_href(tree, base_url)
    urls: dict[str, None] = {}
    for anchor in anchors:
        url = _absolute(base, anchor.get("href", ""))
        if url:
            urls.setdefault(url)
    return PageLinks(stats, tuple(urls))


def link_stats(body: bytes) -> LinkStats:
    """Count links and the words inside them against all visible words of the page."""
    return read_page_links(body, "http://invalid/").stats


def _base_href(tree: lxml_html.HtmlElement, page_url: str) -> str:
    hrefs = tree.xpath("//base/@href")
    return urljoin(page_url, hrefs[0].strip()) if hrefs and hrefs[0].strip() else page_url


def _absolute(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    try:
        url = urldefrag(urljoin(base, href)).url
    except ValueError:  # e.g. an invalid IPv6 literal in the href
        return None
    return url if url.startswith(("http://", "https://")) else None


def is_listing(stats: LinkStats, body_words: int | None,
               limits: ListingThresholds = ListingThresholds()) -> bool:
    """``body_words`` is the extracted body's length, or ``None`` when none was found."""
    if body_words is not None and body_words >= limits.article_words:
        return False
    if body_words is None and stats.links >= limits.min_links_without_body:
        return True
    return stats.links >= limits.min_links and stats.link_text_ratio >= limits.link_text_ratio
