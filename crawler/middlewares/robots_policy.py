"""Downloader middleware: robots.txt read as RFC 9309 says, not "any error means allowed".

Scrapy's ``RobotsTxtMiddleware`` treats a robots.txt it cannot get as "crawl everything",
and parses a 5xx error page as if it were the rules. RFC 9309, section 2.3.1:

* 2xx: the rules apply (Scrapy's parsing, unchanged);
* 4xx ("unavailable"): no rules, crawl everything;
* 5xx and network errors ("unreachable"): assume complete disallow. The fetch itself went
  through the retry middleware (backoff, ``Retry-After``) first. Thresher holds the verdict
  for ``THRESHER_ROBOTS_UNREACHABLE_TTL`` seconds, then asks for robots.txt again.

Pages refused meanwhile end as errors entries ``robots_unreachable`` naming the answer, so a
later run can fetch them. A robots.txt request refused on Thresher's side (network guard,
replay) is not an answer from the server: as in Scrapy, the pages then meet that refusal
themselves. Sits where Scrapy's middleware sat (100), before replay and the guard.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

from .refusals import FetchRefused

DEFAULT_TTL = 600.0


@dataclass(frozen=True)
class Unreachable:
    """robots.txt could not be had: disallow everything on the host until ``until``."""

    why: str
    until: float

    def expired(self, now: float) -> bool:
        return now >= self.until


class RobotsPolicyMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(crawler)
        self.ttl = crawler.settings.getfloat("THRESHER_ROBOTS_UNREACHABLE_TTL", DEFAULT_TTL)
        self.clock = clock

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        held = self._parsers.get(netloc)
        if isinstance(held, Unreachable) and held.expired(self.clock()):
            del self._parsers[netloc]  # ask again
            self._stats.inc_value("thresher/robots/refetched")
        return await super().robot_parser(request)

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        if isinstance(rp, Unreachable):
            self._stats.inc_value("thresher/robots/refused_unreachable")
            raise FetchRefused("robots_unreachable",
                               f"robots.txt {rp.why}: RFC 9309 says disallow all for now")
        super().process_request_2(rp, request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self._hold_unreachable(netloc, f"answered HTTP {response.status}")
            return
        if 400 <= response.status < 500:  # "unavailable": no rules at all, not the error page
            self._stats.inc_value(f"thresher/robots/status_{response.status}")
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)
        if response.status == 200:
            self._announce_sitemaps(response)

    def _announce_sitemaps(self, response: Response) -> None:
        """Hand the robots.txt to the spider for its ``Sitemap:`` lines: one fetch per host
        serves both the rules and the discovery, so the policy's fetch count stays exact."""
        hook = getattr(self.crawler.spider, "robots_sitemaps", None)
        if hook is None or self.crawler.engine is None:
            return
        for sitemap_request in hook(response):
            self.crawler.engine.crawl(sitemap_request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            # Refused on our side (network guard, replay without that URL), not the server's
            # answer: Scrapy's behaviour, and the page request meets the same refusal itself.
            super()._robots_error(exc, netloc)
            return
        self._hold_unreachable(netloc, f"unreachable ({type(exc).__name__}: {exc})")

    def _hold_unreachable(self, netloc: str, why: str) -> None:
        self._stats.inc_value("thresher/robots/unreachable")
        verdict = Unreachable(why, self.clock() + self.ttl)
        waiting = self._parsers[netloc]
        self._parsers[netloc] = verdict  # type: ignore[assignment]
        if hasattr(waiting, "callback"):
            waiting.callback(verdict)


