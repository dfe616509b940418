"""Duplicate URLs: tracking parameters, session ids, fragments and rel=canonical -> one record."""

from __future__ import annotations

import pytest
from scrapy import Request

from crawler.middlewares.canonical import (
    CanonicalRequestFingerprinter,
    canonical_url,
    strip_url_noise,
)

from .conftest import FaultCrawl
from .fault_site import REL_CANONICAL_COPIES, REL_CANONICAL_TARGET


@pytest.mark.parametrize("path", ["/f/canon/story", "/f/canon/query", "/f/canon/session"])
def test_every_noisy_variant_is_fetched_once_and_stored_once(
        fault_crawl: FaultCrawl, path: str) -> None:
    fetched = {t: n for t, n in fault_crawl.hits.times.items() if t.split("?")[0]
               .split(";")[0] == path}
    assert sum(len(v) for v in fetched.values()) == 1, fetched
    records = [r for r in fault_crawl.records.values()
               if r["url"].split("?")[0].split(";")[0] == fault_crawl.url(path)]
    assert len(records) == 1
    assert "utm_" not in records[0]["url"] and "sessid" not in records[0]["url"].lower()


def test_pages_naming_the_same_rel_canonical_are_one_record(fault_crawl: FaultCrawl) -> None:
    copies = {fault_crawl.url(p) for p in REL_CANONICAL_COPIES}
    records = [r for r in fault_crawl.records.values() if r["url"] in copies]
    assert len(records) == 1
    assert records[0]["canonical_url"] == fault_crawl.url(REL_CANONICAL_TARGET)
    assert fault_crawl.stats["thresher/duplicates"] >= 1  # the other copy, counted


@pytest.mark.parametrize(("url", "clean"), [
    ("https://n.example/a?utm_source=x&utm_medium=y", "https://n.example/a"),
    ("https://n.example/a?id=4&fbclid=Iw&gclid=Cj", "https://n.example/a?id=4"),
    ("https://n.example/a;jsessionid=ABC123?id=4", "https://n.example/a?id=4"),
    ("https://n.example/a?PHPSESSID=abc#top", "https://n.example/a"),
    ("https://n.example/a?b=2&a=1", "https://n.example/a?b=2&a=1"),  # kept as sent
    ("https://n.example/a?mc_cid=1&pk_campaign=z&page=2", "https://n.example/a?page=2"),
])
def test_strip_url_noise(url: str, clean: str) -> None:
    assert strip_url_noise(url) == clean


def test_canonical_url_sorts_the_query() -> None:
    assert canonical_url("https://n.example/a?b=2&utm_x=1&a=1#f") == "https://n.example/a?a=1&b=2"


def test_fingerprints_ignore_noise_but_not_meaning() -> None:
    fingerprinter = CanonicalRequestFingerprinter()
    base = fingerprinter.fingerprint(Request("https://n.example/a?id=4"))
    assert fingerprinter.fingerprint(Request("https://n.example/a?utm_source=x&id=4")) == base
    assert fingerprinter.fingerprint(Request("https://n.example/a?id=4#c")) == base
    assert fingerprinter.fingerprint(Request("https://n.example/a?id=5")) != base
