"""Downloader middleware: refuse requests (and redirects) to non-public addresses.

Redirects come back through ``process_request`` as new requests, so they are checked the same
way. The name is resolved through the reactor's resolver (Scrapy's caching resolver), so the
connection that follows uses the very address checked here: no window for DNS rebinding while
the cache holds it. Off when the crawl allows private addresses (``GUARD_ALLOW_PRIVATE``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.error import DNSLookupError

from ..guard import Verdict, classify_host_name, classify_resolved, parse_ip_literal


class GuardRefused(IgnoreRequest):
    """A request the network guard refused; ``reason`` is the verdict's slug."""

    def __init__(self, url: str, verdict: Verdict, host: str) -> None:
        super().__init__(verdict.message(host))
        self.url = url
        self.reason = verdict.reason


class NetworkGuardMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NetworkGuardMiddleware:
        if crawler.settings.getbool("GUARD_ALLOW_PRIVATE"):
            raise NotConfigured  # private addresses allowed for this crawl (no log noise)
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        verdict = classify_host_name(host)
        if verdict.allowed and parse_ip_literal(host) is None:
            verdict = await self._check_resolved(host)
        if not verdict.allowed:
            self.crawler.stats.inc_value(f"thresher/guard/{verdict.reason}")
            raise GuardRefused(request.url, verdict, host)

    async def _check_resolved(self, host: str) -> Verdict:
        from twisted.internet import reactor

        try:
            address = await maybe_deferred_to_future(reactor.resolve(host))
        except DNSLookupError:
            return Verdict(True)  # the download itself will fail and be reported as fetch
        return classify_resolved(host, [address])
