"""Sibling tests spelled positionally ("a[2]", "*[1]") and tag walks select what the
old XPaths did, on random runs of links, breaks, slots, text and other elements."""

from __future__ import annotations

import random

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors import clean_dom as cd

COUNTING = {
    "_LINK_ROWS": etree.XPath(
        "//body//a[count(following-sibling::a) >= 2][not(preceding-sibling::a)]/.."),
    "_double_breaks": etree.XPath(
        "//body//br[following-sibling::node()[not(self::text()[normalize-space() = ''])][1]"
        "[self::br]][not(ancestor::*[self::p or self::li or self::dd or self::dt or self::pre "
        "or self::code or self::a or self::h1 or self::h2 or self::h3 or self::h4 or self::h5 "
        "or self::h6 or self::blockquote or self::button or self::label])]"),
    "_body_links": etree.XPath("//body//a"),
    "_empty_slots": etree.XPath(
        "//body//div[not(node())] | //body//ins[not(normalize-space())] | //body//iframe"),
}
PIECES = ["<a>x</a>", "<a>y <b>z</b></a>", "<br>", "<br/>", " ", "\n ", "text", "\u00a0",
          "<span>s</span>", "<i></i>", "<div>", "</div>", "<p>", "</p>", "<li>", "</li>",
          "<div></div>", "<ins>", "</ins>", "<ins> \n</ins>", "<ins>\u00a0</ins>",
          "<iframe src='x'></iframe>"]


def _random_page(rng: random.Random) -> lxml_html.HtmlElement:
    body = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
    return lxml_html.document_fromstring(f"<html><body><div>{body}</div></body></html>")


@pytest.mark.parametrize("seed", range(300))
def test_positional_spellings_select_the_same(seed: int) -> None:
    tree = _random_page(random.Random(seed))
    for name, counting in COUNTING.items():
        assert getattr(cd, name)(tree) == counting(tree), name


def test_a_page_without_body_has_no_links() -> None:
    tree = etree.fromstring("<html><head><title>t</title></head></html>",
                            lxml_html.HTMLParser())
    assert cd._body_links(tree) == COUNTING["_body_links"](tree) == []
