"""Redirect loops, long chains and meta-refresh loops: bounded and reported by name."""

from __future__ import annotations

import pytest

from .conftest import FaultCrawl


@pytest.mark.parametrize("path", ["/f/loop-a", "/f/loop-self", "/f/refresh-a"])
def test_loops_end_as_redirect_loop_errors(fault_crawl: FaultCrawl, path: str) -> None:
    error = fault_crawl.page_errors[fault_crawl.url(path)]
    assert (error["stage"], error["reason"]) == ("fetch", "redirect_loop")
    assert fault_crawl.hits.count(path) == 1  # found at once, not after twenty rounds


def test_a_long_chain_ends_at_the_redirect_bound(fault_crawl: FaultCrawl) -> None:
    error = fault_crawl.page_errors[fault_crawl.url("/f/chain/0")]
    assert (error["stage"], error["reason"]) == ("fetch", "too_many_redirects")
    assert fault_crawl.hits.count_prefix("/f/chain/") == 21  # REDIRECT_MAX_TIMES + 1 hops
    assert fault_crawl.hits.count("/f/chain/30") == 0


def test_a_short_chain_is_followed_to_a_record(fault_crawl: FaultCrawl) -> None:
    record = fault_crawl.records[fault_crawl.url("/f/short-chain/0")]
    assert record["final_url"] == fault_crawl.url("/f/short-chain/end")
