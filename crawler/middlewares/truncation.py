"""Downloader middleware: a body shorter than its Content-Length is never stored as whole.

With Scrapy's default ``DOWNLOAD_FAIL_ON_DATALOSS = True`` a short body is an exception that
the retry middleware retries and :mod:`crawler.spiders.failures` reports as ``truncated``.
When data loss is tolerated (the setting off, or ``download_fail_on_dataloss`` in a request's
meta) Scrapy instead hands on the partial response flagged ``dataloss``; this middleware
catches that: retried like a failure, then an errors entry, never a record.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response

from .refusals import FetchRefused


class TruncationMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TruncationMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if "dataloss" not in response.flags:
            return response
        self.crawler.stats.inc_value("thresher/truncated_responses")
        retry = get_retry_request(request, spider=self.crawler.spider, reason="truncated")
        if retry is not None:
            return retry
        raise FetchRefused("truncated", f"{response.url}: body shorter than its Content-Length "
                                        f"({len(response.body)} bytes received)")
