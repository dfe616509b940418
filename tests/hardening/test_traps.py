"""Crawler traps (endless pagination, calendars, session tokens, deep folders): bounded."""

from __future__ import annotations

import pytest

from crawler.middlewares.traps import TrapLimits, static_trap, url_shape

from .conftest import FaultCrawl
from .harness import FAST_SETTINGS


def _trap_errors(fault_crawl: FaultCrawl, prefix: str) -> list[dict]:
    return [e for url, e in fault_crawl.page_errors.items()
            if url.startswith(fault_crawl.url(prefix)) and e["reason"].startswith("trap_")]


def test_endless_pagination_stops_at_the_page_bound(fault_crawl: FaultCrawl) -> None:
    max_page = FAST_SETTINGS["THRESHER_TRAP_MAX_PAGE"]
    assert fault_crawl.hits.count_prefix("/f/trap/list") == max_page
    (error,) = _trap_errors(fault_crawl, "/f/trap/list")
    assert (error["stage"], error["reason"]) == ("guard", "trap_pagination")
    assert error["url"].endswith(f"page={max_page + 1}")


def test_a_calendar_is_cut_off_in_both_directions(fault_crawl: FaultCrawl) -> None:
    chain = FAST_SETTINGS["THRESHER_TRAP_MAX_CHAIN"]
    assert fault_crawl.hits.count_prefix("/f/trap/cal/") <= 2 * chain
    reasons = {e["reason"] for e in _trap_errors(fault_crawl, "/f/trap/cal/")}
    assert reasons and reasons <= {"trap_chain", "trap_calendar"}


def test_a_new_session_token_on_every_page_is_a_bounded_chain(fault_crawl: FaultCrawl) -> None:
    chain = FAST_SETTINGS["THRESHER_TRAP_MAX_CHAIN"]
    assert fault_crawl.hits.count_prefix("/f/trap/sid/") == chain
    (error,) = _trap_errors(fault_crawl, "/f/trap/sid/")
    assert (error["stage"], error["reason"]) == ("guard", "trap_chain")


def test_folders_nested_without_end_are_a_url_shape_trap(fault_crawl: FaultCrawl) -> None:
    (error,) = _trap_errors(fault_crawl, "/f/trap/deep/")
    assert error["reason"] == "trap_url_shape"
    assert fault_crawl.hits.count_prefix("/f/trap/deep/") == 2


def test_traps_are_counted_in_the_stats(fault_crawl: FaultCrawl) -> None:
    stats = fault_crawl.stats
    for reason in ("trap_pagination", "trap_chain", "trap_url_shape"):
        assert stats[f"thresher/traps/{reason}"] >= 1


@pytest.mark.parametrize(("url", "reason"), [
    ("https://n.example/archive?page=201", "trap_pagination"),
    ("https://n.example/section/page/999/", "trap_pagination"),
    ("https://n.example/events/2031/04/", "trap_calendar"),
    ("https://n.example/a/b/a/b/a/", "trap_url_shape"),
    ("https://n.example/" + "x/" * 30, "trap_url_shape"),
    ("https://n.example/?q=" + "z" * 2100, "trap_url_shape"),
    ("https://n.example/calendar?year=2040&month=1", "trap_calendar"),
    ("https://n.example/events/2031-04-01", "trap_calendar"),
    ("https://n.example/2024/05/12/harbour-reopens.html", None),
    ("https://n.example/p/2999", None),  # an article id, not a year
    ("https://n.example/story/4051/2031", None),
    ("https://n.example/a?id=20450", None),
    ("https://n.example/archive?page=200", None),
])
def test_static_traps(url: str, reason: str | None) -> None:
    found = static_trap(url, TrapLimits(), this_year=2026)
    assert (found[0] if found else None) == reason


def test_shapes_mask_ids_and_drop_query_values() -> None:
    assert url_shape("https://n.example/s/4f2a9c77/p?x=1&a=2") == "n.example/s/x/p?a&x"
    assert url_shape("https://n.example/cal/2024/05/") == "n.example/cal/9/9/?"
