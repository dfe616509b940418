"""Empty 200s, PDFs and images (also labelled text/html): errors naming the type found."""

from __future__ import annotations

import pytest

from crawler.middlewares.content_type import sniff_binary_type

from .conftest import FaultCrawl


@pytest.mark.parametrize(("path", "found"), [
    ("/f/pdf", "application/pdf"),
    ("/f/pdf-as-html", "application/pdf"),
    ("/f/png-as-html", "image/png"),
    ("/f/jpeg-as-html", "image/jpeg"),
])
def test_binary_content_is_an_error_naming_the_type_found(
        fault_crawl: FaultCrawl, path: str, found: str) -> None:
    url = fault_crawl.url(path)
    error = fault_crawl.page_errors[url]
    assert (error["stage"], error["reason"]) == ("fetch", "not_html")
    assert f"content is {found}" in error["message"]
    assert url not in fault_crawl.records


def test_the_message_also_names_the_claimed_type(fault_crawl: FaultCrawl) -> None:
    error = fault_crawl.page_errors[fault_crawl.url("/f/png-as-html")]
    assert "labelled text/html" in error["message"]


def test_an_empty_200_is_an_error_not_a_null_record(fault_crawl: FaultCrawl) -> None:
    url = fault_crawl.url("/f/empty-200")
    error = fault_crawl.page_errors[url]
    assert (error["stage"], error["reason"]) == ("fetch", "empty_body")
    assert url not in fault_crawl.records


def test_html_without_a_content_type_is_still_a_record(fault_crawl: FaultCrawl) -> None:
    assert fault_crawl.records[fault_crawl.url("/f/html-unlabelled")]["title"] == (
        "Harbour report 7")


@pytest.mark.parametrize(("body", "found"), [
    (b"%PDF-1.4 ...", "application/pdf"),
    (b"GIF89a\x01\x00", "image/gif"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"PK\x03\x04\x14\x00", "application/zip"),
    (b"<!DOCTYPE html><html>", None),
    (b"\xff\xfe<\x00h\x00t\x00", None),  # UTF-16 HTML is text, not binary
])
def test_sniffing(body: bytes, found: str | None) -> None:
    assert sniff_binary_type(body) == found
