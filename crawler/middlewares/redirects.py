"""Downloader middleware: redirect loops and over-long chains end as named errors entries.

Scrapy follows HTTP redirects and ``<meta http-equiv="refresh">`` (its Redirect and
MetaRefresh middlewares) and, at ``REDIRECT_MAX_TIMES``, drops the request as "ignored"; a
loop back to a page already asked for is dropped by the dupefilter and looks like a
duplicate. This middleware sits before both (it sees the 3xx or refresh answer first) and
names what happened: ``redirect_loop`` when the target is already in this request's chain
(compared as canonical URLs), ``too_many_redirects`` when the chain is longer than
``REDIRECT_MAX_TIMES``. A redirect to a page another request already fetched stays a
duplicate: that is not a loop.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

from .canonical import canonical_url
from .refusals import FetchRefused, request_kind

_REDIRECT_CODES = (301, 302, 303, 307, 308)


class RedirectBoundsMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.max_hops = settings.getint("REDIRECT_MAX_TIMES", 20)
        self.refresh_max_delay = settings.getfloat("METAREFRESH_MAXDELAY", 100)
        self.refresh_ignore_tags = settings.getlist("METAREFRESH_IGNORE_TAGS", [])
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectBoundsMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not request_kind(request.meta) or request.meta.get("dont_redirect"):
            return response
        target = self._target(response)
        if target is None:
            return response
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if canonical_url(target) in {canonical_url(u) for u in chain}:
            self.stats.inc_value("thresher/redirects/loop")
            raise FetchRefused("redirect_loop", " -> ".join([*chain, target]))
        if len(chain) > self.max_hops:
            self.stats.inc_value("thresher/redirects/too_many")
            raise FetchRefused("too_many_redirects",
                               f"{len(chain)} redirects from {chain[0]} (limit {self.max_hops})")
        return response

    def _target(self, response: Response) -> str | None:
        if response.status in _REDIRECT_CODES and b"Location" in response.headers:
            location = response.headers[b"Location"].decode("latin-1")
            return safe_url_string(urljoin(response.url, location))
        if isinstance(response, HtmlResponse):
            interval, url = get_meta_refresh(response, ignore_tags=self.refresh_ignore_tags)
            if url and interval is not None and interval < self.refresh_max_delay:
                return url
        return None
