"""Downloader middleware: a source that allows private addresses gets only its own.

``allow_private = true`` exists so a source can crawl a site on a private network (or a
test server on 127.0.0.1); it turns the network guard off. Without this middleware every
other private service would then be reachable too — a hostile page on that site could link
or redirect the crawler to ``127.0.0.1:6379`` or to the cloud metadata address. So, while
the guard is off, a request whose host resolves to a non-public address must match one of
the source's configured origins (start URLs, sitemaps, feeds): the same address *and* port.
Otherwise it ends as a ``guard`` errors entry: ``other_port`` (a configured address on
another port) or the address class (``loopback``, ``private``, ``metadata``, ...). Public
addresses are left alone (the spider's domain filter decides about those).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

from ..guard import IPAddress, Verdict, classify_address, parse_ip_literal
from .network_guard import GuardRefused

_DEFAULT_PORTS = {"http": 80, "https": 443}
Origin = tuple[IPAddress, int]


class PrivateScopeMiddleware:
    def __init__(self, crawler: Crawler, configured_urls: list[str]) -> None:
        self.stats = crawler.stats
        self.configured_urls = configured_urls
        self._scope: set[Origin] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateScopeMiddleware:
        if not crawler.settings.getbool("GUARD_ALLOW_PRIVATE"):
            raise NotConfigured  # the network guard refuses every private address anyway
        plan = crawler.settings.get("THRESHER_RUN")
        source = getattr(plan, "source", None)
        if source is None:
            raise NotConfigured
        return cls(crawler, [*source.start_urls, *source.sitemaps, *source.feeds])

    async def process_request(self, request: Request) -> None:
        origin = await _origin(request.url)
        if origin is None or classify_address(origin[0]).allowed:
            return  # unresolvable (the download reports it) or public
        scope = await self._configured_scope()
        if origin in scope:
            return
        address, port = origin
        if any(a == address for a, _ in scope):
            verdict = Verdict(False, "other_port", f"{address} port {port}")
        else:
            verdict = classify_address(address)
        self.stats.inc_value(f"thresher/guard/{verdict.reason}")
        raise GuardRefused(request.url, verdict, urlsplit(request.url).netloc)

    async def _configured_scope(self) -> set[Origin]:
        if self._scope is None:
            origins = [await _origin(url) for url in self.configured_urls]
            self._scope = {o for o in origins if o is not None}
        return self._scope


async def _origin(url: str) -> Origin | None:
    """The address and port a URL connects to (the name resolved as the download will)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme, 80)
    except ValueError:
        return None
    address = parse_ip_literal(host)
    if address is None and host:
        from twisted.internet import reactor

        try:
            resolved = await maybe_deferred_to_future(reactor.resolve(host.rstrip(".")))
        except Exception:
            return None
        address = parse_ip_literal(resolved)
    return (address, port) if address is not None else None
