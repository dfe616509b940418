"""The faster metadata searches find exactly what the slower ones they replaced found.

The element searches walk attributes (``//@class[...]/..``) over the whole page and keep
what lies inside ``<body>``; the reference here is the element-predicate XPath they replaced
(``//body//*[...]``), run on crafted edge cases and on every saved fixture page. The walk
for meta lines (:func:`extractors.metalines.scan_page`) finds the same marked elements
on the way; trees it cannot vouch for get ``None`` (the caller searches then).
"""

from __future__ import annotations

import sys
from copy import deepcopy
from itertools import islice
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.authors import clean_authors
from extractors.jsonld import _is_ld_json
from extractors.metadata import (
    _AUTHOR_ELEMENTS,
    _SOURCE_CANDIDATES,
    _WRAPPER_DEPTH,
    _author_elements,
    _in_body,
    _title_tag,
    extract_page_metadata,
)
from extractors.metafields import _NAME_CHAR, META_FIELDS
from extractors.metalines import in_page_chrome, scan_page
from extractors.page_dates import _timed
from extractors.titles import _folded, _folded_with_origin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.glob("*/*/input.html"))

OLD_AUTHOR_ELEMENTS = (
    "//body//*[@rel='author' or contains(@itemprop, 'author')"
    " or contains(@class, 'byline') or contains(@class, 'author')"
    " or contains(@class, 'auteur') or contains(@class, 'autor')]"
)
OLD_SOURCE_CANDIDATES = (
    "//body//*[contains(@class, 'source') or contains(@class, 'copyfrom')"
    " or contains(@class, 'laiyuan') or @id = 'ne_article_source'"
    " or @itemprop = 'sourceOrganization']"
)

_LDJSON_LOWER = str.maketrans("LDJSON", "ldjson")  # the XPath's translate(), as it was read
OLD_JSONLD_SCRIPTS = '//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'

EDGE_CASES = """<html class="author source"><head>
<meta itemprop="author" content="Head Meta"><link rel="author" href="/me">
<script class="copyfrom-x"></script><meta itemprop="sourceOrganization" content="X">
<title class="byline">t</title></head>
<body class="single-author has-source" id="ne_article_source" itemprop="sourceOrganization">
<div class="byline author" rel="author" itemprop="author">
  <span class="author-name">Jane Roe</span><a rel="author">John Doe</a></div>
<p class="Source">Upper case is not matched</p>
<p class="article-source">Source: Agency</p><p id="ne_article_source">NetEase</p>
<span class="laiyuan">来源</span><em class="auteur">Marie</em><em class="autor">Hans</em>
<div itemprop="sourceOrganization"><b itemprop="name">Org</b></div>
<div class="x"><div class="y"><i class="news_copyfrom">deep</i></div></div>
<p class="bylines">b</p><p rel="authority">no</p><p itemprop="coauthor">co</p>
<h1>One</h1><time datetime="2023-01-02">x</time><time>y</time><link rel="canonical" href="/c">
<script type="Application/LD+JSON">{}</script><script type="text/javascript"></script>
</body></html>"""


def _same(tree: lxml_html.HtmlElement) -> None:
    assert list(_in_body(_AUTHOR_ELEMENTS(tree))) == tree.xpath(OLD_AUTHOR_ELEMENTS)
    assert list(_in_body(_SOURCE_CANDIDATES(tree))) == tree.xpath(OLD_SOURCE_CANDIDATES)
    scan = scan_page(tree, max_bylines=15)
    if scan.bylines is not None or scan.sources is not None:
        assert list(scan.bylines or ()) == tree.xpath(OLD_AUTHOR_ELEMENTS)[:15]
        assert list(scan.sources or ()) == tree.xpath(OLD_SOURCE_CANDIDATES)
        assert list(scan.headlines) == tree.xpath("//body//h1")
    # the walk's element index stands for the XPath searches of jsonld, page_dates, page_site
    for tag in ("script", "link", "time"):
        assert list(scan.elements(tree, tag)) == tree.xpath(f"//{tag}")
    scripts = [s for s in scan.elements(tree, "script")
               if "ld+json" in (s.get("type") or "").translate(_LDJSON_LOWER)]
    assert scripts == tree.xpath(OLD_JSONLD_SCRIPTS)
    assert [s for s in scan.elements(tree, "script") if _is_ld_json(s.get("type"))] == scripts
    assert _timed(scan.elements(tree, "time")) == tree.xpath("//time[@datetime]")[:20]


def test_edge_cases_match_the_old_search():
    tree = lxml_html.document_fromstring(EDGE_CASES)
    _same(tree)
    assert scan_page(tree).bylines is not None  # the walk's answer is checked too
    # and the edge cases do exercise both sides of the <body> boundary
    assert len(_AUTHOR_ELEMENTS(tree)) > len(tree.xpath(OLD_AUTHOR_ELEMENTS)) > 5
    assert len(_SOURCE_CANDIDATES(tree)) > len(tree.xpath(OLD_SOURCE_CANDIDATES)) >= 5


def test_no_body_finds_nothing():
    # a copy of a fragment is a document of its own, rooted at the <div>: no <body>
    tree = deepcopy(lxml_html.fromstring("<div class='author'><p class='source'>x</p></div>"))
    assert tree.getroottree().getroot().tag == "div"
    assert _AUTHOR_ELEMENTS(tree) and _SOURCE_CANDIDATES(tree)
    assert tree.xpath(OLD_AUTHOR_ELEMENTS) == tree.xpath(OLD_SOURCE_CANDIDATES) == []
    _same(tree)


def test_fixture_pages_exist():
    assert len(FIXTURE_PAGES) >= 20


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_pages_match_the_old_search(page: Path):
    _same(lxml_html.document_fromstring(page.read_bytes()))


def test_scan_vouches_only_for_plain_pages():
    page = lxml_html.document_fromstring("<p class='author'>A</p><p class='source'>S</p>")
    scan = scan_page(page)
    assert [e.text for e in scan.bylines] == ["A"] and [e.text for e in scan.sources] == ["S"]
    # a fragment's element sits in a document of its own making: searching that reaches out
    fragment = lxml_html.fromstring("<div><p class='author'>A</p><body><p>x</p></body></div>")
    assert scan_page(fragment).bylines is None
    # a second <body> (not one libxml2 builds) may hold marked elements the walk never sees
    twice = deepcopy(page)
    extra = lxml_html.Element("body")
    extra.append(lxml_html.fromstring("<p class='author'>B</p>"))
    twice.append(extra)
    assert scan_page(twice).bylines is None
    _same(twice)


def test_at_most_max_bylines_are_kept():
    page = lxml_html.document_fromstring("".join(f"<p class='byline'>{i}</p>" for i in range(20)))
    assert [e.text for e in scan_page(page, max_bylines=15).bylines] == [str(i) for i in range(15)]


def test_og_title_in_body_still_marks_the_headline():
    # og:title is read from <head> before the scan; a <meta> in <body> sets it too, and the
    # scan is redone with it: the date right under the headline text counts as a dateline
    page = lxml_html.document_fromstring(
        "<html><head><title>Daily Site</title></head><body>"
        "<meta property='og:title' content='Big Story Today'><div>Menu</div>"
        "<td>Big Story Today</td><p>June 4, 2023</p><p>Some words of the story.</p>"
        "</body></html>")
    meta = extract_page_metadata(page, None)
    assert meta.published_at == "2023-06-04"
    assert dict(meta.provenance)["published_at"] == "visible"


@pytest.mark.parametrize("text", [
    "Story - NBC News", "FOXBusiness | Fox Business", "Straße – Süddeutsche Zeitung",
    "İstanbul haberleri", "ΣΟΦΊΑ Σ ς", "新闻速递_新华社", "ﬁnance ﬂow", "a_b-c  d", "", "!!",
])
def test_folded_is_the_folded_half_of_folded_with_origin(text: str):
    assert _folded(text) == _folded_with_origin(text)[0]


@pytest.mark.parametrize("page", [
    "<html><head><title>A</title><title>B</title></head><body></body></html>",
    "<html><head></head><body><title>In body</title></body></html>",
    "<html><head><meta name='x' content='y'></head><body><svg><title>Icon</title></svg></body>"
    "</html>",
])
def test_title_tag_is_what_find_head_title_finds(page: str):
    tree = lxml_html.document_fromstring(page)
    first = tree.find("head/title")
    if first is None:
        first = next((t for t in tree.iter("title") if not t.xpath("ancestor::svg")), None)
    assert _title_tag(tree) == (first.text_content() if first is not None else None)


@pytest.mark.parametrize("line", [
    "views 2,310 | editor: jane doe", "编辑：王明 阅读 2310", "Editor: Jane Doe", "by ana ruiz",
    "Autor: Élodie Durand", "責編：李娜", "written by: 2023", "fotografía: josé pérez",
])
def test_a_person_needs_a_name_character(line: str):
    # _take_labelled skips the person pattern when no name can start in the line
    if _NAME_CHAR.search(line) is None:
        assert META_FIELDS.person.search(line) is None


LD_JSON_TYPES = [
    None, "", "application/ld+json", "Application/LD+JSON", "APPLICATION/LD+JSON; charset=utf-8",
    "ld+json", "LD+JSON", "ld+jsonx", "ld-json", "ld json", "ld+jso", "xld+json", "l d+json",
    "İld+json", "ld+jsİon", "Kld+json", "ld+ǰson", "ſld+json", "ld+jſon", "LD+ＪＳＯＮ",
    "text/javascript", "application/json", "ĿD+JSON", "ldİ+json",
]


@pytest.mark.parametrize("script_type", LD_JSON_TYPES)
def test_ld_json_types_are_what_translate_finds(script_type: str | None):
    old = "ld+json" in (script_type or "").translate(_LDJSON_LOWER)
    assert _is_ld_json(script_type) == old


def test_no_other_character_lowers_into_ld_json():
    # _is_ld_json's lower() equals translate(): only "LDJSON" lower into those letters
    others = [chr(cp) for cp in range(sys.maxunicode + 1)
              if chr(cp) not in "ldjsonLDJSON+" and any(x in chr(cp).lower() for x in "ldjson+")]
    assert others == []


_OLD_ITEMPROP_NAME = etree.XPath(".//*[@itemprop='name']")


def _old_element_text(element: lxml_html.HtmlElement) -> str:
    named = _OLD_ITEMPROP_NAME(element)
    text = " ".join(" ".join((named[0] if named else element).itertext()).split())
    return text if len(text) <= 120 else ""


def reference_author_elements(tree: lxml_html.HtmlElement, names: tuple[str, ...]
                              ) -> tuple[str, ...]:
    """_author_elements as it was: every innermost element's chrome test first, and the
    name element found by XPath."""
    scan = scan_page(tree, max_bylines=15)
    marked = scan.bylines
    if marked is None:
        marked = tuple(islice(_in_body(_AUTHOR_ELEMENTS(tree)), 15))
    found = [e for e in marked if e.tag not in ("meta", "link", "script", "style", "img")]
    wrappers = set()
    members = set(found)
    for element in found:
        for depth, ancestor in enumerate(element.iterancestors()):
            if depth >= _WRAPPER_DEPTH:
                break
            if ancestor in members:
                wrappers.add(ancestor)
    regions: dict = {}
    innermost = [e for e in found if e not in wrappers and not in_page_chrome(e, regions)]
    for first in innermost:
        if not clean_authors([_old_element_text(first)], exclude=names):
            continue
        parent = first.getparent()
        return tuple(_old_element_text(e) for e in innermost if e.getparent() is parent)[:5]
    return ()


AUTHOR_PAGES = [
    # chrome bylines before the article's, siblings in and out of chrome, more than five
    "<body><footer><p class='author'>Jane Roe</p></footer><div>"
    + "".join(f"<span class='author'>Writer {n}</span>" for n in "ABCDEFG")
    + "<aside class='author'>Side Bar</aside></div></body>",
    # a name element inside the byline, nested names, a comment before it
    "<body><div class='byline'><!-- x --><b>By</b> <a itemprop='author'>"
    "<span itemprop='name'>Ana Ruiz</span><i itemprop='name'>Other</i></a></div></body>",
    "<body><div class='byline'><span itemprop='names'>Not Her</span>Ana Ruiz</div>"
    "<nav><p class='byline'>Menu Man</p></nav><p class='byline'>John Doe</p></body>",
    "<body><div class='author'><div class='author'><p class='author'>lower case</p></div>"
    "</div><section class='comments'><p class='author'>Commenter Name</p></section></body>",
]


@pytest.mark.parametrize("page", AUTHOR_PAGES)
def test_author_elements_are_the_old_ones(page: str):
    tree = lxml_html.document_fromstring(f"<html>{page}</html>")
    for names in ((), ("Writer A",)):
        scan = scan_page(tree, max_bylines=15)
        assert _author_elements(tree, scan, names) == reference_author_elements(tree, names)


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_author_elements_are_the_old_ones(page: Path):
    tree = lxml_html.document_fromstring(page.read_bytes())
    scan = scan_page(tree, max_bylines=15)
    assert _author_elements(tree, scan, ()) == reference_author_elements(tree, ())
