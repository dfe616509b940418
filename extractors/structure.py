"""trafilatura's XML body as a flat list of blocks, rendered to plain text and markdown.

trafilatura's own text/markdown writers escape markdown characters into the text
(``\\_``, ``\\[``) and leak ``<u>`` tags; rendering both formats from one walk of its XML
keeps ``text`` clean and ``markdown`` structured, and lets the clutter rules work on
lines (a paragraph, a heading, one list item, one table row) before anything is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lxml import etree

# Spacing other than " " and "\n": each becomes a space (and runs of spaces one space).
_ODD_SPACES = re.compile(r"[\t\r\f\v\u00a0\u200b]")
_INLINE_BREAK = "lb"
# Tags that start a block of their own when they appear inside an inline run.
_BLOCK_TAGS = frozenset({"p", "head", "list", "table", "quote", "code", "div"})
_MAX_DATA_CELL_CHARS = 300  # a data table's cell is short; a longer one is layout


@dataclass(frozen=True)
class Line:
    """One unit the clutter rules judge: its plain text and its markdown."""

    text: str
    markdown: str


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list, table, quote or code block, as lines.

    ``kind`` is one of "p", "head", "list", "table", "quote", "code". A paragraph has one
    line per ``<br>``-separated line (joined by a newline, no blank line between), a list
    one per item, a table one per row.
    """

    kind: str
    lines: tuple[Line, ...]

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def markdown(self) -> str:
        if self.kind == "table" and self.lines:
            width = self.lines[0].markdown.count(" | ") + 1
            rule = "|" + " --- |" * width
            rows = [line.markdown for line in self.lines]
            return "\n".join([rows[0], rule, *rows[1:]])
        return "\n".join(line.markdown for line in self.lines)

    def with_lines(self, lines: tuple[Line, ...]) -> Block:
        return replace(self, lines=lines)


def blocks_from_xml(body: etree._Element) -> tuple[Block, ...]:
    """Flatten trafilatura's ``<body>`` into blocks in document order."""
    blocks: list[Block] = []
    _collect_children(body, blocks, depth=0)
    return tuple(b for b in blocks if b.lines)


def render_text(blocks: tuple[Block, ...]) -> str:
    """Plain text: blocks split by a blank line, list items and table rows one per line."""
    return "\n\n".join(b.text() for b in blocks if b.lines).strip()


def render_markdown(blocks: tuple[Block, ...]) -> str:
    return "\n\n".join(b.markdown() for b in blocks if b.lines).strip()


def _collect(element: etree._Element, blocks: list[Block], depth: int) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "head":
        text = _inline(element)
        if text:
            level = _heading_level(element)
            blocks.append(Block("head", (Line(text, "#" * level + " " + text),)))
    elif tag == "list":
        lines = tuple(_list_lines(element, depth=0))
        if lines:
            blocks.append(Block("list", lines))
    elif tag == "table" and _is_layout_table(element):
        for cell in element.iter("cell"):  # a page laid out in a table: its cells are blocks
            _collect_children(cell, blocks, depth + 1)
    elif tag == "table":
        lines = tuple(_table_lines(element))
        if lines:
            blocks.append(Block("table", lines))
    elif tag == "quote":
        inner: list[Block] = []
        _collect_children(element, inner, depth + 1)
        lines = tuple(
            Line(line.text, (">\n" if i and not j else "") + _quoted(line.markdown))
            for i, b in enumerate(inner) for j, line in enumerate(b.lines)
        )
        if lines:
            blocks.append(Block("quote", lines))
    elif tag == "code":
        text = "".join(element.itertext()).strip("\n")
        if text.strip():
            blocks.append(Block("code", (Line(text, f"```\n{text}\n```"),)))
    elif tag in ("p", "div", "item", "cell", "row") and not _has_block_child(element):
        text = _inline(element)
        if text:
            blocks.append(_paragraph(text))
    elif tag == "graphic" or tag == "":
        return
    elif _has_block_child(element):
        _collect_children(element, blocks, depth + 1)
    else:  # an inline element at block level (a stray <hi> or <ref>)
        text = _inline(element)
        if text:
            blocks.append(_paragraph(text))


def _collect_children(element: etree._Element, blocks: list[Block], depth: int) -> None:
    """Blocks of a container: its loose text runs become paragraphs between child blocks."""
    run: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_TAGS:
            _flush(run, blocks)
            _collect(child, blocks, depth)
            run = [child.tail or ""]
        else:
            run.append(_inline_of(child, with_tail=False))
            run.append(child.tail or "")
    _flush(run, blocks)


def _flush(run: list[str], blocks: list[Block]) -> None:
    text = _clean("".join(run))
    if text:
        blocks.append(_paragraph(text))


def _paragraph(text: str) -> Block:
    """A paragraph; each line of it (split by ``<br>``) is a line the rules judge alone."""
    if "\n" not in text:  # most: one line, as the split below would give it
        return Block("p", (Line(text, text),))
    return Block("p", tuple(Line(x, x) for x in text.split("\n")))


def _list_lines(element: etree._Element, depth: int) -> list[Line]:
    ordered = element.get("rend", "") == "ol"
    indent = "  " * depth
    lines: list[Line] = []
    number = 0
    for item in element:
        if item.tag != "item":
            continue
        number += 1
        marker = f"{number}." if ordered else "-"
        nested = [child for child in item if child.tag == "list"]
        text = _clean(_inline_of(item, skip=frozenset({"list"}), with_tail=False))
        if text:
            lines.append(Line(text, f"{indent}{marker} {text}"))
        for sub in nested:
            lines.extend(_list_lines(sub, depth + 1))
    return lines


def _is_layout_table(element: etree._Element) -> bool:
    """A table used for page layout, not data: one column, or cells holding paragraphs,
    lists or long text. (Nested tables are walked cell by cell either way.)"""
    widest = 0
    for row in element.iter("row"):
        cells = [c for c in row if c.tag == "cell"]
        widest = max(widest, sum(1 for c in cells if "".join(c.itertext()).strip()))
        for cell in cells:
            if _has_block_child(cell) or len("".join(cell.itertext())) > _MAX_DATA_CELL_CHARS:
                return True
    return widest < 2


def _table_lines(element: etree._Element) -> list[Line]:
    lines: list[Line] = []
    for row in element.iter("row"):
        cells = [_clean(_inline_of(cell, with_tail=False)).replace("\n", " ")
                 for cell in row if cell.tag == "cell"]
        if any(cells):
            escaped = [c.replace("|", "\\|") for c in cells]
            lines.append(Line(" | ".join(c for c in cells if c), "| " + " | ".join(escaped) + " |"))
    return lines


def _inline(element: etree._Element) -> str:
    if not len(element) and element.tag != _INLINE_BREAK:
        return _clean(element.text or "")  # a leaf's text is all the walk below would find
    return _clean(_inline_of(element, with_tail=False))


def _inline_of(element: etree._Element, skip: frozenset[str] = frozenset(),
               with_tail: bool = True) -> str:
    """All text under ``element``; ``<lb>`` becomes a newline, skipped children vanish."""
    parts: list[str] = []
    _walk_inline(element, parts, skip)
    if with_tail and element.tail:
        parts.append(element.tail)
    return "".join(parts)


def _walk_inline(element: etree._Element, parts: list[str], skip: frozenset[str]) -> None:
    if element.tag == _INLINE_BREAK:
        parts.append("\n")
    elif element.tag in ("p", "head", "item", "row", "list", "quote") and parts:
        parts.append("\n")  # a block flattened into a line still breaks it
    if element.text:
        parts.append(element.text)
    for child in element:
        if not isinstance(child.tag, str) or child.tag in skip or child.tag == "graphic":
            if child.tail:
                parts.append(child.tail)
            continue
        _walk_inline(child, parts, skip)
        if child.tail:
            parts.append(child.tail)


def _clean(text: str) -> str:
    """``text`` with runs of spacing made one space, lines trimmed of spaces, blank lines
    dropped, and the whole stripped.

    Spelt with str methods, not two regex substitutions over every text run (half the
    cost): the odd spaces are rare, and splitting a line at " " and joining its non-empty
    parts collapses its runs of spaces and trims it in one go.
    """
    if not text:
        return ""  # most runs between child blocks
    if _ODD_SPACES.search(text) is not None:
        text = _ODD_SPACES.sub(" ", text)
    if "\n" not in text and "  " not in text and text[0] != " " and text[-1] != " ":
        # Most texts (trafilatura trims its own): one line with no run of spaces and no
        # space at an end, which the split and join below give back as it is (kept unless
        # blank), and strip() then makes "" of a blank one.
        return text.strip()
    lines = (" ".join(filter(None, line.split(" "))) for line in text.split("\n"))
    return "\n".join(line for line in lines if line and not line.isspace()).strip()


def _has_block_child(element: etree._Element) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in element)


def _heading_level(element: etree._Element) -> int:
    rend = element.get("rend", "")
    if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit():
        return min(6, max(1, int(rend[1])))
    return 2


def _quoted(markdown: str) -> str:
    return "\n".join("> " + x if x else ">" for x in markdown.split("\n"))
