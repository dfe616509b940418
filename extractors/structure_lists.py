"""Lists the story introduces ("This affected:" + a bullet list) must survive extraction.

trafilatura drops a list it judges to be links or boilerplate, and in div-soup pages it
drops such lists even when the story announces them with a colon. Before extraction the
lists that follow a lead-in ending in ":" are noted; after it, a noted list whose lead-in
line made it into the body but whose items did not is put back right after that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from .structure import Block, Line

_LISTS = etree.XPath("//body//ul[li] | //body//ol[li]")
_WS = re.compile(r"\s+")
_LEAD_IN = (":", "：")
_LEAD_IN_KEY = 60  # the lead-in is matched on its last characters
_MIN_ITEMS = 2
_MAX_ITEM_CHARS = 600


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


def is_introduced(element: etree._Element) -> bool:
    return text_before(element).endswith(_LEAD_IN)


def introduced_lists(tree: lxml_html.HtmlElement) -> tuple[IntroducedList, ...]:
    found = []
    for element in _LISTS(tree):
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
    return _WS.sub(" ", text).strip()


def _key(text: str) -> str:
    return _fold_ws(text).lower()
