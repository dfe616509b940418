"""clean_dom's cheaper spellings decide what the old ones did.

- ``_text`` (the text serializer) reads what ``text_content()`` reads;
- ``_box_of_row`` counts the parent's children before it measures any text;
- a page's label nodes are fetched by their positions among its text nodes;
- an ASCII link text reads like a headline by one search for three words, not a list of
  all its words;
- a double break is found from the <br>'s tail and next node, not from all the nodes
  after it, and its ancestors are looked at once for all <br>s of one parent;
- split text (two text nodes side by side) is found from each node's first preceding
  sibling alone;
- ``_is_link_box`` returns on too few links before it reads any text, and a label's climb
  tests each parent reading only the text outside the child that passed before it;
- a rule asks whether an element is still attached only once it has removed something: the
  elements a rule starts from are all found below a <body> (checked here on every page,
  before and after cleaning), and a label's text node directly in <body> is still passed
  over, as ``_attached(<body>)`` passed it over.

The old spellings are kept here as references and checked on crafted pages and on every
saved fixture page.
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
from extractors.lexicon import DEFAULT_LEXICON, fold_line

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


def old_text_nodes_equal_to(tree, texts):
    condition = " or ".join(f". = $t{n}" for n in range(len(texts)))
    values = {f"t{n}": text for n, text in enumerate(texts)}
    return tree.xpath(f"//body//text()[{condition}]", **values)


def _identity(nodes: list) -> list:
    return [(node.getparent(), node.is_tail, str(node)) for node in nodes]


def old_reads_like_headline(text):
    if text.isascii():
        return len(text) >= 8 and len(cd._WORD.findall(text)) >= 3
    cjk = len(cd._CJK_CHAR.findall(text))
    return len(cd._WORD.findall(text)) + cjk // 2 >= 3


def old_is_link_box(element, min_links, density, max_run, max_chars, label=""):
    links = int(cd._LINK_COUNT(element))
    chars = int(cd._TEXT_CHARS(element)) - len(label)
    if chars > max_chars or not links:
        return cd._LinkStats(chars, 0, 0, chars).is_link_box(min_links, density, max_run,
                                                             max_chars)
    chars = max(chars, 0)
    if links < min_links or chars > max_chars:
        return False
    link_chars = len(cd._squash(" ".join(cd._LINK_TEXT(element))))
    if link_chars < density * max(chars, 1) or max_run < 0:
        return False
    folded_label = fold_line(label)
    for text in cd._LONG_NON_LINK_TEXT(element, chars=max_run):
        run = cd._squash(text)
        if len(run) > max_run and not (label and fold_line(run) == folded_label):
            return False
    return True


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


OLD_HAS_SPLIT_TEXT = etree.XPath(
    "boolean(descendant::text()[preceding-sibling::node()[1][self::text()]])")


def _same_split_text(tree: lxml_html.HtmlElement) -> None:
    for element in tree.iter(etree.Element):
        assert cd._HAS_SPLIT_TEXT(element) == OLD_HAS_SPLIT_TEXT(element)


def _same_headline_verdicts(tree: lxml_html.HtmlElement) -> None:
    for text in {t for element in tree.iter("a", "p", "li") for t in (
            cd._squash(element.text_content()), element.text_content(), element.text or "")}:
        assert cd._reads_like_headline(text) == old_reads_like_headline(text), text


def _same_label_nodes(tree: lxml_html.HtmlElement) -> None:
    body_texts = cd._ALL_TEXT(tree)
    texts = sorted({t for t in body_texts if t.strip() and len(t) <= 192})
    for chosen in (texts[:1], texts[:3], texts[::7], texts[::40], texts, ["absent"]):
        if chosen:
            assert _identity(cd._label_nodes(tree, chosen, body_texts)) == _identity(
                old_text_nodes_equal_to(tree, chosen))


LINK_BOX_PARAMETERS = [(2, 0.6, 100, 6000), (3, 0.9, 12, 10**9), (1, 0.0, 0, 50),
                       (0, 0.0, 5, 0), (0, 0.5, 200, 300), (2, 0.6, -1, 6000)]


def _same_link_boxes_climbing(tree: lxml_html.HtmlElement) -> None:
    """Each parent of a child that passed, told of the child: the old verdict, and the
    words of its link text as read whole."""
    for child in tree.iter(etree.Element):
        parent = child.getparent()
        if parent is None:
            continue
        short = [t.strip() for t in child.itertext() if 0 < len(t.strip()) <= 48]
        for label in ("", *short[:1]):
            for parameters in LINK_BOX_PARAMETERS:
                words = cd._link_box(child, *parameters, label)
                assert (words is not None) == old_is_link_box(child, *parameters, label)
                if words is None:
                    continue
                told = cd._link_box(parent, *parameters, label, (child, words))
                assert (told is not None) == old_is_link_box(parent, *parameters, label)
                whole = cd._link_box(parent, *parameters, label)
                assert told == whole


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


CHECKS = [_same_text, _same_box_of_row, _same_split_text, _same_headline_verdicts,
          _same_label_nodes,
          _same_link_boxes_climbing, _found_below_a_body,
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


def test_climbing_past_a_link_reads_the_link_whole():
    """A child that is itself a link: all its text is link text of its parent (not only
    the text of links inside it), so the parent is read whole."""
    tree = lxml_html.document_fromstring(
        "<html><body><div><a href='/1'>A long headline <b>about</b> the town</a>"
        "<a href='/2'>two</a> and some loose words</div></body></html>")
    link = tree.find(".//a")
    words = cd._link_box(link, 0, 0.0, 100, 6000)
    assert words is not None
    div = link.getparent()
    assert cd._link_box(div, 1, 0.9, 100, 6000, "", (link, words)) == cd._link_box(
        div, 1, 0.9, 100, 6000)
    assert not old_is_link_box(div, 1, 0.9, 100, 6000)


_WS = re.compile(r"\s+")


@pytest.mark.parametrize("seed", range(30))
def test_link_words_add_up_to_the_folded_length(seed):
    """The words of texts joined with spaces are the words of each text: the folded length
    of any split of the texts is the sum of the parts' words."""
    rng = random.Random(seed)
    alphabet = [" ", "\n", "\u00a0", "\u3000", "a", "Bc", "中", "-", ""]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8)))
             for _ in range(rng.randrange(0, 9))]
    cut = rng.randrange(0, len(texts) + 1)
    whole = len(_WS.sub(" ", " ".join(texts)).strip())
    assert cd._LinkWords.of(texts).length == whole
    assert (cd._LinkWords.of(texts[:cut]) + cd._LinkWords.of(texts[cut:])).length == whole


def test_label_nodes_of_several_bodies_are_searched_for():
    """Built by hand, a second <body> (beside the first, or inside it): positions count
    within each <body>, so such a page is searched as before."""
    for where in ("beside", "inside"):
        tree = lxml_html.document_fromstring(
            "<html><body><p>Related news</p><p>x</p></body></html>")
        second = tree.makeelement("body")
        second.text = "x"
        etree.SubElement(second, "b").text = "Related news"
        (tree if where == "beside" else tree.find("body")).append(second)
        body_texts = cd._ALL_TEXT(tree)
        found = cd._label_nodes(tree, ["Related news"], body_texts)
        assert _identity(found) == _identity(old_text_nodes_equal_to(tree, ["Related news"]))
        assert [node.getparent().tag for node in found] == ["p", "b"]


def test_many_label_nodes_and_tails_are_found_as_before():
    """Past ``_MAX_FETCHED_BY_POSITION`` nodes the page is searched; a tail's node is the
    same node (its ``getparent`` names the element it follows)."""
    for count in (1, cd._MAX_FETCHED_BY_POSITION, cd._MAX_FETCHED_BY_POSITION + 1, 12):
        items = "".join(f"<li><a>link {n}</a>Share</li>" for n in range(count))
        tree = lxml_html.document_fromstring(f"<html><body><ul>{items}</ul></body></html>")
        found = cd._label_nodes(tree, ["Share"], cd._ALL_TEXT(tree))
        assert len(found) == count
        assert all(node.is_tail and node.getparent().tag == "a" for node in found)
        assert _identity(found) == _identity(old_text_nodes_equal_to(tree, ["Share"]))


def test_label_nodes_with_control_characters_are_fetched():
    """lxml refuses such a label as an XPath string: fetched by position, it is never one."""
    tree = lxml_html.document_fromstring(
        "<html><body><p>a\x0cb</p><p>c</p><div>a\x0cb</div></body></html>")
    body_texts = cd._ALL_TEXT(tree)
    found = cd._label_nodes(tree, ["a\x0cb", "c"], body_texts)
    assert [(node.getparent().tag, str(node)) for node in found] == [
        ("p", "a\x0cb"), ("p", "c"), ("div", "a\x0cb")]


@pytest.mark.parametrize("seed", range(20))
def test_headline_verdicts_on_random_text_are_the_same(seed):
    """Letters, digits, underscores, spaces, line breaks and marks in runs of any length."""
    rng = random.Random(seed)
    alphabet = ["a", "Bc", "xyz", "1", "_", " ", "  ", "\n", "-", "'", ".", "é", "中国", "\u00a0"]
    for _ in range(500):
        pieces = rng.choices(alphabet[:11] if rng.random() < 0.7 else alphabet, k=rng.randrange(12))
        text = "".join(pieces)
        assert cd._reads_like_headline(text) == old_reads_like_headline(text), repr(text)


OLD_DOUBLE_BREAKS = etree.XPath(
    "//body//br[following-sibling::node()[not(self::text()[normalize-space() = ''])][1]"
    "[self::br]][not(ancestor::*[self::p or self::li or self::dd or self::dt or self::pre "
    "or self::code or self::a or self::h1 or self::h2 or self::h3 or self::h4 or self::h5 "
    "or self::h6 or self::blockquote or self::button or self::label])]")
BREAK_PIECES = ["<br>", "<br>", "<br>", "<br>", "<br/>", " ", " ", "\n", "\n ", "\t", "\r",
                "text", "\u00a0", "\u2003", "<!--c-->", "<?pi x?>", "<span>s</span>", "<i></i>",
                "<p>", "</p>", "<a>", "</a>", "<b>", "</b>", "<div>", "</div>", "<li>", "</li>",
                "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<label>", "</label>", "<pre>",
                "</pre>", "<td>", "</td>"]


@pytest.mark.parametrize("seed", range(400))
def test_double_breaks_are_found_as_before(seed):
    """Random runs of breaks, blanks of every kind, text, comments and processing
    instructions (kept: paragraphs_from_breaks is public), inside and outside paragraphs,
    links, items, headings and quotes."""
    rng = random.Random(seed)
    body = "".join(rng.choice(BREAK_PIECES) for _ in range(rng.randint(0, 40)))
    tree = lxml_html.document_fromstring(f"<html><body><div>{body}</div></body></html>")
    assert cd._double_breaks(tree) == OLD_DOUBLE_BREAKS(tree)


def test_double_breaks_after_split_and_empty_tails_are_found_as_before():
    """A stripped comment leaves two text nodes in a <br>'s tail; lxml may hold an empty
    one: the tail reads them all."""
    for between in ("<!--c-->", " <!--c--> ", " <!--c-->x", "x<!--c--> "):
        tree = lxml_html.document_fromstring(
            f"<html><body><div>a<br>{between}<br>b<br> <br>c</div></body></html>")
        etree.strip_elements(tree, etree.Comment, with_tail=False)
        assert cd._double_breaks(tree) == OLD_DOUBLE_BREAKS(tree)
    tree = lxml_html.document_fromstring("<html><body><div>a<br>x<br>b</div></body></html>")
    tree.find(".//br").tail = ""
    assert cd._double_breaks(tree) == OLD_DOUBLE_BREAKS(tree) == [tree.find(".//br")]


def test_a_long_line_of_breaks_is_read_once():
    tree = lxml_html.document_fromstring(
        "<html><body><span>" + "line<br><br>\n" * 200 + "</span></body></html>")
    assert len(cd._double_breaks(tree)) == 200 == len(OLD_DOUBLE_BREAKS(tree))


@pytest.mark.parametrize("seed", range(100))
def test_split_text_is_found_as_before(seed):
    """Comments and processing instructions stripped from random runs leave text nodes
    side by side, or alone, or empty."""
    rng = random.Random(seed)
    pieces = ["a", " ", "<!--c-->", "<?pi x?>", "<b>b</b>", "<i></i>", "<span>", "</span>"]
    body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
    tree = lxml_html.document_fromstring(f"<html><body><div>{body}</div></body></html>")
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    if rng.random() < 0.3:
        for element in tree.iter("b"):
            element.tail = ""
    _same_split_text(tree)
