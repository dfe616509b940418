"""Truncated bodies (Content-Length larger than sent): retried, then an error, never stored."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares.refusals import FetchRefused
from crawler.middlewares.truncation import TruncationMiddleware

from .conftest import FaultCrawl
from .harness import FAST_SETTINGS


def test_a_body_that_is_always_cut_short_is_retried_then_an_error(
        fault_crawl: FaultCrawl) -> None:
    url = fault_crawl.url("/f/truncated")
    error = fault_crawl.page_errors[url]
    assert (error["stage"], error["reason"]) == ("fetch", "truncated")
    assert url not in fault_crawl.records
    assert fault_crawl.hits.count("/f/truncated") == FAST_SETTINGS["RETRY_TIMES"] + 1


def test_a_body_cut_short_once_is_stored_whole_from_the_retry(fault_crawl: FaultCrawl) -> None:
    record = fault_crawl.records[fault_crawl.url("/f/truncated-then-ok")]
    assert "End of report 6." in record["text"]  # the last paragraph: the whole body


def test_a_response_flagged_dataloss_is_retried_then_refused() -> None:
    crawler = get_crawler(settings_dict={"RETRY_TIMES": 1})
    crawler.spider = crawler._create_spider("t")
    middleware = TruncationMiddleware.from_crawler(crawler)
    request = Request("http://example.com/a")
    partial = HtmlResponse(request.url, body=b"<html>half", flags=["dataloss"], request=request)
    retry = middleware.process_response(request, partial)
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    with pytest.raises(FetchRefused) as refused:
        middleware.process_response(retry, partial)
    assert refused.value.reason == "truncated"
    whole = HtmlResponse(request.url, body=b"<html>whole</html>", request=request)
    assert middleware.process_response(request, whole) is whole
