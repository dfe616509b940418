"""Downloader middleware: ask only for pages that changed since the last delivered revision.

For a page request whose URL the state store knows:
  * a sitemap ``<lastmod>`` or feed date that is not newer than the last visit skips the
    download: the middleware answers with a local 304 at once;
  * otherwise the request carries ``If-None-Match`` / ``If-Modified-Since`` from the stored
    validators, and a 304 from the server is let through to the spider.
Either way the spider sees a 304, counts the page as ``thresher/not_modified`` and extracts
nothing. The validators of a fresh 200 are kept aside in the state store, and become the
page's validators only once its record has been delivered (``crawler.pipelines.changed``):
a page whose record was lost must not be answered 304 next time.

Off with ``THRESHER_CHANGED_ONLY = False``.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from ..clock import utc_now_iso
from ..errors_output import PAGE
from ..spiders.thresher import META
from ..state import Validators
from ..state.revisions import not_newer, url_key
from ..state.shared import crawl_state

NOT_MODIFIED = 304
# request.meta key: how this request was made conditional ("headers" or "lastmod").
CONDITIONAL_META = "thresher_conditional"


class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        if not crawler.settings.getbool("THRESHER_CHANGED_ONLY", True):
            raise NotConfigured("changed-only crawling is off")
        return cls(crawler)

    def process_request(self, request: Request) -> Response | None:
        if not _is_page(request):
            return None
        state = crawl_state(self.crawler)
        known = state.pages.get(url_key(request.url))
        if known is None:
            return None
        if not_newer(request.meta[META].get("lastmod"), known.last_seen):
            self._mark(request, "lastmod")
            self.crawler.stats.inc_value("thresher/not_modified/lastmod")
            return Response(request.url, status=NOT_MODIFIED, request=request)
        validators = known.validators
        if not validators:
            return None
        if validators.etag:
            request.headers.setdefault(b"If-None-Match", validators.etag.encode("latin-1"))
        if validators.last_modified:
            request.headers.setdefault(b"If-Modified-Since",
                                       validators.last_modified.encode("latin-1"))
        self._mark(request, "headers")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        how = request.meta.get(CONDITIONAL_META)
        state = crawl_state(self.crawler)
        if response.status == NOT_MODIFIED and how:
            if how == "headers":
                self.crawler.stats.inc_value("thresher/not_modified/http_304")
            state.pages.touch(url_key(request.url), utc_now_iso())
            state.commit()
        elif response.status == 200 and _is_page(request):
            validators = Validators(_header(response, b"ETag"),
                                    _header(response, b"Last-Modified"))
            if validators:
                state.pages.stash_validators(url_key(response.url), validators)
                state.commit()
        return response

    @staticmethod
    def _mark(request: Request, how: str) -> None:
        request.meta[CONDITIONAL_META] = how
        allowed = list(request.meta.get("handle_httpstatus_list") or ())
        if NOT_MODIFIED not in allowed:  # let the 304 reach the spider, not the errback
            request.meta["handle_httpstatus_list"] = [*allowed, NOT_MODIFIED]


def _is_page(request: Request) -> bool:
    meta = request.meta.get(META)
    return isinstance(meta, dict) and meta.get("kind") == PAGE


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
