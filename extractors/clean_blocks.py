"""Line-level clutter rules on the extracted blocks (a paragraph, a heading, one list item).

Each line is folded once and looked up in the lexicon. A "line" rule drops the line; a
"boundary" rule ("Related news", "Comments (12)") ends the article there — the line and
everything after it go — but only once most of the body is behind it, so that a stray
early match cannot eat an article.
"""

from __future__ import annotations

from .lexicon import Lexicon, fold_line
from .record import RemovedText
from .structure import Block, Line
from .structure_page import PageFacts

_PREVIEW = 500
# A boundary cuts when at least this share of the body's characters comes before it...
_BOUNDARY_MIN_SHARE = 0.5
# ...or when everything after it is short lines (a list of headlines, a comment stub).
_SHORT_LINE = 90
# A line this long is prose. Rules marked where = "outside" skip lines between the first
# and the last such line; so does the headline rule (the record's title is not body text,
# but a line quoting the headline inside the story is).
_PROSE_CHARS = 150


def clean_blocks(blocks: tuple[Block, ...], lexicon: Lexicon, page: PageFacts | None = None
                 ) -> tuple[tuple[Block, ...], tuple[RemovedText, ...]]:
    """Blocks without clutter lines, and what was removed (rule id "lexicon:<rule>").

    ``page`` knows the headline and the site's name: a line before or after the prose that
    repeats the headline goes as "structure:title_repeat", a line that is just the site's
    name as "structure:site_name".
    """
    page = page or PageFacts()
    flat = [(b, i) for b, block in enumerate(blocks) for i in range(len(block.lines))]
    total = sum(len(line.text) for block in blocks for line in block.lines) or 1
    prose = [pos for pos, (b, i) in enumerate(flat)
             if len(blocks[b].lines[i].text) >= _PROSE_CHARS]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (len(flat), -1)
    drop: set[tuple[int, int]] = set()
    removed: list[RemovedText] = []
    seen_chars = 0
    for pos, (b, i) in enumerate(flat):
        line = blocks[b].lines[i]
        inside = first_prose < pos < last_prose
        rule = lexicon.first_match_folded(fold_line(line.text), inside_prose=inside)
        page_rule = (None if rule is not None
                     else _page_rule(page, line.text, pos, edge=not inside))
        if page_rule is not None:
            drop.add((b, i))
            removed.append(RemovedText(page_rule, line.text[:_PREVIEW]))
        elif rule is not None and rule.kind == "line":
            drop.add((b, i))
            removed.append(RemovedText(f"lexicon:{rule.id}", line.text[:_PREVIEW]))
        elif rule is not None and _cuts_here(blocks, flat, pos, seen_chars, total,
                                             rule.unless_prose_follows and pos < last_prose):
            rest = [blocks[rb].lines[ri] for rb, ri in flat[pos:]]
            drop.update(flat[pos:])
            removed.append(RemovedText(f"lexicon:{rule.id}", _join(rest)))
            break
        seen_chars += len(line.text)
    kept = []
    for b, block in enumerate(blocks):
        lines = tuple(line for i, line in enumerate(block.lines) if (b, i) not in drop)
        if lines:
            kept.append(block if len(lines) == len(block.lines) else block.with_lines(lines))
    return tuple(kept), tuple(removed)


def _page_rule(page: PageFacts, text: str, pos: int, edge: bool) -> str | None:
    if edge and page.is_title(text):
        return "structure:title_repeat"
    if page.is_site_name(text):
        return "structure:site_name"
    return None


def _cuts_here(blocks: tuple[Block, ...], flat: list[tuple[int, int]], pos: int,
               seen_chars: int, total: int, prose_follows: bool) -> bool:
    if prose_follows:
        return False
    if seen_chars >= _BOUNDARY_MIN_SHARE * total:
        return True
    after = [blocks[b].lines[i].text for b, i in flat[pos + 1:]]
    return seen_chars > 0 and all(len(text) <= _SHORT_LINE for text in after)


def _join(lines: list[Line]) -> str:
    return " | ".join(line.text.replace("\n", " ") for line in lines)[:_PREVIEW]
