"""Shared by the clutter-rule tests: a story paragraph, and what clean_blocks keeps of lines."""

from __future__ import annotations

from extractors.clean_blocks import clean_blocks
from extractors.lexicon import DEFAULT_LEXICON
from extractors.structure import Block, Line

PROSE = ("The council approved the new budget on Tuesday after a long debate, and the mayor "
         "said the money would go to schools, roads and the city's two public libraries.")


def kept_lines(lines: list[str]) -> list[str]:
    """The lines the default lexicon keeps, each given as its own paragraph."""
    blocks = tuple(Block("p", (Line(x, x),)) for x in lines)
    cleaned, _ = clean_blocks(blocks, DEFAULT_LEXICON)
    return [line.text for block in cleaned for line in block.lines]
