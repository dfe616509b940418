"""Every page of the fault site ends as its ground truth says, and the crawl accounts for all.

The per-fault modules (retries, timeouts, ...) check the details; this one checks the whole:
no expected page missing, no page with an outcome other than the one named for it.
"""

from __future__ import annotations

from .conftest import FaultCrawl
from .fault_site import DUPLICATE, ERROR, RECORD


def _outcome(fault_crawl: FaultCrawl, url: str) -> tuple[str, ...]:
    records, errors = fault_crawl.records, fault_crawl.page_errors
    if url in records:
        return (RECORD,)
    if url in errors:
        return (ERROR, errors[url]["stage"], errors[url]["reason"])
    return ("missing",)


def test_every_linked_and_listed_page_ends_as_its_ground_truth_says(
        fault_crawl: FaultCrawl) -> None:
    expected = {**fault_crawl.site.expected, **fault_crawl.site.discovered}
    wrong = {}
    for path, expect in expected.items():
        want = (RECORD,) if expect.outcome == RECORD else (ERROR, expect.stage, expect.reason)
        if expect.outcome == DUPLICATE:
            continue
        got = _outcome(fault_crawl, fault_crawl.url(path))
        if got != want:
            wrong[path] = (want, got)
    assert wrong == {}


def test_the_crawl_accounts_for_every_page_it_saw(fault_crawl: FaultCrawl) -> None:
    stats = fault_crawl.stats
    assert stats["finish_reason"] == "finished"
    assert stats["thresher/unaccounted"] == 0
    assert stats["thresher/pages_seen"] >= len(fault_crawl.site.expected)
