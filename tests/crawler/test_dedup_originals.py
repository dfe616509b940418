"""Which member of a group is the original: the credited outlet, else the earliest published."""

from __future__ import annotations

import pytest

from crawler.dedup import choose_original
from crawler.dedup.originals import credited_outlet, outlet_matches
from crawler.state import DedupEntry


def entry(record_id: str, site: str, *, name: str | None = None, credits: str | None = None,
          published: str | None = None, seen: int = 0) -> DedupEntry:
    return DedupEntry(record_id=record_id, group_id="g", content_hash=record_id, site=site,
                      site_name=name, original_source=credits, published_at=published,
                      shingles=10, signature=b"", seen=seen)


def test_the_credited_outlet_wins_over_an_earlier_date():
    members = [
        entry("copy", "aggregator.example", credits="NBC News", published="2024-01-01T08:00Z",
              seen=1),
        entry("nbc", "nbcnews.com", name="NBC News", published="2024-01-01T10:00:00+00:00",
              seen=2),
    ]
    assert choose_original(members).record_id == "nbc"


def test_without_credit_the_earliest_published_wins_and_undated_come_last():
    members = [
        entry("undated", "a.example", seen=1),
        entry("late", "b.example", published="2024-01-02T00:00:00+00:00", seen=2),
        entry("early", "c.example", published="2024-01-01T23:00:00-05:00", seen=3),
    ]
    # 23:00 at UTC-5 is 04:00 UTC on the 2nd: "late" (00:00 UTC) is earlier.
    assert choose_original(members).record_id == "late"


def test_ties_and_unparseable_dates_fall_back_to_first_seen():
    members = [entry("second", "a.example", published="yesterday", seen=2),
               entry("first", "b.example", published="not a date", seen=1)]
    assert choose_original(members).record_id == "first"


def test_a_credit_nobody_in_the_group_matches_falls_back_to_dates():
    members = [entry("a", "a.example", credits="Reuters", published="2024-01-02", seen=1),
               entry("b", "b.example", published="2024-01-01", seen=2)]
    assert choose_original(members).record_id == "b"


def test_the_most_common_credit_is_the_one_followed():
    members = [entry("x", "x.example", credits="The Guardian"),
               entry("y", "y.example", credits="the guardian"),
               entry("z", "z.example", credits="Reuters"),
               entry("g", "theguardian.com", seen=5)]
    assert credited_outlet(members) == "guardian"
    assert choose_original(members).record_id == "g"


@pytest.mark.parametrize(("site", "name", "credit", "expected"), [
    ("nbcnews.com", None, "nbcnews", True),
    ("news.reuters.com", None, "reuters", True),
    ("theguardian.com", None, "guardian", True),
    ("example.org", "新华社", "新华社", True),
    ("nbcnews.com", None, "bbcnews", False),
    ("reuters-fan-blog.example", "Fan blog", "reuters", False),
])
def test_outlet_matching_by_site_name_or_host(site, name, credit, expected):
    assert outlet_matches(entry("r", site, name=name), credit) is expected


def test_an_empty_group_is_a_programming_error():
    with pytest.raises(ValueError):
        choose_original([])
