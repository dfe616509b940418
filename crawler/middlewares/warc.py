"""Archive every raw HTTP exchange of a crawl into one WARC file (``--warc-out FILE``).

Sits closest to the downloader (after HttpCacheMiddleware at 900), so it sees each response
as served: every redirect hop, every retried 503, robots.txt, still compressed. Only
exchanges that went out on the network are archived. The archive opens when the spider
opens and closes when it closes.
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from ..recording import FETCHED_AT_META_KEY, utc_now_iso
from ..warc import HttpExchange, WarcArchive
from .record import header_pairs

WARC_OUT_SETTING = "THRESHER_WARC_OUT"
WARC_MIDDLEWARE_ORDER = 950
_SENT_META_KEY = "thresher_warc_sent"


class WarcArchiveMiddleware:
    def __init__(self, archive: WarcArchive, crawler: Crawler) -> None:
        self.archive = archive
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchiveMiddleware:
        path = crawler.settings.get(WARC_OUT_SETTING)
        if not path:
            raise NotConfigured("WARC archiving is off")
        middleware = cls(WarcArchive(Path(path)), crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self) -> None:
        self.archive.open()

    def spider_closed(self) -> None:
        self.archive.close()

    def process_request(self, request: Request) -> None:
        # The last process_request before the download handler: reaching it means this
        # attempt goes out on the network. Responses made up by an earlier middleware (a
        # replay, a local 304, the HTTP cache) skip it and are not archived as if served.
        request.meta[_SENT_META_KEY] = True

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.pop(_SENT_META_KEY, False):
            self.archive.write(exchange_of(request, response))
            self.stats.inc_value("warc/records_written", 2)
        return response


def exchange_of(request: Request, response: Response) -> HttpExchange:
    # setdefault: the record middleware and the records then carry this same time.
    fetched_at = request.meta.setdefault(FETCHED_AT_META_KEY, utc_now_iso())
    return HttpExchange(
        url=response.url,
        method=request.method,
        request_headers=tuple(header_pairs(request.headers)),
        request_body=request.body,
        status=response.status,
        reason=_reason_phrase(response.status),
        response_headers=tuple(header_pairs(response.headers)),
        body=response.body,
        fetched_at=fetched_at,
        ip_address=str(response.ip_address) if response.ip_address else None,
    )


def _reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
