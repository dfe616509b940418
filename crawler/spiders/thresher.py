"""The one generic spider: everything site-specific comes from the source (sources.toml).

Discovery: sitemaps (and sitemap indexes), RSS/Atom feeds, start URLs, and links followed
within allow/deny, the source's domains and ``max_depth``. Every page request ends in exactly
one of: a record, an errors-output line, a skipped listing, or a duplicate; the stats prove it
(``thresher/pages_seen`` equals their sum).

A page is an article candidate unless its URL shape says listing; the extraction worker makes
the final call from the page itself (see :mod:`crawler.page_kind`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from twisted.python.failure import Failure

from ..clock import utc_now_iso
from ..context import CrawlContext
from ..errors_output import PAGE, CrawlError
from ..items import PageItem
from ..page_kind import url_looks_like_listing
from ..sources import Source
from .discovery import (
    URLSET,
    DiscoveryError,
    Entry,
    read_feed,
    read_robots_sitemaps,
    read_sitemap,
)
from .failures import classify_failure

META = "thresher"  # request.meta key holding {"kind", "depth", "via", "lastmod", "fp"}
SITEMAP = "sitemap"
FEED = "feed"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_NOT_PAGES = ("xml", "rss", "atom", "json", "gz", "txt", "csv")  # feeds and sitemaps: not pages
EXTRACT_PIPELINE = "crawler.pipelines.extract.ExtractPipeline"


class ThresherSpider(Spider):
    name = "thresher"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ThresherSpider:
        if crawler.settings.get("THRESHER_RUN") is None:  # `scrapy crawl`, Scrapyd: no plan
            from ..standalone import plan_standalone  # (it imports this module)

            plan_standalone(crawler, kwargs.pop("source", None))
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup(crawler.settings["THRESHER_RUN"].source)
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        return spider

    @property
    def context(self) -> CrawlContext:
        """Errors output and ledger; available once the crawl has started (stats exist)."""
        return CrawlContext.of(self.crawler)

    def setup(self, source: Source) -> None:
        self.source = source
        # Not Scrapy's ``allowed_domains``: its offsite filter drops requests without a trace.
        # Links are filtered here; a redirect may leave the site (the guard still applies).
        self.domains = list(source.domains())
        # Links are read by the extraction workers when the extraction pipeline is on (HTML is
        # never parsed on the reactor thread); by Scrapy's LinkExtractor here when it is off.
        self.links_in_workers = bool(
            self.settings.getwithbase("ITEM_PIPELINES").get(EXTRACT_PIPELINE))
        self.links = LinkExtractor()  # filtering is ours: _url_allowed, skip_extensions
        self.skip_extensions = frozenset([*IGNORED_EXTENSIONS, *_NOT_PAGES])
        self.links_seen: set[str] = set()
        self.allow = [re.compile(p) for p in source.allow]
        self.deny = [re.compile(p) for p in source.deny]
        self.article_shapes = tuple(re.compile(p) for p in source.article_urls)
        self.listing_shapes = tuple(re.compile(p) for p in source.listing_urls)
        self.scheduled: set[str] = set()
        self.discovery_seen: set[str] = set()
        self.pages_scheduled = 0

    async def start(self) -> AsyncIterator[Request]:
        # Pages finished in an earlier, interrupted run of this job count toward max_pages.
        self.pages_scheduled = len(self.context.ledger)
        requests = [
            *(self._discovery_request(url, SITEMAP) for url in self.source.sitemaps),
            *(self._discovery_request(url, FEED) for url in self.source.feeds),
            *(self._page_request(url, depth=0, via="start", check_filters=False)
              for url in self.source.start_urls),
        ]
        for request in requests:
            if request is not None:
                yield request

    # -- discovery documents ------------------------------------------------------------

    def _discovery_request(self, url: str, kind: str) -> Request | None:
        """Each sitemap or feed once per run (an index may list itself, or loop)."""
        if url in self.discovery_seen:
            return None
        self.discovery_seen.add(url)
        callback = self.parse_sitemap if kind == SITEMAP else self.parse_feed
        # dont_filter: the dupefilter keeps no trace of what it drops; we dedupe above.
        return Request(url, callback=callback, errback=self.on_error,
                       meta={META: {"kind": kind}}, dont_filter=True)

    def robots_sitemaps(self, response: Response) -> list[Request]:
        """The sitemaps a site's robots.txt announces, for a source that lists none.

        Called by the robots policy middleware with the robots.txt it fetched (one fetch
        per host: the rules and the Sitemap: lines come from the same answer). Sitemaps on
        the source's own domains only (the guard would stop others, later).
        """
        if self.source.sitemaps:
            return []
        requests = []
        for url in read_robots_sitemaps(response.body):
            url = response.urljoin(url)
            if not _host_in(urlsplit(url).hostname, self.domains):
                self.crawler.stats.inc_value("thresher/discovery/robots_sitemap_offsite")
                continue
            request = self._discovery_request(url, SITEMAP)
            if request is not None:
                self.crawler.stats.inc_value("thresher/discovery/robots_sitemaps")
                requests.append(request)
        return requests

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        max_bytes = self.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            sitemap = read_sitemap(response.body, max_bytes)
        except DiscoveryError as exc:
            self._discovery_error(response.url, SITEMAP, exc)
            return
        self.crawler.stats.inc_value("thresher/discovery/sitemaps")
        if sitemap.kind != URLSET:
            for entry in sitemap.entries:
                request = self._discovery_request(response.urljoin(entry.url), SITEMAP)
                if request is not None:
                    yield request
            return
        yield from self._entry_requests(response, sitemap.entries, SITEMAP)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        try:
            entries = read_feed(response.body)
        except DiscoveryError as exc:
            self._discovery_error(response.url, FEED, exc)
            return
        self.crawler.stats.inc_value("thresher/discovery/feeds")
        yield from self._entry_requests(response, entries, FEED)

    def _entry_requests(self, response: Response, entries: tuple[Entry, ...],
                        via: str) -> Iterator[Request]:
        for entry in entries:
            request = self._page_request(response.urljoin(entry.url), depth=0, via=via,
                                         lastmod=entry.lastmod)
            if request is not None:
                yield request

    def _discovery_error(self, url: str, kind: str, exc: DiscoveryError) -> None:
        stage = "fetch" if exc.reason == "too_large" else "extract"
        self.context.errors.record(CrawlError(url, stage, exc.reason, str(exc), kind=kind))

    # -- pages ------------------------------------------------------------------------

    def _page_request(self, url: str, *, depth: int, via: str, lastmod: str | None = None,
                      check_filters: bool = True) -> Request | None:
        if check_filters and not self._url_allowed(url):
            self.crawler.stats.inc_value("thresher/discovery/filtered_out")
            return None
        request = Request(url, callback=self.parse_page, errback=self.on_error)
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request).hex()
        if fingerprint in self.scheduled:
            return None
        self.scheduled.add(fingerprint)
        if fingerprint in self.context.ledger:
            self.crawler.stats.inc_value("thresher/resume/already_done")
            return None
        max_pages = self.source.max_pages
        if max_pages is not None and self.pages_scheduled >= max_pages:
            self.crawler.stats.inc_value("thresher/discovery/over_max_pages")
            return None
        self.pages_scheduled += 1
        meta = {"kind": PAGE, "depth": depth, "via": via, "lastmod": lastmod, "fp": fingerprint}
        return request.replace(meta={META: meta})

    def _url_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not _host_in(parts.hostname, self.domains):
            return False
        if self.allow and not any(p.search(url) for p in self.allow):
            return False
        return not any(p.search(url) for p in self.deny)

    def parse_page(self, response: Response) -> Iterator[Request | PageItem]:
        meta = response.meta[META]
        stats = self.crawler.stats
        stats.inc_value("thresher/pages_seen")
        if response.status == 304:  # unchanged since the last visit (middlewares.conditional)
            stats.inc_value("thresher/not_modified")
            self.context.ledger.commit(meta["fp"])
            return
        requested = (response.meta.get("redirect_urls") or [response.url])[0]
        if not _is_html(response):
            content_type = response.headers.get("Content-Type", b"").decode("latin-1")
            self.context.errors.record(CrawlError(
                requested, "fetch", "not_html", f"Content-Type {content_type or 'missing'}"),
                meta["fp"])
            return
        depth = meta["depth"]
        follow = self.source.max_depth is None or depth < self.source.max_depth
        listing = url_looks_like_listing(response.url, self.listing_shapes, self.article_shapes)
        item = PageItem(
            url=requested, final_url=response.url, body=response.body,
            content_type=_header(response, b"Content-Type"), status=response.status,
            source=self.source.name, fetched_at=utc_now_iso(), fingerprint=meta["fp"],
            depth=depth, via=meta["via"], lastmod=meta.get("lastmod"))
        if self.links_in_workers:  # the worker parses the page once: article and links
            yield replace(item, follow_links=follow, listing_hint=listing)
            return
        if follow:
            urls = [link.url for link in self.links.extract_links(response)]
            yield from self.follow_links(item, urls)
        if listing:
            stats.inc_value("thresher/skipped_listing")
            stats.inc_value("thresher/skipped_listing/url_shape")
            return
        yield item

    def follow_links(self, page: PageItem, urls: Iterable[str]) -> Iterator[Request]:
        """Requests for the links of ``page`` worth following (called by the extraction
        pipeline with the links its worker found, or above when extraction is off)."""
        for url in urls:
            if url in self.links_seen:  # most links repeat on every page: cheap exit
                continue
            self.links_seen.add(url)
            if _extension_of(url) in self.skip_extensions:
                continue
            request = self._page_request(url, depth=page.depth + 1, via="link")
            if request is not None:
                yield request

    def on_dropped(self, request: Request) -> None:
        """The scheduler refused a page request: a redirect to a page already crawled. The
        page is a duplicate of that page's record (or of its errors entry): counted, logged
        with both URLs, and done in the ledger."""
        meta = request.meta.get(META)
        if not meta or meta.get("kind") != PAGE:
            return
        asked_for = (request.meta.get("redirect_urls") or [request.url])[0]
        self.logger.info("duplicate page %s: redirects to %s, already crawled in this run",
                         asked_for, request.url)
        stats = self.crawler.stats
        stats.inc_value("thresher/pages_seen")
        stats.inc_value("thresher/duplicates")
        stats.inc_value("thresher/duplicates/redirect_to_seen")
        self.context.ledger.commit(meta.get("fp", ""))

    def on_error(self, failure: Failure) -> None:
        request: Request = failure.request  # type: ignore[attr-defined]
        meta = request.meta.get(META) or {"kind": PAGE, "fp": ""}
        info = classify_failure(failure)
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        if meta["kind"] == PAGE:
            self.crawler.stats.inc_value("thresher/pages_seen")
        self.context.errors.record(CrawlError(url, info.stage, info.reason, info.message,
                                              kind=meta["kind"]), meta.get("fp", ""))


def _extension_of(url: str) -> str:
    return posixpath.splitext(urlsplit(url).path)[1].lstrip(".").lower()


def _host_in(host: str | None, domains: list[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one (ports do not matter)."""
    if not host:
        return False
    return any(host == d or host.endswith("." + d) for d in domains)


def _is_html(response: Response) -> bool:
    if isinstance(response, HtmlResponse):
        return True
    content_type = (_header(response, b"Content-Type") or "").lower()
    return isinstance(response, TextResponse) and any(t in content_type for t in _HTML_TYPES)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
