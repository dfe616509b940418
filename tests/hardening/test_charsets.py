"""Charsets: mislabelled, unlabelled GBK, UTF-16, lying meta, invalid bytes -> the right text."""

from __future__ import annotations

import pytest

from .conftest import FaultCrawl

CASES = ["/f/cs/utf8-labelled-latin1", "/f/cs/gbk-unlabelled", "/f/cs/utf16-bom",
         "/f/cs/meta-lies", "/f/cs/invalid-bytes"]


@pytest.mark.parametrize("path", CASES)
def test_the_text_comes_out_right_or_the_page_is_reported(
        fault_crawl: FaultCrawl, path: str) -> None:
    expect = fault_crawl.site.expected[path]
    url = fault_crawl.url(path)
    if url in fault_crawl.page_errors:  # reported is acceptable; garbled text is not
        assert fault_crawl.page_errors[url]["reason"]
        return
    record = fault_crawl.records[url]
    assert expect.phrase in record["text"]
    assert "\ufffd" not in record["title"]
