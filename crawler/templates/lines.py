"""A record's text as the lines template memory counts: folded key, words, and position."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import Article, count_words
from extractors.lexicon import fold_line

# A line that ends like a sentence: . ! ? … or their CJK forms, maybe inside quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"’”）)\]]*$")
# Markdown's line prefixes (heading, quote, list item) hide the line's text.
_MARKDOWN_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)+")


@dataclass(frozen=True)
class PageLine:
    key: str  # fold_line(text): case-, whitespace- and trailing-punctuation-folded
    text: str
    words: int
    reads_as_prose: bool  # a sentence or a paragraph, not a label, heading or headline


def page_lines(record: Article, prose_words: int) -> list[PageLine]:
    """The non-blank lines of ``record.text`` in order (repeats within the page kept)."""
    lines = []
    for raw in record.text.split("\n"):
        text = raw.strip()
        key = fold_line(text)
        if key:
            words = count_words(text)
            prose = words >= prose_words or (words >= 4 and bool(_SENTENCE_END.search(text)))
            lines.append(PageLine(key, text, words, prose))
    return lines


def markdown_key(line: str) -> str:
    """The folded key of a markdown line's text (prefixes and table pipes dropped)."""
    return fold_line(_MARKDOWN_PREFIX.sub("", line).replace("**", ""))


def title_guard(title: str | None) -> str:
    """The folded title: a line equal to it or inside it is never template."""
    return fold_line(title) if title else ""
