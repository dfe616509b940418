"""clean_dom's cheaper spellings decide what the old ones did.

- ``_text`` (the text serializer) reads what ``text_content()`` reads;
- ``_box_of_row`` counts the parent's children before it measures any text;
- a rule asks whether an element is still attached only once it has removed something: the
  elements a rule starts from are all found below a <body> (checked here on every page,
  before and after cleaning), and a label's text node directly in <body> is still passed
  over, as ``_attached(<body>)`` passed it over.

The old spellings are kept here as references and checked on crafted pages and on every
saved fixture page.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors import clean_dom as cd
from extractors.lexicon import DEFAULT_LEXICON

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.glob("*/*/input.html"))
RULES = cd.DEFAULT_STRUCTURE_RULES

EDGE = """<html><body>Related news<div><a href="/1">One story about the council</a>
<a href="/2">Two stories about the bridge</a></div>
<div><p>A <b>bold</b> word<!--c--> and a tail</p>tail text<ul><li><a>x</a></li></ul></div>
<div><span>Most read</span><ul><li><a>A headline about the town hall</a></li>
<li><a>A headline about the river bank</a></li><li><a>A headline about the new school</a>
</li></ul></div><p>Label: <a><i>The mayor opens the new library downtown</i></a></p>
<div><h3>Hot</h3><div><a>one link</a><a>two links</a><a>three links</a></div></div>
<table><tr><td>\u00a0<b>cell</b> \u3000</td></tr></table><p></p><div><i></i></div>
</body></html>"""


def _tree(page: Path) -> lxml_html.HtmlElement:
    tree = lxml_html.document_fromstring(page.read_bytes())
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return tree


def _edge_tree() -> lxml_html.HtmlElement:
    tree = lxml_html.document_fromstring(EDGE)
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return tree


# --- references: the helpers as they were -------------------------------------------------

def old_box_of_row(row, max_label_chars):
    parent = row.getparent()
    if parent is None or parent.tag in cd._ROOT_TAGS:
        return row
    rest = int(cd._TEXT_CHARS(parent)) - int(cd._TEXT_CHARS(row))
    if 0 < rest <= max_label_chars and len(parent) <= 3:
        return parent
    return row


# --- the checks ----------------------------------------------------------------------------

def _same_text(tree: lxml_html.HtmlElement) -> None:
    for element in tree.iter(etree.Element):
        text = cd._text(element)
        assert text == element.text_content()
        assert type(text) is str


def _same_box_of_row(tree: lxml_html.HtmlElement) -> None:
    for element in tree.iter(etree.Element):
        for max_label_chars in (0, 40, 48, 10**6):
            assert cd._box_of_row(element, max_label_chars) is old_box_of_row(
                element, max_label_chars)


def _starting_points(tree: lxml_html.HtmlElement) -> list[etree._Element]:
    """Every element a rule looks at before its first removal, as the rule finds them."""
    found = [e for e in cd._BUTTON_BOXES(tree, max_chars=RULES.consent_box.max_chars)
             if e.tag not in cd._ROOT_TAGS]
    for slot in cd._empty_slots(tree):
        box = slot
        for _ in range(RULES.ad_slot.climb):
            box = box.getparent()
            if box is None or box.tag in cd._ROOT_TAGS:
                break
            found.append(box)
    labels = sorted({t for t in cd._ALL_TEXT(tree) if t.strip()})
    found += [node.getparent() for node in cd._text_nodes_equal_to(tree, labels)
              if node.getparent().tag != "body"]
    found += cd._LINK_LISTS(tree, min_items=RULES.link_list.min_links)
    found += [e for e in cd._LINK_ROWS(tree) if e.tag not in ("body", "html")]
    found += list(cd._count_links(tree, RULES.link_column.climb, {})[0])
    found += cd._ONE_LINK_PARAGRAPHS(tree, max_chars=10**6)
    return found


def _found_below_a_body(tree: lxml_html.HtmlElement) -> None:
    assert all(cd._attached(element) for element in _starting_points(tree))


def _still_found_below_a_body_after_cleaning(tree: lxml_html.HtmlElement) -> None:
    cd.clean_dom(tree, DEFAULT_LEXICON.remembering())
    _found_below_a_body(tree)


CHECKS = [_same_text, _same_box_of_row, _found_below_a_body,
          _still_found_below_a_body_after_cleaning]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_edge_cases_decide_the_same(check):
    check(_edge_tree())


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_decide_the_same(page: Path):
    tree = _tree(page)
    for check in CHECKS:
        check(copy.deepcopy(tree))


def test_edge_page_has_starting_points_of_every_kind():
    tree = _edge_tree()
    assert len(_starting_points(tree)) >= 5
    assert {old_box_of_row(e, 48).tag for e in cd._LINK_ROWS(tree)} == {"div"}


def _label_boxes(body: str) -> tuple[cd.RemovedText, ...]:
    tree = lxml_html.document_fromstring(f"<html><body>{body}</body></html>")
    removed = cd.clean_dom(tree, DEFAULT_LEXICON.remembering())
    return tuple(r for r in removed if r.rule == "structure:labelled_box")


LINKS = ('<div><a href="/1">One story about the council</a>'
         '<a href="/2">Two stories about the bridge</a></div>')


def test_a_label_in_body_itself_is_passed_over_as_before():
    """The label's text node hangs off <body>: ``_attached(<body>)`` is False (no <body>
    above it), so the old loop skipped it, first removal or not."""
    assert _label_boxes(f"Related news{LINKS}") == ()
    assert _label_boxes(f"<p>x</p>Related news{LINKS}") == ()
    # Built by hand, a box of links after <body>: were the label looked at, <body> and the
    # box would go as a label and the box after it.
    tree = lxml_html.document_fromstring("<html><body>Related news</body></html>")
    tree.append(lxml_html.fragment_fromstring(LINKS))
    assert cd.clean_dom(tree, DEFAULT_LEXICON.remembering()) == ()
    assert tree.find("body") is not None
    # The same label in an element of its own: it goes, and the box after it.
    assert [r.text for r in _label_boxes(f"<h3>Related news</h3>{LINKS}")] == [
        "Related news", "One story about the council Two stories about the bridge"]


def test_a_label_in_a_nested_body_is_asked_about_as_before():
    """A <body> inside <body> (built by hand; no parser makes one) has a <body> above it."""
    tree = lxml_html.document_fromstring(f"<html><body><div>{LINKS}</div></body></html>")
    inner = tree.find("body").makeelement("body")
    inner.text = "Related news"
    holder = tree.find("body/div")
    holder.insert(0, inner)
    assert cd._attached(inner)
    removed = cd.clean_dom(tree, DEFAULT_LEXICON.remembering())
    assert [r.rule for r in removed] == ["structure:labelled_box"]
