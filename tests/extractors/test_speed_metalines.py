"""The meta-line walk over ``body.iter()`` (tails kept back until their element ends) gives
exactly the texts, holders and near-headline flags of the two-event ``iterwalk`` it
replaced: the reference below is that walk, run on crafted trees and every fixture page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.metalines import (
    _DATE_LIKE,
    MAX_LINE_CHARS,
    NEAR_HEADLINE_NODES,
    _Marks,
    _texts,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.glob("*/*/input.html"))


def reference_texts(body, headline_hints):
    """The walk as it was: "start" gives an element's text, "end" its tail."""
    h1 = body.find(".//h1")
    in_headline = False
    after_headline = -1
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            in_headline = in_headline or element is h1
            text, holder = element.text, element
        else:
            if element is h1:
                in_headline = False
            text, holder = element.tail, None
        if not text or text.isspace() or (element is body and holder is None):
            continue
        if in_headline or (h1 is None and after_headline < 0
                           and " ".join(text.split()) in headline_hints):
            after_headline = 0
            continue
        near = 0 <= after_headline < NEAR_HEADLINE_NODES
        if after_headline >= 0:
            after_headline += 1
        worth = len(text) <= MAX_LINE_CHARS and (
            ":" in text or "：" in text or (len(text) <= 100 and _DATE_LIKE.search(text)))
        if near or worth:
            container = holder if holder is not None else element.getparent()
            if container is not None:
                yield text, container, near


def _same(body, hints=frozenset()):
    assert list(_texts(body, hints, _Marks(15))) == list(reference_texts(body, hints))


CRAFTED = [
    # tails of nested inline elements end together, innermost first
    "<p>a: <b>b: <i>i: 1</i>ti: 2</b>tb: 3<span>s</span>ts: 4</p>tp: 5",
    # the headline's own tail is after it; tails inside it are in it
    "<div><h1>Head <em>x</em>in: 1</h1>tail: 2<p>one</p>two<p>3: x</p></div>",
    "<h1>Head</h1><p>1</p><p>2</p><p>3</p><p>4</p><p>5</p><p>6</p><p>7</p><p>8</p><p>9: x</p>",
    "<div><div><h1><span>H</span></h1></div>after: h1 wrapper</div>end: 2023-01-02",
    "<h1></h1><p>no headline text</p><p>Published: 2023-06-04</p>",
    # comments and processing instructions are nodes of the walk too
    "<p>x<!-- 2023-06-04 -->tail: c<?pi 12.03.2020 ?>t</p><p>Source: AP</p>",
    "<ul><li>one: 1<li>two: 2</ul>last: 3",
    "<table><tr><td>a: 1</td><td>b</td></tr></table>tail: 3",
]


@pytest.mark.parametrize("fragment", CRAFTED)
def test_crafted_pages_match_the_old_walk(fragment: str):
    parser = lxml_html.HTMLParser(remove_comments=False, remove_pis=False)
    body = lxml_html.document_fromstring(f"<html><body>{fragment}</body></html>",
                                         parser=parser).find("body")
    _same(body)


def test_headline_hints_match_the_old_walk():
    body = lxml_html.document_fromstring(
        "<body><div>Menu: x</div><td>Story title</td><p>By A: x</p><p>1</p>"
        "<p>Story title</p></body>").find("body")
    _same(body, frozenset({"Story title"}))


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_pages_match_the_old_walk(page: Path):
    tree = lxml_html.document_fromstring(page.read_bytes())
    body = tree.find("body")
    if body is not None:
        title = tree.findtext(".//title") or ""
        _same(body, frozenset({" ".join(title.split())}))
