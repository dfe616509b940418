"""Faster spellings in :mod:`extractors.metalines` give what the spellings they replaced gave.

Date-like texts: ``_DATE_LIKE`` is spelled to open with a digit (re then skips to the
digits in C); it finds a match in exactly the texts the old spelling did.

Attributes: the walk reads each element's attribute names by keys() and only the values it
needs by get(), not every value by items(); the class and id values with their elements and
the menus are those the items() loop noted.

Hints: the headline hints are folded, and made by metadata's generator, only when the page
has no <h1> (the only walk that reads them); the lines are those of the eager hints.

Chrome: class and id values are cut into words by str.split() after "_" and "-" become
spaces, not by a regex split; the reference is ``_is_chrome`` as it was.

Index: the walk noted the elements of ``INDEXED_TAGS`` by reading every element's tag; they
are now found by lxml's search by tag names. The reference reads every tag as the walk did.

Marks: the walk used to test every element's attributes for a byline or source mark as it
met them; now it notes the class and id values and the unusual elements only, and
``_Marks.find_marked`` picks the marks afterwards from all the values at once. The
reference below is the old per-element test, run over ``body``'s elements in walk order, on
crafted edge cases (attribute orders, a value marking twice, ids and classes holding the
words, neighbours at one position, more bylines than kept) and on every fixture page.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.metalines import (
    _CHROME_TAGS,
    _CHROME_WORDS,
    _DATE_LIKE,
    _FOOT_WORDS,
    INDEXED_TAGS,
    _is_byline_mark,
    _is_chrome,
    _is_source_mark,
    _Marks,
    _texts,
    scan_page,
)
from extractors.titles import headline_hints

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.glob("*/*/input.html"))


def reference_marks(body: lxml_html.HtmlElement, max_bylines: int
                    ) -> tuple[list[lxml_html.HtmlElement], list[lxml_html.HtmlElement]]:
    """The per-element test as the walk ran it, on every element below ``body``."""
    bylines: list[lxml_html.HtmlElement] = []
    sources: list[lxml_html.HtmlElement] = []
    for element in body.iterdescendants(etree.Element):
        cls = id_ = itemprop = rel = None
        for name, value in element.items():
            if name == "class":
                cls = value
            elif name == "id":
                id_ = value
            elif name == "itemprop":
                itemprop = value
            elif name == "rel":
                rel = value
        if (itemprop is not None or rel is not None or id_ == "ne_article_source"
                or (cls is not None and (
                    "byline" in cls or "author" in cls or "auteur" in cls
                    or "autor" in cls or "source" in cls or "copyfrom" in cls
                    or "laiyuan" in cls))):
            if len(bylines) < max_bylines and _is_byline_mark(cls, rel, itemprop):
                bylines.append(element)
            if _is_source_mark(cls, id_, itemprop):
                sources.append(element)
    return bylines, sources


def _same(tree: lxml_html.HtmlElement, max_bylines: int = 15) -> None:
    scan = scan_page(tree, max_bylines=max_bylines)
    if scan.body is None:
        assert scan.bylines is None and scan.sources is None
        return
    bylines, sources = reference_marks(scan.body, max_bylines)
    assert list(scan.bylines) == bylines
    assert list(scan.sources) == sources


CRAFTED = [
    # the body's own marks are no marks; its class comes first among the values
    '<body class="author source" id="ne_article_source" itemprop="author" rel="author">'
    '<p class="byline">a</p></body>',
    # attribute orders, and one element marked by several attributes and words
    '<p rel="author" class="x">1</p><p class="author-source" rel="author" itemprop="author"'
    ' id="ne_article_source">2</p><p id="ne_article_source" class="copyfrom">3</p>',
    '<p itemprop="sourceOrganization" id="x" class="y">4</p><p id="a" itemprop="coauthor">5</p>',
    # unusual elements with no class or id, next to marked values before and after them
    '<p class="byline">6</p><a rel="nofollow">7</a><b itemprop="name">8</b>'
    '<i class="source">9</i><a rel="author">10</a><span id="x" class="autor">11</span>',
    # words in ids only mark nothing (the test is on the class); upper case is no match
    '<p id="author">12</p><p id="source" class="Source AUTHOR">13</p>'
    '<p id="laiyuan" class="z">14</p><p class="bylines laiyuanx">15</p>',
    # nested marks, and words split over two values of one element
    '<div class="auteur"><div class="auth" id="or"><span class="x-source-y">16</span>'
    '</div></div><em class="sou" id="rce">17</em>',
    # a word at the very start and end of the joined values
    '<p class="sourcefirst">18</p><p class="x">19</p><p class="lastbyline">20</p>',
]


@pytest.mark.parametrize("fragment", CRAFTED)
def test_crafted_pages_mark_the_same(fragment: str):
    page = fragment if fragment.startswith("<body") else f"<body>{fragment}</body>"
    _same(lxml_html.document_fromstring(f"<html><head></head>{page}</html>"))


def test_only_the_first_bylines_are_kept():
    page = "".join(f'<p class="byline" rel="author">{i}</p><p rel="x">s</p>'
                   f'<p class="source">{i}</p>' for i in range(20))
    tree = lxml_html.document_fromstring(f"<html><body>{page}</body></html>")
    for most in (0, 1, 15, 40):
        _same(tree, most)


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_pages_mark_the_same(page: Path):
    _same(lxml_html.document_fromstring(page.read_bytes()))


def reference_index(body: lxml_html.HtmlElement) -> dict[str, list[lxml_html.HtmlElement]]:
    """Every element's tag read in walk order, as the walk did."""
    indexed: dict[str, list[lxml_html.HtmlElement]] = {tag: [] for tag in INDEXED_TAGS}
    for element in body.iterdescendants(etree.Element):
        if element.tag in indexed:
            indexed[element.tag].append(element)
    return indexed


def _same_index(body: lxml_html.HtmlElement) -> None:
    marks = _Marks(15)
    for _ in _texts(body, frozenset(), marks):
        pass
    assert marks.indexed == reference_index(body)


def test_the_index_holds_what_reading_every_tag_found():
    tree = lxml_html.document_fromstring(
        "<html><body><h1>a</h1><svg><title>icon</title></svg><nav><h1>b</h1></nav>"
        "<meta name='x' content='y'><script>1</script><!-- <h1>c</h1> -->"
        "<time>t</time><link rel='x'><x:h1 xmlns:x='urn:x'>d</x:h1><H1>e</H1></body></html>")
    body = tree.find("body")
    # elements whose tags only look like indexed ones: namespaced, or with a prefix
    etree.SubElement(body, "{urn:x}h1").text = "f"
    etree.SubElement(body, "{urn:x}meta")
    etree.SubElement(body, "x:nav")
    _same_index(body)
    assert len(marks_h1 := reference_index(body)["h1"]) == 3 and marks_h1[0].text == "a"


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_pages_index_the_same(page: Path):
    body = lxml_html.document_fromstring(page.read_bytes()).find("body")
    if body is not None:
        _same_index(body)


OLD_DATE_LIKE = re.compile(r"(?:19|20)\d\d|\d{1,2}[./-]\d{1,2}[./-]")
DATE_TEXTS = [
    "", "1", "19", "199", "1999", "2020", "2120", "1920x", "x19999", "12/06/", "1/6/", "1/6",
    "123/45/", "1-2.", "1.2-", "4.5.2023", "06.04.", "٣/٤/", "١٩٩٩", "19٩٩", "２０２３", "3 / 4 /",
    "Page 1 of 20", "10:30", "v2.0.1", "ISBN 978-3-16-148410-0", "ab19cd", "120", "2019",
]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_date_like_finds_what_the_old_spelling_found(text: str):
    assert (_DATE_LIKE.search(text) is None) == (OLD_DATE_LIKE.search(text) is None)


def test_random_texts_are_date_like_as_before():
    rng = random.Random(3)
    alphabet = "0123456789./-: 19 20 a٣٤１２"
    for _ in range(50000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert (_DATE_LIKE.search(text) is None) == (OLD_DATE_LIKE.search(text) is None), text


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_texts_are_date_like_as_before(page: Path):
    tree = lxml_html.document_fromstring(page.read_bytes())
    for text in tree.itertext():
        assert (_DATE_LIKE.search(text) is None) == (OLD_DATE_LIKE.search(text) is None), text


_OLD_NAME_TOKENS = re.compile(r"[\s_\-]+")


def reference_is_chrome(element: lxml_html.HtmlElement, tag: str, in_article: bool) -> bool:
    if tag in _CHROME_TAGS and not (in_article and tag in ("header", "footer")) and not (
            tag == "header" and element.find(".//h1") is not None):
        return True
    cls, id_ = element.get("class"), element.get("id")
    if not cls and not id_:
        return False
    names = f"{cls or ''} {id_ or ''}".lower()
    if not names.strip():
        return False
    words = set(_OLD_NAME_TOKENS.split(names)) & _CHROME_WORDS
    return bool(words) and not (in_article and words <= _FOOT_WORDS)


def _same_chrome(element: lxml_html.HtmlElement) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    for in_article in (False, True):
        assert _is_chrome(element, tag, in_article) == reference_is_chrome(
            element, tag, in_article), (element.get("class"), element.get("id"))


CHROME_NAMES = [
    "footer", "site-footer", "Site_Footer", "-footer-", "__nav__", "nav\u00a0bar", "nav\u2003x",
    "nav\u3000menu", "related\tposts", "com ments", "comments", "foot", "foot sidebar", "x y",
    "", " ", "\u00a0", "_-_", "navigation-main", "NAVBAR", "ads", "adsense", "cookie_banner",
    "promo\u200bbox", "share\tbar", "hot\x85list", "hot\u2028", "İnav", "breadcrumbs",
]


def test_crafted_names_are_chrome_as_before():
    body = lxml_html.document_fromstring("<html><body></body></html>").find("body")
    for cls in CHROME_NAMES:
        for id_ in (None, "", "footer", "main-nav", "story"):
            element = etree.SubElement(body, "div", {"class": cls})
            if id_ is not None:
                element.set("id", id_)
            _same_chrome(element)
    for tag in ("footer", "header", "nav", "aside", "form", "menu", "div"):
        _same_chrome(etree.SubElement(body, tag))


def test_str_split_ends_words_where_the_regex_did():
    # every character: a separator to the regex exactly when str.split() (or "_"/"-") cuts
    differ = [cp for cp in range(sys.maxunicode + 1)
              if bool(_OLD_NAME_TOKENS.fullmatch(chr(cp)))
              != (len(f"a{chr(cp)}b".replace("_", " ").replace("-", " ").split()) == 2)]
    assert differ == []


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_elements_are_chrome_as_before(page: Path):
    for element in lxml_html.document_fromstring(page.read_bytes()).iter(etree.Element):
        _same_chrome(element)


def reference_notes(body: lxml_html.HtmlElement) -> tuple[list, list, list]:
    """Class and id values, their elements and the menus, as the items() loop noted them."""
    names, owners, menus = [], [], []
    for value in (body.get("class"), body.get("id")):
        if value is not None:
            names.append(value)
            owners.append(body)
    for element in body.iterdescendants(etree.Element):
        for name, value in element.items():
            if name in ("class", "id"):
                names.append(value)
                owners.append(element)
            elif name == "role" and value == "navigation":
                menus.append(element)
    return names, owners, menus


def _same_notes(tree: lxml_html.HtmlElement) -> None:
    scan = scan_page(tree)
    if scan.body is not None:
        names, owners, menus = reference_notes(scan.body)
        assert list(scan.names) == names
        assert list(scan.owners) == owners
        assert list(scan.menus) == menus


def test_attributes_are_noted_as_items_gave_them():
    tree = lxml_html.document_fromstring(
        "<html><body class='b' id='bi'><p id='i1' class='c1'>x</p><p class='c2' id='i2'>y</p>"
        "<div role='navigation' class=''><a role='Navigation' id=''>z</a></div>"
        "<nav role='navigation main'></nav><span data-class='no' xml:lang='en'>w</span>"
        "<svg class='icon'><path d='M0 0L10 10' class='p'/></svg></body></html>")
    body = tree.find("body")
    odd = etree.SubElement(body, "div", {"{urn:x}class": "namespaced", "class": "plain"})
    odd.set("{urn:x}id", "nsid")
    odd.set("{urn:x}role", "navigation")
    _same_notes(tree)
    assert scan_page(tree).names[:4] == ("b", "bi", "i1", "c1")


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_attributes_are_noted_as_items_gave_them(page: Path):
    _same_notes(lxml_html.document_fromstring(page.read_bytes()))


def _hints_of(title: str, made: list[str] | None = None):
    """Like metadata's generator of hints; notes in ``made`` when it was run."""
    if made is not None:
        made.append(title)
    yield from headline_hints(title)


HINT_PAGES = [
    "<body><div>Menu: x</div><td>Story title</td><p>By A: x</p><p>1</p><p>June 4, 2023</p>"
    "</body>",
    "<body><h1>Story title</h1><p>By A: x</p><p>June 4, 2023</p></body>",
    "<body><p>Site | Story title</p><p>Published: 2023-06-04</p><p>x</p></body>",
]


@pytest.mark.parametrize("page", HINT_PAGES)
def test_hints_are_made_only_without_a_headline(page: str):
    tree = lxml_html.document_fromstring(f"<html>{page}</html>")
    title = "Story title | Site"
    made: list[str] = []
    lazy = scan_page(tree, _hints_of(title, made))
    assert bool(made) == (tree.find("body").find(".//h1") is None)
    assert lazy.lines == scan_page(tree, headline_hints(title)).lines


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_lines_with_lazy_hints_are_the_eager_ones(page: Path):
    tree = lxml_html.document_fromstring(page.read_bytes())
    title = tree.findtext(".//title") or ""
    assert scan_page(tree, _hints_of(title)).lines == scan_page(tree, headline_hints(title)).lines
