"""The page facts read from one walk of the document find what their old XPaths found.

``page_facts`` used to run one XPath per fact ("//meta[...]/@content", "(//h1)[...]",
"//body//nav//a//text()", "//body//@class | //body//@id"), each a walk over every node of
the page. The landmarks (<title>, <meta>, <h1>, <nav>) now come from one walk by tag and
the body's class, id and role values from one XPath; these tests check the pieces against
the old expressions, on edge cases and on every saved fixture page.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors import structure_page
from extractors.structure_page import (
    _SECTION_METAS,
    _SITE_NAME_METAS,
    SECTION_RULE,
    SectionLabelRule,
    _body_marks,
    _landmarks,
    _menu_links,
    _meta_contents,
    _title_texts,
    is_label_shaped,
)

from .reference_xpaths import MENU_LINKS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

OLD_TITLES = etree.XPath(
    "//head/title//text() | //meta[@property='og:title' or @name='twitter:title' "
    "or @name='title' or @property='twitter:title']/@content | (//h1)[position() <= 3]"
)
OLD_SITE_NAMES = etree.XPath(
    "//meta[@property='og:site_name' or @name='application-name' "
    "or @name='apple-mobile-web-app-title' or @name='twitter:site']/@content"
)
OLD_SECTION_META = etree.XPath(
    "//meta[@property='article:section' or @name='article:section' or @name='section' "
    "or @property='og:section' or @name='category']/@content"
)
OLD_H1S = etree.XPath("//body//h1")
OLD_MENU_LINKS = etree.XPath(
    "//body//nav//a//text() | //body//*[@role='navigation']//a//text()", smart_strings=False)

EDGE = """<html role="navigation"><head><title>Headline | Site</title>
<meta property="og:title" content="OG headline"><meta name="title" content="">
<meta name="twitter:title"><meta property="twitter:title" name="x" content="Tw">
<meta property="og:site_name" name="application-name" content="Both names">
<meta name="twitter:site" content="@site"><meta name="category" content="Kultur">
<meta property="og:section" content="Sport"><meta property="section" content="not this">
</head>
<body role="navigation" class="rubrique"><a>body link</a><title>body title</title>
<meta name="section" content="Body meta"><h1>One</h1><div><h1>Two <h1>Three</h1></h1>
<h1>Four</h1></div><nav><a>n1 <b>bold</b></a><nav><a>nested</a></nav></nav>
<div role="navigation"><span><a>menu</a></span><nav><a>both</a></nav></div>
<div role="Navigation"><a>case differs</a></div><div role="navigation main"><a>no</a></div>
<div class="navigation"><a>class, not role</a></div>
<p role="kicker">a role holding a prefix</p><p class="kicker" id="kicker-2">k</p>
<p id="x" class="crumb"><a>c</a></p></body></html>"""


def _same(tree: lxml_html.HtmlElement) -> None:
    marks = _landmarks(tree)
    old_titles = [x.text_content() if isinstance(x, etree._Element) else str(x)
                  for x in OLD_TITLES(tree)]
    assert sorted(_title_texts(marks)) == sorted(old_titles)
    assert _meta_contents(marks.metas, _SITE_NAME_METAS) == OLD_SITE_NAMES(tree)
    assert _meta_contents(marks.metas, _SECTION_METAS) == OLD_SECTION_META(tree)
    assert list(marks.body_h1s) == OLD_H1S(tree)
    menu_links = _menu_links(marks, _body_marks(tree))
    assert set(menu_links) == set(OLD_MENU_LINKS(tree))
    assert set(menu_links) == set(MENU_LINKS(tree))


def test_edge_cases_find_the_same():
    tree = lxml_html.document_fromstring(EDGE)
    _same(tree)
    marks = _landmarks(tree)
    assert "body title" not in _title_texts(marks)
    assert set(_title_texts(marks)) >= {"Headline | Site", "OG headline", "", "Tw", "One"}
    assert "menu" in _menu_links(marks, _body_marks(tree))
    assert "body link" not in _menu_links(marks, _body_marks(tree))
    assert [e.get("class") for e in _body_marks(tree).section_boxes] == \
        ["rubrique", "kicker", "crumb"]


def test_an_element_given_for_the_page_is_read_as_its_document():
    tree = lxml_html.document_fromstring(EDGE)
    body = tree.find("body")
    assert _landmarks(body) == _landmarks(tree)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_find_the_same(page: Path):
    _same(lxml_html.document_fromstring(page.read_bytes()))


def _old_is_label_shaped(text: str, rule: SectionLabelRule) -> bool:
    words = str(text).split()
    text = " ".join(words)
    if (not text or len(text) > rule.max_chars or len(words) > rule.max_words
            or not rule.sentence_mark_set.isdisjoint(text)):
        return False
    if any(map(str.isdigit, text)):
        return False
    cjk = len(structure_page._CJK.findall(text))
    return not cjk or cjk <= rule.max_cjk_chars


def test_label_shape_is_judged_as_before():
    rules = [SECTION_RULE, SectionLabelRule(max_cjk_chars=0), SectionLabelRule(max_words=0)]
    pieces = [*"ab 中文 1².,:\u3000\t\n", "Kultur", "Vie locale", "体育新闻", "國際新聞中心報導"]
    rng = random.Random(20261127)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        for rule in rules:
            assert is_label_shaped(text, rule) == _old_is_label_shaped(text, rule), (text, rule)


def test_values_holding_finds_each_value_once_in_order():
    values = ["kicker rubric", "", "x", "crumb", "navigation", "breadcrumb-kicker", "rubkicker"]
    joined = structure_page._JOIN.join(values)
    found = structure_page._values_holding(values, joined, ("kicker", "rub", "crumb"))
    assert found == ["kicker rubric", "crumb", "breadcrumb-kicker", "rubkicker"]
    assert structure_page._values_holding(values, joined, ("nothing",)) == []
    assert structure_page._values_holding(values, joined, ("navigation",)) == ["navigation"]
