"""Faster spellings in ``clean_dom`` select and decide exactly what the old ones did.

The old XPaths and helpers are kept here as references; each new one is checked against
its reference on edge cases and on every saved fixture page.
"""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors import clean_dom as cd
from extractors.lexicon import fold_line

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.glob("*/*/input.html"))

OLD = {
    "_ALL_TEXT": etree.XPath("//body//text()", smart_strings=False),
    "_LINK_ROWS": etree.XPath(
        "//body//a[count(following-sibling::a) >= 2][not(preceding-sibling::a)]/.."),
    "_body_links": etree.XPath("//body//a"),
    "_empty_slots": etree.XPath(
        "//body//div[not(node())] | //body//ins[not(normalize-space())] | //body//iframe"),
    "_BUTTON_BOXES": etree.XPath(
        "//body//*[button or input[@type = 'button' or @type = 'submit']]"
        "[string-length(normalize-space(.)) <= $max_chars]"),
    "_ONE_LINK_PARAGRAPHS": etree.XPath(
        "//body//p[count(.//a) = 1][string-length(normalize-space(.)) <= $max_chars]"),
    "_double_breaks": etree.XPath(
        "//body//br[following-sibling::node()[not(self::text()[normalize-space() = ''])][1]"
        "[self::br]][not(ancestor::*[self::p or self::li or self::dd or self::dt or self::pre "
        "or self::code or self::a or self::h1 or self::h2 or self::h3 or self::h4 or self::h5 "
        "or self::h6 or self::blockquote or self::button or self::label])]"),
    "_QUOTED_PARAGRAPHS_IN_CELLS": etree.XPath(
        "//body//td//blockquote[p] | //body//th//blockquote[p]"),
}
RELATIVE = {  # ".//x" spellings, evaluated on every element
    "_LINK_TEXT": etree.XPath(".//a//text()", smart_strings=False),
    "_LINK_COUNT": etree.XPath("count(.//a)"),
    "_NON_LINK_TEXT": etree.XPath(
        ".//text()[not(ancestor::a)][not(parent::script or parent::style or parent::noscript)]",
        smart_strings=False),
    "_LINKS_IN": etree.XPath(".//a"),
}
VARIABLES = {"_BUTTON_BOXES": ({"max_chars": 700}, {"max_chars": 20}),
             "_ONE_LINK_PARAGRAPHS": ({"max_chars": 204}, {"max_chars": 15})}

EDGE = """<html><head><title>t</title><button>in head</button></head><body>
<button>Accept</button><input type="submit" value="x">
<div id="consent">We use cookies <button>OK</button><span><input type="button"></span></div>
<form><input type="text"><input type="submit"></form>
<div></div><div> </div><ins> </ins><ins>ad</ins><iframe src="x"></iframe>
<div><div></div>Anzeige</div>
<p>Related news</p><ul><li><a href="/1">One story about the town council</a></li>
<li><a href="/2">Two stories about the river bridge</a></li><li><a href="/3">Three</a></li></ul>
<div><b>Hot</b> news<a href="/x">Some link text here</a>tail text<a href="/y">y</a></div>
<nav><a>Home</a> | <a>World</a> | <a>Sport</a></nav>
<p>Read more: <a href="/z">The mayor opens the new library downtown</a></p>
<p><a>one</a> and <a>two</a></p>
<div>line one<br><br>line two<br> <br><p>para<br><br>x</p></div>
<table><tr><td><blockquote><p>a</p><p>b</p></blockquote></td>
<th><div><blockquote><p>c</p></blockquote></div></th></tr></table>
<div class="col"><span>Most read</span><div><div><div><div><a>Deep headline about the
election results today</a></div></div></div></div><a>Another headline about the
weather tomorrow</a><a>A third headline about the local team</a>
<a>Sport</a><span>06-04</span></div>
<p>Text with\u00a0non-breaking\u2003spaces and a long run of words that goes on and on and
on past one hundred characters for sure, it really does.</p>
</body></html>"""


def _tree(page: Path) -> lxml_html.HtmlElement:
    tree = lxml_html.document_fromstring(page.read_bytes())
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return tree


def _edge_tree() -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(EDGE)


def _identity(nodes: list) -> list:
    return [(n.getparent(), n.is_tail, str(n)) if isinstance(n, str) else n for n in nodes]


def _same_xpaths(tree: lxml_html.HtmlElement) -> None:
    for name, old in OLD.items():
        new = getattr(cd, name)
        for variables in VARIABLES.get(name, ({},)):
            assert new(tree, **variables) == old(tree, **variables), name
    for element in tree.iter(etree.Element):
        for name, old in RELATIVE.items():
            assert getattr(cd, name)(element) == old(element), name


# --- references: the helpers as they were -------------------------------------------------

_WS = re.compile(r"\s+")


def old_stats(element, label="", max_chars=10**9):
    chars = int(cd._TEXT_CHARS(element)) - len(label)
    if chars > max_chars:
        return cd._LinkStats(chars, 0, 0, chars)
    links = int(cd._LINK_COUNT(element))
    if not links:
        return cd._LinkStats(chars, 0, 0, chars)
    link_chars = len(_WS.sub(" ", " ".join(cd._LINK_TEXT(element))).strip())
    folded_label = fold_line(label)
    longest = 0
    for text in cd._NON_LINK_TEXT(element):
        run = _WS.sub(" ", text).strip()
        if len(run) > longest and not (label and fold_line(run) == folded_label):
            longest = len(run)
    return cd._LinkStats(max(chars, 0), link_chars, links, longest)


def old_preview(element):
    return _WS.sub(" ", " ".join(element.itertext())).strip()[:cd._REMOVED_PREVIEW]


def old_text_nodes_equal_to(tree, texts):
    condition = " or ".join(f". = $t{n}" for n in range(len(texts)))
    values = {f"t{n}": text for n, text in enumerate(texts)}
    return tree.xpath(f"//body//text()[{condition}]", **values)


def old_link_columns(tree, rule):
    """The elements the link-column rule chose, before any was removed."""
    counts = {}
    for link in OLD["_body_links"](tree):
        node = link
        for _ in range(rule.climb):
            node = node.getparent()
            if node is None or node.tag in cd._ROOT_TAGS:
                break
            counts[node] = counts.get(node, 0) + 1
    anchors = {}
    return [element for element, count in counts.items()
            if rule.min_links <= count <= rule.max_links
            and old_is_link_column(element, rule, anchors)]


def old_is_link_column(element, rule, anchors):
    if not isinstance(element.tag, str) or element.tag in ("a", "p"):
        return False
    read = []
    for link in cd._LINKS_IN(element):
        if link not in anchors:
            text = _WS.sub(" ", link.text_content()).strip()
            anchors[link] = (text, cd._reads_like_headline(text))
        read.append(anchors[link])
    headlines = sum(1 for _, headline in read if headline)
    if headlines < rule.min_links or headlines < rule.min_headline_share * len(read):
        return False
    links = [text for text, _ in read]
    if not all(0 < len(text) <= rule.max_link_chars for text in links):
        return False
    if int(cd._TEXT_CHARS(element)) > rule.max_box_chars:
        return False
    runs = [run for text in cd._NON_LINK_TEXT(element) if (run := _WS.sub(" ", text).strip())]
    if runs and len(runs[0]) > rule.max_text_run:
        whole = _WS.sub(" ", element.text_content()).strip()
        if len(runs[0]) > rule.max_label_chars or not whole.startswith(runs[0]):
            return False
        runs = runs[1:]
    if any(len(run) > rule.max_text_run for run in runs):
        return False
    link_chars = sum(len(text) for text in links)
    wordy = sum(len(run) for run in runs if cd._LETTER.search(run))
    if link_chars < rule.min_link_density * (link_chars + wordy):
        return False
    return not cd.is_introduced(element)


def new_link_columns(tree, rule):
    anchors = {}
    counts, headlines = cd._count_links(tree, rule.climb, anchors)
    return [element for element, count in counts.items()
            if rule.min_links <= count <= rule.max_links
            and cd._is_link_column(element, rule, anchors, count, headlines.get(element, 0))]


# --- the checks ----------------------------------------------------------------------------

LINK_BOX_PARAMETERS = [(2, 0.6, 100, 6000), (3, 0.9, 12, 10**9), (1, 0.0, 0, 50), (0, 0.5, 5, 0),
                       (2, 0.6, -1, 6000)]


def _same_link_boxes(tree: lxml_html.HtmlElement) -> None:
    for element in tree.iter():
        short = [t.strip() for t in element.itertext() if 0 < len(t.strip()) <= 48]
        for label in ("", *short[:1]):
            for min_links, density, max_run, max_chars in LINK_BOX_PARAMETERS:
                old = old_stats(element, label, max_chars).is_link_box(
                    min_links, density, max_run, max_chars)
                assert cd._is_link_box(element, min_links, density, max_run, max_chars,
                                       label) == old


def _same_label_nodes(tree: lxml_html.HtmlElement) -> None:
    texts = sorted({t for t in OLD["_ALL_TEXT"](tree) if t.strip() and len(t) <= 192})
    for chosen in (texts[:1], texts[::7], texts):
        if chosen:
            assert _identity(cd._text_nodes_equal_to(tree, chosen)) == _identity(
                old_text_nodes_equal_to(tree, chosen))


def _same_columns(tree: lxml_html.HtmlElement) -> None:
    rule = cd.DEFAULT_STRUCTURE_RULES.link_column
    for variant in (rule, cd.LinkColumnRule(min_links=2, min_headline_share=0.3, climb=2)):
        assert new_link_columns(tree, variant) == old_link_columns(tree, variant)


def _same_text(tree: lxml_html.HtmlElement) -> None:
    for element in tree.iter(etree.Element):
        assert cd._own_text(element) == element.text_content()
        assert cd._preview(element) == old_preview(element)


def _same_attached(tree: lxml_html.HtmlElement) -> None:
    elements = list(tree.iter(etree.Element))
    for element in elements[len(elements) // 2::5]:
        if element.getparent() is not None and element.tag not in ("html", "body"):
            cd._drop(element)
    for element in elements:
        assert cd._attached(element) == any(a.tag == "body" for a in element.iterancestors())


CHECKS = [_same_xpaths, _same_link_boxes, _same_label_nodes, _same_columns, _same_text,
          _same_attached]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_edge_cases_decide_the_same(check):
    check(_edge_tree())


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_decide_the_same(page: Path):
    tree = _tree(page)
    for check in CHECKS:
        check(copy.deepcopy(tree))


def test_edge_page_exercises_the_rules():
    tree = _edge_tree()
    assert len(cd._BUTTON_BOXES(tree, max_chars=700)) == 3  # body's own button: not a box
    assert len(new_link_columns(tree, cd.DEFAULT_STRUCTURE_RULES.link_column)) >= 1
    assert cd._text_nodes_equal_to(tree, ["Related news", " news"])


@pytest.mark.parametrize("seed", range(40))
def test_previews_of_long_spaced_text_are_cut_the_same(seed):
    """Pieces of text and whitespace around the cut: the same preview."""
    rng = random.Random(seed)
    pieces = ["", " ", "  ", "\n\t ", "\u00a0", "word", "x" * 50, " lead", "trail ", "\u3000"]
    parts = []
    for _ in range(rng.randrange(1, 60)):
        text = "".join(rng.choice(pieces) for _piece in range(rng.randrange(0, 6)))
        parts.append(f"<span>{text}</span>{rng.choice(pieces)}")
    root = lxml_html.fragment_fromstring(f"<div>{''.join(parts)}</div>")
    assert cd._preview(root) == old_preview(root)


def test_previews_of_split_and_empty_text_nodes_are_the_same():
    """A stripped comment leaves two text nodes side by side (itertext joins them); lxml
    may hold an empty text node: the preview reads them as itertext does."""
    tree = lxml_html.document_fromstring(
        "<html><body><div>a<!--c-->b<span>x</span>c<!--d-->d <i>e</i></div>"
        "<p>one<b>two</b>three</p></body></html>")
    etree.strip_elements(tree, etree.Comment, with_tail=False)
    bold = tree.find(".//b")
    bold.text, bold.tail = "", ""
    tree.find(".//i").text = ""
    for element in tree.iter(etree.Element):
        assert cd._preview(element) == old_preview(element)
    assert cd._preview(tree.find(".//div")) == "ab x cd"


def test_squash_folds_whitespace_as_the_regex_did():
    spaces = [chr(c) for c in range(0x110000) if _WS.fullmatch(chr(c))]
    assert spaces == [chr(c) for c in range(0x110000) if chr(c).isspace()]
    rng = random.Random(7)
    alphabet = [*spaces, "a", "B", "中", ".", "\u200b"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert cd._squash(text) == _WS.sub(" ", text).strip()


def test_labels_lxml_refuses_are_found_in_python():
    """A control character in a label: lxml refuses it as an XPath string as well as an
    element's text (the old spelling raised); the text nodes are then compared in Python."""
    tree = lxml_html.document_fromstring(
        "<html><body><p>a\x0cb</p><p>c</p><div>a\x0cb</div></body></html>")
    texts = [t for t in OLD["_ALL_TEXT"](tree) if "\x0c" in t]
    assert texts
    with pytest.raises(ValueError):
        old_text_nodes_equal_to(tree, texts)
    found = cd._text_nodes_equal_to(tree, [*texts, "c"])
    assert [(node.getparent().tag, str(node)) for node in found] == [
        ("p", "a\x0cb"), ("p", "c"), ("div", "a\x0cb")]
