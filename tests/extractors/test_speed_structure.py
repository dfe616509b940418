"""The block text cleaner spelt with str methods cleans exactly as its two regexes did."""

from __future__ import annotations

import random
import re

import pytest

from extractors.structure import _clean

_OLD_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_OLD_LINE_BREAK_SPACES = re.compile(r" *\n *")


def _old_clean(text: str) -> str:
    text = _OLD_SPACES.sub(" ", text)
    text = _OLD_LINE_BREAK_SPACES.sub("\n", text)
    return "\n".join(x for x in text.split("\n") if x.strip()).strip()


# Spaces the old pattern folded, whitespace it did not (strip() still removes it at the
# ends), line breaks str.splitlines() knows but split("\n") does not, and letters.
ALPHABET = " \t\r\f\v\u00a0\u200b\n\u3000\u2003\x1c\x85\u2028ab"
EDGES = ["", " ", "\n", " \n ", "a", " a ", "a  b", "a\t\tb", "a \n b", "a\n\n\nb", "\u3000a\u3000",
         " \u3000 a \u3000 ", "a \u200b b", "\u00a0\n\u00a0", "a\x1cb\n c\u2028", "x \n\u2003\n y",
         # one line, no run of spaces, no space at an end: the short way
         "ab", "a b", "\u3000", "\u2003a b\x85", "\x1c", "a\u2028b", "\ta", "a\u00a0", "a\u200b",
         "a \u3000 b", "\u3000 \u3000"]


@pytest.mark.parametrize("text", EDGES)
def test_edge_cases_clean_as_before(text: str):
    assert _clean(text) == _old_clean(text)


def test_random_texts_clean_as_before():
    rng = random.Random(20261127)
    for _ in range(20000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))
        assert _clean(text) == _old_clean(text), repr(text)
