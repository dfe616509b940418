"""meta_line_shape's shortcuts (no counter pattern without a digit, no person pattern
without a character a name starts with, ASCII digits by regex) give exactly what the
full sequence of patterns gave: the reference below is that sequence, run on every short
line of the fixture pages and on crafted lines."""

from __future__ import annotations

import re

import pytest

from extractors.metafields import (
    _ANY_LABEL,
    _FIELD,
    _LABEL_MARKS,
    _NUMBER,
    _ROLE_BY,
    _SEPARATORS,
    MAX_CHARS,
    META_FIELDS,
    MetaLineShape,
    _reads_as_sentence,
    _take_dates,
    meta_line_shape,
)

from .fixture_lines import fixture_lines


def reference_shape(line: str) -> MetaLineShape | None:
    lexicon = META_FIELDS
    if not line or len(line) > MAX_CHARS or _reads_as_sentence(line):
        return None
    has_digit = any(ch.isdigit() for ch in line)
    if (not has_digit and _LABEL_MARKS.isdisjoint(line)
            and not line[:16].lower().startswith(lexicon.byline_starts)
            and _ROLE_BY.search(line) is None):
        return None
    rest, dated = (_take_dates(line, lexicon) if has_digit else (line, False))
    count = 0
    for pattern in (lexicon.counter_before, lexicon.counter_after, lexicon.person,
                    lexicon.section):
        rest, found = pattern.subn(f" {_FIELD} ", rest)
        count += found
    if not (dated or count):
        return None
    rest = _ANY_LABEL.sub(_FIELD, rest)
    rest = re.sub(rf"(?<![\w]){_NUMBER}(?![\w])", f" {_FIELD} ", rest)
    rest = lexicon.fillers.sub(" ", rest)
    if _SEPARATORS.sub("", rest.replace(_FIELD, "")):
        return None
    return MetaLineShape(dated, count > 0)


def _fixture_lines() -> list[str]:
    return fixture_lines(MAX_CHARS)


CRAFTED = [
    "Published on 12 May 2023 10:04 | Views: 2,310 | Editor: Jane Doe",
    "Fecha: 10/07/2022 Responsable: Ana Ruiz", "发布时间：2023-05-12 阅读：2310 责任编辑：王明",
    "editor: jane doe | views", "Editor | Jane Doe", "Fact-checked by Jane Doe", "编辑/王明",
    "views ٢٣١٠ | Autor: Hans", "lu ² fois", "Views: 2310", "by ana ruiz", "Par Élodie Durand",
]


@pytest.mark.parametrize("line", CRAFTED)
def test_crafted_lines_match_the_full_sequence(line: str):
    assert meta_line_shape(line) == reference_shape(line)


def test_fixture_lines_match_the_full_sequence():
    lines = _fixture_lines()
    assert len(lines) > 500
    assert [meta_line_shape(x) for x in lines] == [reference_shape(x) for x in lines]
