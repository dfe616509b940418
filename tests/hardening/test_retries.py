"""5xx, 429 and connection resets: retried with backoff (Retry-After honoured), then an error."""

from __future__ import annotations

from .conftest import FaultCrawl
from .harness import FAST_SETTINGS

ATTEMPTS = FAST_SETTINGS["RETRY_TIMES"] + 1


def test_503_twice_then_ok_becomes_a_record_on_the_third_try(fault_crawl: FaultCrawl) -> None:
    assert fault_crawl.url("/f/503-then-ok") in fault_crawl.records
    assert fault_crawl.hits.count("/f/503-then-ok") == 3


def test_a_page_that_always_answers_500_is_an_error_after_the_retry_bound(
        fault_crawl: FaultCrawl) -> None:
    error = fault_crawl.page_errors[fault_crawl.url("/f/always-500")]
    assert (error["stage"], error["reason"]) == ("fetch", "http_500")
    assert fault_crawl.hits.count("/f/always-500") == ATTEMPTS


def test_429_waits_at_least_retry_after_before_the_retry(fault_crawl: FaultCrawl) -> None:
    assert fault_crawl.url("/f/429-retry-after") in fault_crawl.records
    first, second = fault_crawl.hits.times["/f/429-retry-after"]
    # Retry-After: 1 beats the 0.05 s backoff of these settings.
    assert second - first >= 1.0


def test_a_reset_connection_is_retried_then_the_page_is_a_record(
        fault_crawl: FaultCrawl) -> None:
    assert fault_crawl.url("/f/reset-then-ok") in fault_crawl.records
    assert fault_crawl.hits.count("/f/reset-then-ok") >= 2


def test_a_connection_reset_every_time_ends_as_connection_lost(fault_crawl: FaultCrawl) -> None:
    error = fault_crawl.page_errors[fault_crawl.url("/f/always-reset")]
    assert (error["stage"], error["reason"]) == ("fetch", "connection_lost")
    assert fault_crawl.hits.count("/f/always-reset") >= ATTEMPTS
