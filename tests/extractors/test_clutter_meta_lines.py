"""Meta lines: a line made only of date, counter, person and section fields goes from the
body whatever its labels' wording; a sentence that merely holds a date or a name stays."""

from __future__ import annotations

import pytest

from extractors.metafields import is_meta_line, meta_line_shape

from .clutter_support import PROSE
from .clutter_support import kept_lines as _kept


@pytest.mark.parametrize("line", [
    "Mis en ligne le 3 mars 2021 à 14h05 | 812 vues | Rédactrice : Anne Morel",
    "Fecha de publicación: 4 de mayo de 2022 · Leído 1.204 veces · Responsable: Pablo Gil",
    "Erschienen am 12.05.2023, 09:41 Uhr · Redaktion: Jonas Weber",
    "Posted 3 hours ago by Tom Reed",
    "发稿时间：2023-05-12 09:41 点击：2310 审核：李强",
    "Responsable éditoriale : Marie Lenoir",
    "Coordinación: Elena Ruiz",
    "1.204 lectores",
])
def test_a_line_of_meta_fields_is_a_meta_line(line: str) -> None:
    assert is_meta_line(line)


@pytest.mark.parametrize("line", [
    "The minister said on May 3, 2021 that the talks would go on.",
    "Berlin, 12.05.2023",
    "Einwohner: 12.000",
    "March 3, 2021: Company founded",
    "Editor: this is a long sentence about things",
    "By the end of 2021, prices had risen 5 percent",
    "Q: Where did you grow up?",
    "Handwerk 480 -8 %",
    "Publié le 3 mars 2021 à 14h05 Source : AFP",  # a credit: attribution's to judge
])
def test_a_sentence_or_a_data_row_is_not_a_meta_line(line: str) -> None:
    assert meta_line_shape(line) is None


def test_a_dated_meta_line_goes_at_the_edge_but_a_date_between_paragraphs_stays() -> None:
    line = "Mis en ligne le 3 mars 2021 à 14h05"
    assert _kept([line, PROSE, PROSE]) == [PROSE, PROSE]
    assert line in _kept([PROSE, line, PROSE])


def test_a_labelled_editor_line_goes_even_between_paragraphs() -> None:
    line = "Responsable: Pablo Gil"
    assert _kept([PROSE, line, PROSE]) == [PROSE, PROSE]


def test_a_byline_needs_a_capitalised_name() -> None:
    assert is_meta_line("Par Jean de la Fontaine")
    assert not is_meta_line("Von Berlin aus gesehen")
