"""Line-level clutter rules on the extracted blocks (a paragraph, a heading, one list item).

Each line is folded once and looked up in the lexicon. A "line" rule drops the line; a
"boundary" rule ("Related news", "Comments (12)") ends the article there — the line and
everything after it go — but only once most of the body is behind it, so that a stray
early match cannot eat an article.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon, fold_line
from .metafields import MAX_CHARS as _SHAPE_MAX_CHARS
from .metafields import meta_line_shape
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
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def clean_blocks(blocks: tuple[Block, ...], lexicon: Lexicon, page: PageFacts | None = None
                 ) -> tuple[tuple[Block, ...], tuple[RemovedText, ...]]:
    """Blocks without clutter lines, and what was removed (rule id "lexicon:<rule>").

    ``page`` knows the headline and the site's name: a line before or after the prose that
    repeats the headline goes as "structure:title_repeat", a line that is just the site's
    name as "structure:site_name".
    """
    page = page or PageFacts()
    flat = [(b, i) for b, block in enumerate(blocks) for i in range(len(block.lines))]
    lines = [blocks[b].lines[i] for b, i in flat]
    keys = [fold_line(line.text) for line in lines]
    # Rows of a data table are the story's data ("Tag | Mit Personal"), never clutter lines.
    in_table = [blocks[b].kind == "table" for b, _ in flat]
    total = sum(len(line.text) for line in lines) or 1
    # The story's prose: long lines no rule claims (a long disclaimer is not prose) — rules
    # that only hold outside the prose cannot disqualify a line from being prose.
    prose = [pos for pos, line in enumerate(lines)
             if _prose_long(line.text) and (in_table[pos] or _prose_rule_free(lexicon, keys[pos]))]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (len(flat), -1)
    drop: set[tuple[int, int]] = set()
    removed: list[RemovedText] = []
    seen_chars = 0
    for pos, line in enumerate(lines):
        inside = first_prose <= pos <= last_prose
        # Inside the prose a line is only asked about the rules that hold there: the first
        # of them that matches is the line's rule, whether or not an outside-only rule before
        # it matches too (those are not tried at all: speed only).
        rule = (None if in_table[pos]
                else lexicon.first_match_folded(keys[pos], inside_prose=inside))
        page_rule = (None if rule is not None or in_table[pos]
                     else _page_rule(page, line.text, pos, edge=not inside)
                     or _shape_rule(lexicon, line.text, edge=not inside))
        if page_rule is not None:
            drop.add(flat[pos])
            removed.append(RemovedText(page_rule, line.text[:_PREVIEW]))
        elif rule is not None and rule.kind == "line":
            drop.add(flat[pos])
            removed.append(RemovedText(f"lexicon:{rule.id}", line.text[:_PREVIEW]))
        elif rule is not None and _cuts_here(lines, pos, seen_chars, total,
                                             rule.unless_prose_follows and pos < last_prose):
            drop.update(flat[pos:])
            removed.append(RemovedText(f"lexicon:{rule.id}", _join(lines[pos:])))
            break
        seen_chars += len(line.text)
    kept = []
    for b, block in enumerate(blocks):
        lines = tuple(line for i, line in enumerate(block.lines) if (b, i) not in drop)
        if lines:
            kept.append(block if len(lines) == len(block.lines) else block.with_lines(lines))
    return tuple(kept), tuple(removed)


def _prose_rule_free(lexicon: Lexicon, key: str) -> bool:
    """Whether no rule claims the line ``key`` but, perhaps, outside-only ones (its first
    rule is none or one marked where = "outside"). Asked inside the prose first: most long
    lines match nothing there, and the rules that only hold outside the prose are then not
    tried on them at all (speed only); the full lookup only when a rule matches there."""
    if lexicon.first_match_folded(key, inside_prose=True) is None:
        return True
    rule = lexicon.first_match_folded(key)
    return rule is None or rule.outside_only


def _prose_long(text: str) -> bool:
    """Whether ``text`` is as long as prose, each CJK character counted three times: a
    Chinese or Japanese paragraph carries as much as an English one three times as long.
    Most lines are decided by their length alone, without counting (speed only)."""
    if len(text) >= _PROSE_CHARS or 3 * len(text) < _PROSE_CHARS:
        return len(text) >= _PROSE_CHARS
    return len(text) + 2 * len(_CJK.findall(text)) >= _PROSE_CHARS


def _page_rule(page: PageFacts, text: str, pos: int, edge: bool) -> str | None:
    if edge and page.is_title(text):
        return "structure:title_repeat"
    if page.is_site_name(text):
        return "structure:site_name"
    return None


def _shape_rule(lexicon: Lexicon, text: str, edge: bool) -> str | None:
    """Rules on the shape of the whole line rather than its wording: a line of meta fields
    ("Fecha: 10/07/2022 Lecturas: 345 Responsable: Ana Ruiz") or, before or after the
    prose, a link to the previous or next story ("« Headline", "Headline »")."""
    if len(text) > _SHAPE_MAX_CHARS:
        return None
    raw = lexicon.raw_match(text, edge) if lexicon.raw_rules else None
    if raw is not None:
        return f"lexicon:{raw.id}"
    if not edge and ":" not in text and "：" not in text:
        return None  # between paragraphs only a labelled field ("Editor: …") goes
    shape = meta_line_shape(text)
    # A date alone between paragraphs is an event or a timeline entry, not a dateline.
    if shape is not None and (edge or (shape.named and not shape.dated)):
        return "lexicon:meta_line"
    return None


def _cuts_here(lines: list[Line], pos: int, seen_chars: int, total: int,
               prose_follows: bool) -> bool:
    if prose_follows:
        return False
    if seen_chars >= _BOUNDARY_MIN_SHARE * total:
        return True
    return seen_chars > 0 and all(len(line.text) <= _SHORT_LINE for line in lines[pos + 1:])


def _join(lines: list[Line]) -> str:
    return " | ".join(line.text.replace("\n", " ") for line in lines)[:_PREVIEW]
