"""Lists, headings and the text after a heading found by walks in Python select exactly
what their XPaths selected: the tag walk against "//body//ul[li] | ...", "//body//h2 | ...",
and the sibling walk against "following::text()[normalize-space()][1]"."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.structure_lists import (
    _HEADING_TAGS,
    _in_body,
    _lists,
    _text_after,
)

from .reference_xpaths import HEADINGS, LISTS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
OLD_TEXT_AFTER = etree.XPath("following::text()[normalize-space()][1]", smart_strings=False)
EVERY_ELEMENT = etree.XPath("//*")

EDGE = """<html><head><h2>in head?</h2></head><body><h2>Two</h2>
<div><h3>Three <h4>Four</h4> tail of four</h3><!-- a comment --><h5>Five</h5>\u00a0<h6>Six</h6>
<?pi instruction?><ul><li>a</li></ul><ol><p>no li</p></ol><ul></ul>
<ul><li>x<ol><li>nested</li></ol></li></ul><script>var s = 1;</script>
<p>  \t\n </p><h2></h2><h3>last</h3></div>\r\n<p><b></b>\u00a0</p>end</body></html>"""


def _same(tree: lxml_html.HtmlElement) -> None:
    assert _in_body(tree, _HEADING_TAGS) == HEADINGS(tree)
    assert _lists(tree) == LISTS(tree)
    for element in EVERY_ELEMENT(tree):
        old = OLD_TEXT_AFTER(element)
        assert _text_after(element) == (old[0] if old else None)


def test_edge_cases_select_the_same():
    tree = lxml_html.document_fromstring(EDGE)  # comments and PIs kept: they are skipped
    _same(tree)
    assert len(_lists(tree)) == 3
    assert _text_after(tree.find(".//h4")) == " tail of four"
    assert _text_after(tree.find(".//h5")) == "\u00a0"  # XPath whitespace is four characters


def test_a_body_element_given_for_the_page_is_read_as_its_document():
    tree = lxml_html.document_fromstring(EDGE)
    assert _in_body(tree.find("body"), _HEADING_TAGS) == HEADINGS(tree)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_select_the_same(page: Path):
    _same(lxml_html.document_fromstring(page.read_bytes()))
