"""The worker's links-only read gives exactly the URLs of the full link read."""

from __future__ import annotations

import pytest

from crawler.extract_job import ExtractJob, _Links, run_extract_job
from crawler.page_kind import read_page_links
from extractors import ExtractOptions

PAGES = {
    "plain": b"<html><body><a href='/a'>A</a> <a href='b.html#frag'>B</a>"
             b"<a href='/a'>again</a><a href='mailto:x@y.z'>mail</a></body></html>",
    "hidden": b"<html><head><noscript><base href='http://elsewhere.example/'></noscript>"
              b"</head><body><noscript><a href='/noscript'>n</a></noscript>"
              b"<template><a href='/template'>t</a></template>"
              b"<script>var s = '<a href=\"/script\">s</a>';</script>"
              b"<map><area href='/area' alt='x'></map><a href='/kept'>k</a></body></html>",
    "base": b"<html><head><base href='/sub/'></head><body><a href='x'>x</a>"
            b"<a href='//other.example/y'>y</a><a href='https://[bad/'>bad</a></body></html>",
    "empty": b"",
    "blank": b"   ",
    "nul": b"\x00\x00<a href='/z'>z</a>",
    "not html": b"%PDF-1.4 binary \xff\xfe",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_links_only_read_equals_the_full_read(name):
    url = "https://news.example/section/page.html"
    job = ExtractJob(body=PAGES[name], url=url, final_url=url, source="t",
                     fetched_at="2025-01-01T00:00:00Z", options=ExtractOptions(),
                     want_links=True)
    assert _Links(job).urls() == read_page_links(PAGES[name], url).urls


def test_a_job_that_wants_links_gets_them():
    url = "https://news.example/section/page.html"
    job = ExtractJob(body=PAGES["hidden"], url=url, final_url=url, source="t",
                     fetched_at="2025-01-01T00:00:00Z", options=ExtractOptions(),
                     want_links=True)
    assert run_extract_job(job).links == ("https://news.example/area",
                                          "https://news.example/kept")
