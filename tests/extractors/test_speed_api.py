"""content_hash folds whitespace with split/join: the same key as the regex it replaced."""

from __future__ import annotations

import hashlib
import re
import sys

import pytest

from extractors.api import content_hash

_OLD_WS = re.compile(r"\s+")


def _old_content_hash(text: str) -> str:
    return hashlib.sha256(_OLD_WS.sub(" ", text).strip().casefold().encode("utf-8")).hexdigest()


def test_every_whitespace_character_folds_as_before():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(spaces) > 20  # \t\n\x0b\x0c\r, \x1c-\x1f, NBSP, U+2000..., ideographic space
    for space in spaces:
        for text in (f"a{space}b", f"{space}a b{space}", f"a {space}{space} b", space):
            assert content_hash(text) == _old_content_hash(text), repr(space)


@pytest.mark.parametrize("text", [
    "", "word", "  Two   words \n\n and\tmore  ", "Straße ÉCOLE ǅ", "北京 市\u3000政府",
    "zero\u200bwidth is not a space", "line\u2028separator\u2029paragraph",
])
def test_texts_hash_as_before(text: str):
    assert content_hash(text) == _old_content_hash(text)
