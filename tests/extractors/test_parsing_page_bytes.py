"""The page's own bytes handed to the parser (``Decoded.utf8``) instead of the decoded text
encoded again: ``decode_html`` offers them only when they are the text's UTF-8, and
``parse_html`` with them gives the tree (or the error) it gives from the text alone, on
edge cases and on every fixture page; records do not change."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from lxml import etree

from extractors import api, extract
from extractors.decoding import decode_html
from extractors.errors import ParseError
from extractors.parsing import parse_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.glob("*/*/input.html"))

EDGES = [
    b"<p>plain ascii</p>", "<p>é ü ß</p>".encode(), "<p>中文 日本語 한국어 😀</p>".encode(),
    codecs.BOM_UTF8 + "<p>bom é</p>".encode(), "<p>é</p>".encode("latin-1"),
    "<meta charset='gb2312'><p>中文内容</p>".encode("gb18030"),
    b"<meta charset=utf-8><p>damaged \xff utf-8 \xc3\xa9</p>",
    b"<p>\x00a\x00</p>", b"\x0c<p>\x01 controls \x1f</p>", b"<p>form\x0cfeed</p>",
    b"<?xml version='1.0' encoding='utf-8'?><html><body><p>declared</p></body></html>",
    b"  \n<?xml version='1.0'?><p>after blanks</p>", b"<?xml no end",
    b"<?xml version='1.0'?><?xml version='1.0'?><p>two declarations</p>",
    "<p>\u00a0nbsp and \u2028 line separator</p>".encode(),
    b"<div>" * 300 + b"deep",
]


def _tree(text: str, depth: int, utf8: bytes | None) -> bytes | str:
    try:
        return etree.tostring(parse_html(text, depth, "https://example.test/a", utf8=utf8))
    except ParseError as exc:
        return f"{type(exc).__name__}: {exc}"


def _check(raw: bytes) -> None:
    decoded = decode_html(raw)
    if decoded.utf8 is not None:
        assert decoded.utf8 == decoded.text.encode("utf-8")
        assert decoded.utf8.decode("utf-8") == decoded.text
    for depth in (400, 40):
        assert _tree(decoded.text, depth, decoded.utf8) == _tree(decoded.text, depth, None)


@pytest.mark.parametrize("raw", EDGES, ids=range(len(EDGES)))
def test_page_bytes_give_the_text_s_tree_on_edge_cases(raw: bytes):
    _check(raw)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_page_bytes_give_the_text_s_tree_on_fixture_pages(page: Path):
    _check(page.read_bytes())


def test_only_strict_utf8_pages_offer_their_bytes():
    assert decode_html("<p>é</p>".encode()).utf8 == "<p>é</p>".encode()
    assert decode_html(codecs.BOM_UTF8 + b"<p>x</p>").utf8 is None  # the text lacks the BOM
    assert decode_html("<p>é</p>".encode("latin-1")).utf8 is None
    assert decode_html(b"<meta charset=utf-8><p>bad \xff byte \xc3\xa9</p>").utf8 is None
    assert decode_html("<p>x</p>".encode("utf-16")).utf8 is None


@pytest.mark.parametrize("page", PAGES[:6], ids=lambda p: p.parent.name)
def test_records_are_the_same_without_the_page_bytes(page: Path, monkeypatch):
    raw = page.read_bytes()
    fast = extract(raw, "https://example.test/story")
    monkeypatch.setattr(api, "parse_html", lambda text, depth, url, utf8=None:
                        parse_html(text, depth, url))
    assert extract(raw, "https://example.test/story") == fast
