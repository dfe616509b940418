"""When does an extracted text still hold a clutter line? One rule, shared by the generator,
its tests and the benchmark, so "ground truth holds no clutter" and "the output kept clutter"
mean the same thing.

Both sides are reduced to their ``\\w+`` words, case-folded (punctuation, "|" separators and
spacing never decide). A clutter line counts as kept when

- an output line has exactly its words (this is how a short line such as "Top", "Share" or
  "广告" is caught without flagging every paragraph that uses the word), or
- it is distinctive (3+ words, or 4+ CJK characters) and its word sequence occurs anywhere in
  the output, even across line breaks. CJK text has no spaces, so there the comparison runs
  on the words glued together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
DISTINCTIVE_WORDS = 3
DISTINCTIVE_CJK_CHARS = 4


def tokens(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def is_distinctive(line: str) -> bool:
    cjk_chars = len(_CJK.findall(line))
    return len(tokens(line)) >= DISTINCTIVE_WORDS or cjk_chars >= DISTINCTIVE_CJK_CHARS


class TextIndex:
    """An extracted text prepared once for many clutter-line look-ups."""

    def __init__(self, text: str) -> None:
        self._lines = {tokens(line) for line in text.split("\n")} - {()}
        words = tokens(text)
        self._spaced = " " + " ".join(words) + " "
        self._glued = "".join(words)

    def holds(self, line: str) -> bool:
        wanted = tokens(line)
        if not wanted:
            return False
        if wanted in self._lines:
            return True
        if not is_distinctive(line):
            return False
        if _CJK.search(line):
            return "".join(wanted) in self._glued
        return " " + " ".join(wanted) + " " in self._spaced

    def contains_words_of(self, fragment: str) -> bool:
        """Looser test for body pieces (list items): the words occur in order, anywhere."""
        wanted = tokens(fragment)
        if not wanted:
            return True
        if _CJK.search(fragment):
            return "".join(wanted) in self._glued
        return " " + " ".join(wanted) + " " in self._spaced


def kept_lines(text: str, lines: Iterable[str]) -> list[str]:
    """The clutter ``lines`` that ``text`` still holds, in the order given."""
    index = TextIndex(text)
    return [line for line in lines if index.holds(line)]
