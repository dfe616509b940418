"""The <meta> values read from <head> first and then from the <meta>s after it (in <body>)
are those read from every <meta> of the page at once, first non-empty value of a key kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.metadata import _head_and_scan, _meta_values, _title_tag

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
EDGE = """<html><head><title>A title here</title>
<meta property="og:title" content="Head title"><meta name="author" content="  ">
<meta itemprop="name" name="x" content="Head name"></head>
<body><h1>Headline</h1><meta property="og:title" content="Body title">
<meta name="author" content="Body Author"><meta itemprop="datePublished" content="2024-01-02">
<div><meta name="X" content="later x"></div></body></html>"""


def _same(tree: lxml_html.HtmlElement) -> None:
    assert dict(_head_and_scan(tree, _title_tag(tree))[0]) == dict(_meta_values(tree))


def test_edge_cases_read_the_same():
    tree = lxml_html.document_fromstring(EDGE)
    _same(tree)
    head = _head_and_scan(tree, _title_tag(tree))[0]
    assert (head["og:title"], head["author"], head["x"]) == ("Head title", "Body Author",
                                                              "Head name")


def test_a_meta_moved_before_the_head_ones_is_read_in_its_place():
    tree = lxml_html.document_fromstring(EDGE)
    meta = etree.Element("meta", {"property": "og:title", "content": "First of all"})
    tree.insert(0, meta)  # before <head>: the head's <meta>s no longer come first
    _same(tree)
    assert _head_and_scan(tree, _title_tag(tree))[0]["og:title"] == "First of all"


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_read_the_same(page: Path):
    _same(lxml_html.document_fromstring(page.read_bytes()))
