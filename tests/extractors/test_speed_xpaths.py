"""Cheaper spellings of three structural XPaths select exactly what the old ones selected.

libxml2 evaluates a predicate on every element slowly (``//body//*[self::h2 or ...]``);
name steps and attribute steps are several times cheaper. Each new expression is checked
against the old one on edge cases and on every saved fixture page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.clean_dom import _LINK_LISTS

from .reference_xpaths import HEADINGS, MENU_LINKS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

OLD_HEADINGS = etree.XPath("//body//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")
OLD_LINK_LISTS = etree.XPath(
    "//body//*[self::ul or self::ol][count(li) >= $min_items][not(li[count(.//a) != 1])]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer)]"
)
OLD_MENU_LINKS = etree.XPath(
    "//body//nav//a//text() | //body//*[@role='navigation']//a//text()", smart_strings=False)

EDGE = """<html><head><h2>in head</h2></head><body role="navigation"><a>body link</a>
<h2>Two</h2><div><h3>Three <h4>Four</h4></h3><h5>Five</h5><h6>Six</h6><h1>One</h1></div>
<ul><li><a>a</a></li><li><a>b</a></li><li><a>c</a></li></ul>
<ol><li><a>a</a></li><li><a>b</a><a>x</a></li><li><a>c</a></li></ol>
<ul><li><a>a</a><ol><li><a>1</a></li><li><a>2</a></li><li><a>3</a></li></ol></li>
<li><a>b</a></li><li><a>c</a></li></ul>
<nav><ul><li><a>n1</a></li><li><a>n2</a></li><li><a>n3</a></li></ul><a>nav link</a></nav>
<div role="navigation"><span><a>menu <b>item</b></a></span><nav><a>both</a></nav></div>
<div role="Navigation"><a>case differs</a></div><div role="navigation main"><a>no</a></div>
</body></html>"""


def _same(tree: lxml_html.HtmlElement) -> None:
    assert HEADINGS(tree) == OLD_HEADINGS(tree)
    for items in (2, 3):
        assert _LINK_LISTS(tree, min_items=items) == OLD_LINK_LISTS(tree, min_items=items)
    assert MENU_LINKS(tree) == OLD_MENU_LINKS(tree)


def test_edge_cases_select_the_same():
    tree = lxml_html.document_fromstring(EDGE)
    _same(tree)
    assert {h.tag for h in HEADINGS(tree)} == {"h2", "h3", "h4", "h5", "h6"}
    assert len(_LINK_LISTS(tree, min_items=3)) == 2  # the first ul and the nested ol
    assert "menu " in MENU_LINKS(tree) and "no" not in MENU_LINKS(tree)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_select_the_same(page: Path):
    _same(lxml_html.document_fromstring(page.read_bytes()))
