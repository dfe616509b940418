"""Data tables nested in a layout table go back to where the story put them.

trafilatura leaves a table inside another table's cell to its main loop, so in an old
table layout the story's data table comes out after the whole layout table: after the
story, the print buttons and the footer. Before extraction each such table is noted with
the text right before it; after extraction a table block found elsewhere is moved right
after the block ending with that text.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from .structure import Block
from .structure_lists import text_before

_NESTED_DATA_TABLES = etree.XPath("//body//table//table[not(.//table)]")
_FIRST_ROW_CELLS = etree.XPath("(.//tr)[1]/*[self::td or self::th]")
_LEAD_IN_KEY = 40  # the text before the table is matched on its last characters


@dataclass(frozen=True)
class NestedTable:
    lead_in: str  # folded last characters of the text right before the table
    first_row: str  # folded text of the first row, cells joined as the table block joins them


def nested_tables(tree: lxml_html.HtmlElement) -> tuple[NestedTable, ...]:
    found = []
    for table in _NESTED_DATA_TABLES(tree):
        cells = [_fold(cell.text_content()) for cell in _FIRST_ROW_CELLS(table)]
        first_row = _fold(" | ".join(c for c in cells if c))
        lead_in = _fold(text_before(table))[-_LEAD_IN_KEY:]
        if first_row and lead_in:
            found.append(NestedTable(lead_in, first_row))
    return tuple(found)


def restore_table_positions(blocks: tuple[Block, ...], tables: tuple[NestedTable, ...]
                            ) -> tuple[tuple[Block, ...], int]:
    """``blocks`` with each noted table moved right after the block ending with its
    lead-in, when it landed elsewhere; and how many moved."""
    result = list(blocks)
    moved = 0
    for table in tables:
        at = next((i for i, b in enumerate(result) if b.kind == "table" and b.lines
                   and _fold(b.lines[0].text) == table.first_row), None)
        if at is None:
            continue
        lead = next((i for i, b in enumerate(result) if b.kind != "table" and b.lines
                     and _fold(b.lines[-1].text).endswith(table.lead_in)), None)
        if lead is None or lead + 1 == at:
            continue
        block = result.pop(at)
        result.insert(lead + 1 if lead < at else lead, block)
        moved += 1
    return tuple(result), moved


def _fold(text: str) -> str:
    # re.sub(r"\s+", " ", text).strip().lower(), spelt as structure_lists._fold_ws is
    # (same whitespace: Py_UNICODE_ISSPACE for both str.split() and the regex's \s).
    return " ".join(text.split()).lower()
