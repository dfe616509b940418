"""Lists the story introduces and its subheadings must survive extraction.

trafilatura drops a list it judges to be links or boilerplate, and in div-soup pages it
drops such lists even when the story announces them with a colon ("This affected:").
Before extraction the lists that follow a lead-in ending in ":" are noted; after it, a
noted list whose lead-in line made it into the body but whose items did not is put back
right after that line.

On pages it reads through its fallback path (no recognisable article container) it also
drops every subheading. The <h2>-<h6> of the page are noted with the text that follows
each; a heading missing from the body is put back before the block that starts with that
text — so only headings that sit in the story come back.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from lxml import etree
from lxml import html as lxml_html

from .structure import Block, Line

# Lists and headings come from one walk of the page by tag in C: half the cost of five
# "//body//x" XPath walks (tests/extractors/reference_xpaths.py holds them to those).
_HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
_XPATH_SPACE = " \t\n\r"  # what XPath's normalize-space() folds
_MAX_HEADING_CHARS = 150
_FOLLOW_KEY = 40  # the text after a heading is matched on its first characters
_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
_PARENT_CHARS = etree.XPath("string-length(normalize-space(..))")
_MIN_PARENT_CHARS = 400  # the story's container holds its paragraphs; a teaser card does not
_MIN_FOLLOWING_CHARS = 80  # a subheading follows prose and heads prose (or a list)
_LEAD_IN = (":", "：")
_LEAD_IN_KEY = 60  # the lead-in is matched on its last characters
_MIN_ITEMS = 2
_MAX_ITEM_CHARS = 600


@dataclass(frozen=True)
class Subheading:
    text: str
    level: int
    follows: str  # folded first characters of the text right after the heading


@dataclass(frozen=True)
class IntroducedList:
    lead_in: str  # folded last characters of the lead-in text, colon included
    ordered: bool
    items: tuple[str, ...]


def text_before(element: etree._Element) -> str:
    """The text right before ``element`` in reading order (stripped): skipping ``<br>`` and
    empty elements, and looking one level up when the element opens its parent."""
    for node in (element, element.getparent()):
        if node is None:
            break
        previous = node.getprevious()
        while previous is not None:
            tail = (previous.tail or "").strip()
            if tail:
                return tail
            own = previous.text_content().strip() if isinstance(previous.tag, str) else ""
            if own:
                return own
            previous = previous.getprevious()  # a <br>, an empty <span>, a comment
        parent = node.getparent()
        if parent is not None and (parent.text or "").strip():
            return parent.text.strip()
    return ""


def _in_body(tree: lxml_html.HtmlElement, tags: tuple[str, ...]) -> list[etree._Element]:
    """The elements of ``tags`` inside a <body>, in document order (XPath "//body//x")."""
    return [element for element in tree.getroottree().getroot().iter(*tags)
            if next(element.iterancestors("body"), None) is not None]


def _lists(tree: lxml_html.HtmlElement) -> list[etree._Element]:
    """"//body//ul[li] | //body//ol[li]": the <ul>s and <ol>s of the body that hold an <li>."""
    return [element for element in _in_body(tree, ("ul", "ol")) if element.find("li") is not None]


def _text_after(element: etree._Element) -> str | None:
    """The first text node after ``element`` (not inside it) that holds more than XPath
    whitespace: ``following::text()[normalize-space()][1]``, walked in Python (libxml2
    collects the whole following axis of the page before taking its first node)."""
    node = element
    while node is not None:
        for text in _following_texts(node):
            if text.strip(_XPATH_SPACE):
                return text
        node = node.getparent()
    return None


def _following_texts(node: etree._Element) -> Iterator[str]:
    """The text nodes after ``node`` up to the end of its parent, in document order."""
    if node.tail:
        yield node.tail
    for sibling in node.itersiblings():
        if isinstance(sibling.tag, str):  # a comment's or a PI's content is no text node
            yield from sibling.itertext()  # its text and its descendants' texts and tails
        if sibling.tail:
            yield sibling.tail


def is_introduced(element: etree._Element) -> bool:
    return text_before(element).endswith(_LEAD_IN)


def introduced_lists(tree: lxml_html.HtmlElement) -> tuple[IntroducedList, ...]:
    found = []
    for element in _lists(tree):
        lead_in = text_before(element)
        if not lead_in.endswith(_LEAD_IN):
            continue
        items = tuple(text for li in element if li.tag == "li"
                      if (text := _fold_ws(li.text_content())) and len(text) <= _MAX_ITEM_CHARS)
        if len(items) >= _MIN_ITEMS:
            found.append(IntroducedList(_key(lead_in)[-_LEAD_IN_KEY:], element.tag == "ol", items))
    return tuple(found)


def restore_lists(blocks: tuple[Block, ...],
                  lists: tuple[IntroducedList, ...]) -> tuple[tuple[Block, ...], int]:
    """``blocks`` with each lost introduced list put back after its lead-in; and how many."""
    if not lists:
        return blocks, 0
    present = {_key(line.text) for block in blocks for line in block.lines}
    result = list(blocks)
    restored = 0
    for lost in lists:
        if any(_key(item) in present for item in lost.items):
            continue
        at = _block_ending_with(result, lost.lead_in)
        if at is None:
            continue
        result.insert(at + 1, _list_block(lost))
        present.update(_key(item) for item in lost.items)
        restored += 1
    return tuple(result), restored


def _block_ending_with(blocks: list[Block], lead_in: str) -> int | None:
    for index, block in enumerate(blocks):
        if block.kind != "list" and any(_key(line.text).endswith(lead_in) for line in block.lines):
            return index
    return None


def _list_block(lost: IntroducedList) -> Block:
    lines = tuple(Line(item, f"{n}. {item}" if lost.ordered else f"- {item}")
                  for n, item in enumerate(lost.items, start=1))
    return Block("list", lines)


def _fold_ws(text: str) -> str:
    # What re.sub(r"\s+", " ", text).strip() gives, at a third of the cost: str.split()
    # and the regex's \s know the same whitespace (Py_UNICODE_ISSPACE), and the join
    # leaves no space at the ends.
    return " ".join(text.split())


def _key(text: str) -> str:
    return _fold_ws(text).lower()


def subheadings(tree: lxml_html.HtmlElement) -> tuple[Subheading, ...]:
    found = []
    for element in _in_body(tree, _HEADING_TAGS):
        text = _fold_ws(element.text_content())
        if not text or len(text) > _MAX_HEADING_CHARS:
            continue
        if len(_fold_ws(" ".join(_LINK_TEXT(element)))) * 2 > len(text):
            continue  # a linked heading is another story's headline (a teaser)
        if _PARENT_CHARS(element) < _MIN_PARENT_CHARS:
            continue  # a heading in a small card is a teaser's, not the story's
        after = _text_after(element)
        follows = _key(after)[:_FOLLOW_KEY] if after else ""
        if len(follows) >= 10:
            found.append(Subheading(text, int(element.tag[1]), follows))
    return tuple(found)


def restore_headings(blocks: tuple[Block, ...],
                     headings: tuple[Subheading, ...]) -> tuple[tuple[Block, ...], int]:
    """``blocks`` with each lost subheading put back before the text that follows it."""
    if not headings:
        return blocks, 0
    present = {_key(line.text) for block in blocks for line in block.lines}
    result = list(blocks)
    # Each block's first line's key, made once (not once per lost heading), kept in step.
    firsts = [_key(block.lines[0].text) if block.lines else None for block in result]
    restored = 0
    for heading in headings:
        if _key(heading.text) in present:
            continue
        at = next((i for i, first in enumerate(firsts)
                   if first is not None and first.startswith(heading.follows)), None)
        if at is None or at == 0:
            continue  # not in the story, or above it (a headline, a section name)
        if not (_is_story(result[at - 1], last=True) and _is_story(result[at], last=False)):
            continue  # a subheading sits between paragraphs of prose, not among teasers
        line = Line(heading.text, "#" * heading.level + " " + heading.text)
        result.insert(at, Block("head", (line,)))
        firsts.insert(at, _key(heading.text))
        present.add(_key(heading.text))
        restored += 1
    return tuple(result), restored


def _is_story(block: Block, last: bool) -> bool:
    """A list, a table, or a paragraph whose line next to the heading is prose."""
    if block.kind in ("list", "table"):
        return True
    line = block.lines[-1] if last else block.lines[0]
    return block.kind == "p" and len(line.text) >= _MIN_FOLLOWING_CHARS


@dataclass(frozen=True)
class TypedListRule:
    bullets: str = "•▪◦‣●■►▶"
    min_items: int = 2
    max_item_chars: int = 600


def _load_typed_list_rule() -> TypedListRule:
    text = resources.files("extractors").joinpath("data/structure.toml").read_text("utf-8")
    try:
        return TypedListRule(**tomllib.loads(text).get("typed_list", {}))
    except TypeError as exc:
        raise ValueError(f"extractors/data/structure.toml [typed_list]: {exc}") from exc


TYPED_LIST_RULE: TypedListRule = _load_typed_list_rule()
_NUMBERED = re.compile(r"(\d{1,2})[.)]\s+(?=\S)")


def typed_lists(blocks: tuple[Block, ...],
                rule: TypedListRule | None = None) -> tuple[tuple[Block, ...], int]:
    """``blocks`` with runs of typed list lines ("• item", "1. step") made list blocks, and
    how many lists were made. A run is consecutive lines of paragraphs: several paragraphs
    of one item each, or the ``<br>``-separated lines of one paragraph."""
    rule = rule or TYPED_LIST_RULE
    flat = [(b, i) for b, block in enumerate(blocks) if block.kind == "p"
            for i in range(len(block.lines))]
    marks = [_typed_item(blocks[b].lines[i].text, rule) for b, i in flat]
    starts: dict[tuple[int, int], list[Line]] = {}  # first line of a run -> the list's items
    in_run: set[tuple[int, int]] = set()
    for first, last in _runs(flat, marks, rule):
        starts[flat[first]] = [marks[k][1] for k in range(first, last)]
        in_run.update(flat[first:last])
    if not starts:
        return blocks, 0
    result: list[Block] = []
    for b, block in enumerate(blocks):
        pending: list[Line] = []
        for i, line in enumerate(block.lines):
            if (b, i) not in in_run:
                pending.append(line)
                continue
            if (b, i) in starts:
                _flush_lines(block, pending, result)
                result.append(Block("list", tuple(starts[(b, i)])))
        _flush_lines(block, pending, result)
    return tuple(result), len(starts)


def _flush_lines(block: Block, pending: list[Line], result: list[Block]) -> None:
    if pending:
        result.append(block if len(pending) == len(block.lines)
                      else block.with_lines(tuple(pending)))
        pending.clear()


def _runs(flat: list[tuple[int, int]], marks: list[tuple[str, Line, int] | None],
          rule: TypedListRule) -> list[tuple[int, int]]:
    """``(first, last)`` index ranges of ``flat`` that are lists: at least ``min_items``
    item lines of one kind in a row, in adjacent paragraphs, numbers counting up from 1."""
    runs: list[tuple[int, int]] = []
    first = None
    for k in range(len(flat) + 1):
        if first is not None and not _continues(flat, marks, first, k):
            if k - first >= rule.min_items:
                runs.append((first, k))
            first = None
        if first is None and k < len(flat) and marks[k] is not None \
                and (marks[k][0] == "bullet" or marks[k][2] == 1):
            first = k
    return runs


def _continues(flat: list[tuple[int, int]], marks: list[tuple[str, Line, int] | None],
               first: int, k: int) -> bool:
    if k >= len(flat) or marks[k] is None or marks[k][0] != marks[first][0]:
        return False
    (pb, _), (b, _) = flat[k - 1], flat[k]
    if b not in (pb, pb + 1):
        return False  # a heading, a table or a quote sits between
    return marks[k][0] == "bullet" or marks[k][2] == marks[k - 1][2] + 1


def _typed_item(text: str, rule: TypedListRule) -> tuple[str, Line, int] | None:
    """``(kind, item line, number)`` when ``text`` is a typed list item, else None."""
    if len(text) > rule.max_item_chars:
        return None
    if text[:1] in rule.bullets:
        item = text[1:].strip()
        return ("bullet", Line(item, f"- {item}"), 0) if item else None
    number = _NUMBERED.match(text)
    if number:
        return "number", Line(text, text), int(number.group(1))
    return None
