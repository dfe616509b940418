"""Charsets: mislabelled, unlabelled GBK, UTF-16, lying meta, invalid bytes -> the right text."""

from __future__ import annotations

import pytest

from .conftest import FaultCrawl

CASES = ["/f/cs/utf8-labelled-latin1", "/f/cs/gbk-unlabelled", "/f/cs/utf16-bom",
         "/f/cs/meta-lies", "/f/cs/invalid-bytes", "/f/cs/many-invalid-runs"]


@pytest.mark.parametrize("path", CASES)
def test_the_text_comes_out_right(fault_crawl: FaultCrawl, path: str) -> None:
    expect = fault_crawl.site.expected[path]
    record = fault_crawl.records[fault_crawl.url(path)]
    assert expect.phrase in record["text"]
    assert "\ufffd" not in record["title"]


def test_damaged_utf8_is_noted_in_the_record(fault_crawl: FaultCrawl) -> None:
    record = fault_crawl.records[fault_crawl.url("/f/cs/many-invalid-runs")]
    extraction = record["extraction"]
    assert (extraction["charset"], extraction["charset_source"]) == ("utf-8", "detected")
    assert extraction["provenance"]["charset"].endswith("invalid byte sequences replaced")


def test_bytes_no_charset_fits_are_reported(fault_crawl: FaultCrawl) -> None:
    url = fault_crawl.url("/f/cs/no-charset-fits")
    error = fault_crawl.page_errors[url]
    assert (error["stage"], error["reason"]) == ("extract", "decoding_failed")
    assert url not in fault_crawl.records
