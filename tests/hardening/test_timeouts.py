"""Stalled and dripping bodies: idle-time and total-time limits per response."""

from __future__ import annotations

from crawler.middlewares.timeouts import IDLE, TOTAL, _Watch

from .conftest import FaultCrawl
from .fault_site import STALL_SECONDS


def _error(fault_crawl: FaultCrawl, path: str) -> tuple[str, str]:
    error = fault_crawl.page_errors[fault_crawl.url(path)]
    return error["stage"], error["reason"]


def test_headers_then_silence_ends_as_idle_timeout_and_the_crawler_hangs_up(
        fault_crawl: FaultCrawl) -> None:
    assert _error(fault_crawl, "/f/stall-body") == ("fetch", IDLE)
    assert fault_crawl.hits.count("/f/stall-body") == 1  # a stall is not retried
    (served,) = fault_crawl.hits.hung_up_after["/f/stall-body"]
    assert served < STALL_SECONDS  # the crawler gave up, the server did not finish


def test_no_headers_at_all_ends_as_idle_timeout(fault_crawl: FaultCrawl) -> None:
    assert _error(fault_crawl, "/f/stall-headers") == ("fetch", IDLE)
    (served,) = fault_crawl.hits.hung_up_after["/f/stall-headers"]
    assert served < STALL_SECONDS


def test_a_dripping_body_never_idle_ends_as_total_timeout(fault_crawl: FaultCrawl) -> None:
    assert _error(fault_crawl, "/f/drip") == ("fetch", TOTAL)
    (served,) = fault_crawl.hits.hung_up_after["/f/drip"]
    assert served < 400_000 / 100 * 0.2  # far less than the whole drip would take
    assert fault_crawl.url("/f/drip") not in fault_crawl.records


def test_watch_verdicts() -> None:
    watch = _Watch(idle=1.0, total=4.0, started=100.0, last_byte=100.0)
    assert watch.verdict(100.9) == ""
    assert watch.verdict(101.0) == IDLE
    watch.last_byte = 103.5
    assert watch.verdict(103.9) == ""
    assert watch.verdict(104.0) == TOTAL
    assert _Watch(idle=0.0, total=0.0, started=0.0, last_byte=0.0).verdict(1e9) == ""


def test_time_the_reactor_was_blocked_is_not_charged_to_the_server() -> None:
    watch = _Watch(idle=1.0, total=4.0, started=0.0, last_byte=0.0, last_look=0.0)
    assert watch.look(0.25) == ""
    assert watch.look(10.0) == ""  # the reactor was busy for ~10 s: no download could read
    assert watch.look(10.25) == ""
    assert watch.look(10.5) == IDLE  # a second of silence outside the blocked stretch
