"""Page facts read from the metadata's walk (``metalines.scan_page``) are the ones read from
the page itself.

``page_facts`` found its landmarks by its own walk by tag and the body's class, id and role
values by an XPath over every attribute of the page. The metadata's walk over <body> runs
earlier on the same tree and now notes them as it goes; these tests check that the noted
landmarks, section boxes and menus, and so the facts, equal the page's own, on edge cases
and on every saved fixture page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.metalines import scan_page
from extractors.structure_page import (
    _body_marks,
    _landmarks,
    _scanned_body_marks,
    _scanned_landmarks,
    page_facts,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
URL = "https://www.example-news.com/vie-locale/sport/story.html"

EDGE = """<html role="navigation"><head><title>Headline | Site</title>
<meta property="og:title" content="OG headline"><meta name="title" content="">
<meta name="twitter:title"><meta property="twitter:title" name="x" content="Tw">
<meta property="og:site_name" name="application-name" content="Both names">
<meta name="twitter:site" content="@site"><meta name="category" content="Kultur">
<meta property="og:section" content="Sport"><meta property="section" content="not this">
</head>
<body role="navigation" class="rubrique" id="kicker-body"><a>body link</a>
<title>body title</title><!-- a comment --><h1 class="kicker">Headline</h1>
<meta name="section" content="Body meta"><h1>One</h1><div><h1>Two <h1>Three</h1></h1>
<h1>Four</h1></div><nav><a>n1 <b>bold</b></a><nav><a>nested</a></nav></nav>
<div role="navigation"><span><a>menu</a></span><nav><a>both</a></nav></div>
<div role="Navigation"><a>case differs</a></div><div role="navigation main"><a>no</a></div>
<div class="navigation"><a>class, not role</a></div>
<p role="kicker">a role holding a prefix</p><p class="kicker" id="kicker-2">k</p>
<p id="x" class="crumb"><a>c</a></p><p id="rubric-only">Kultur</p>
<div class="breadcrumb" role="navigation"><a>Home</a> <a>Vie locale</a></div></body></html>"""


def _same(tree: lxml_html.HtmlElement) -> None:
    scan = scan_page(tree)
    if scan.body is None:
        return  # no notes: page_facts reads the page itself
    assert _scanned_landmarks(tree, scan) == _landmarks(tree)
    assert _scanned_body_marks(scan) == _body_marks(tree)
    assert page_facts(tree, URL, scan) == page_facts(tree, URL)


def test_edge_cases_find_the_same():
    tree = lxml_html.document_fromstring(EDGE)
    _same(tree)
    boxes = _scanned_body_marks(scan_page(tree)).section_boxes
    assert [e.tag for e in boxes][:2] == ["body", "h1"]  # the body's own class counts
    assert len(_scanned_body_marks(scan_page(tree)).menus) == 2


def test_a_page_the_walk_cannot_note_falls_back_to_the_page():
    tree = lxml_html.document_fromstring(EDGE)
    stray = etree.SubElement(tree.find("head"), "body")  # a second <body>, in <head>
    etree.SubElement(etree.SubElement(stray, "nav", {"class": "kicker"}), "a").text = "x"
    scan = scan_page(tree)
    assert scan.body is None
    assert page_facts(tree, URL, scan) == page_facts(tree, URL)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_find_the_same(page: Path):
    _same(lxml_html.document_fromstring(page.read_bytes()))
