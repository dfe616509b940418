"""Faster spellings in structure_lists and structure_tables, held to the old ones:

* whitespace folded by ``" ".join(text.split())`` instead of ``re.sub(r"\\s+", " ", text)
  .strip()`` (``_fold_ws``, ``_key``, structure_tables' ``_fold``): the same whitespace
  for every code point, the same folds on crafted, random and fixture texts;
* ``restore_headings`` finds the block a heading goes before from its blocks' first-line
  keys made once: the same blocks as making the key per heading and block, on crafted
  pages and on every fixture's body.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from extractors import extract
from extractors.errors import ExtractionError
from extractors.structure import Block, Line, _paragraph
from extractors.structure_lists import (
    Subheading,
    _fold_ws,
    _is_story,
    _key,
    restore_headings,
)
from extractors.structure_tables import _fold

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
OLD_WS = re.compile(r"\s+")


def old_fold_ws(text: str) -> str:
    return OLD_WS.sub(" ", text).strip()


def old_restore_headings(blocks, headings):
    """restore_headings as it was: a block's first-line key made for every lost heading."""
    if not headings:
        return blocks, 0
    present = {_key(line.text) for block in blocks for line in block.lines}
    result = list(blocks)
    restored = 0
    for heading in headings:
        if _key(heading.text) in present:
            continue
        at = next((i for i, block in enumerate(result) if block.lines
                   and _key(block.lines[0].text).startswith(heading.follows)), None)
        if at is None or at == 0:
            continue
        if not (_is_story(result[at - 1], last=True) and _is_story(result[at], last=False)):
            continue
        line = Line(heading.text, "#" * heading.level + " " + heading.text)
        result.insert(at, Block("head", (line,)))
        present.add(_key(heading.text))
        restored += 1
    return tuple(result), restored


SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


def test_the_regex_and_split_know_the_same_whitespace():
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if OLD_WS.fullmatch(c)] == SPACES


def test_random_texts_fold_as_before():
    alphabet = [*SPACES, "a", "B", "é", "词", "\u200b", "\ufeff", "x y"]
    rng = random.Random(20261127)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _fold_ws(text) == old_fold_ws(text), repr(text)
        assert _fold(text) == old_fold_ws(text).lower(), repr(text)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_texts_fold_as_before(page: Path):
    tree = lxml_html.document_fromstring(page.read_bytes())
    for element in tree.iter("p", "li", "h2", "h3", "td", "div", "span"):
        text = element.text_content()
        assert _fold_ws(text) == old_fold_ws(text)
        assert _fold(text) == old_fold_ws(text).lower()


def _p(*texts: str) -> Block:
    return Block("p", tuple(Line(t, t) for t in texts))


PROSE = "This paragraph is long enough to count as prose in the story, well past eighty chars."
BLOCKS = (_p("Headline"), _p(PROSE), _p("The storm reached the coast. " + PROSE),
          Block("list", (Line("a", "- a"),)), _p("Later that night " + PROSE),
          _p("the storm reached the coast again " + PROSE), Block("table", ()))
HEADINGS = (Subheading("The storm", 2, "the storm reached the coast"),
            Subheading("Headline", 2, "headline"),
            Subheading("At night", 3, "later that night"),
            Subheading("Nowhere", 2, "not in the body at all"),
            Subheading("At night", 3, "later that night"),
            Subheading("Again", 4, "the storm reached"),
            Subheading("First", 2, "headline"))


def test_crafted_headings_go_back_as_before():
    for n in range(len(HEADINGS) + 1):
        for headings in (HEADINGS[:n], HEADINGS[n:], HEADINGS[::-1][:n]):
            assert restore_headings(BLOCKS, headings) == old_restore_headings(BLOCKS, headings)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_bodies_take_headings_back_as_before(page: Path):
    try:
        markdown = extract(page.read_bytes(), "https://news.example.com/a/1.html").markdown
    except ExtractionError:
        return
    blocks = tuple(_paragraph(chunk) for chunk in markdown.split("\n\n") if chunk)
    headings = tuple(Subheading(f"Heading {n}", 2, _key(b.lines[0].text)[:40])
                     for n, b in enumerate(blocks) if len(_key(b.lines[0].text)) >= 10)
    assert restore_headings(blocks, headings) == old_restore_headings(blocks, headings)
