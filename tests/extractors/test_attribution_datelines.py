"""Credits: a credit is never cut out of a sentence (whole lines go, or the sentence stays),
and a wire dateline opening the story names the agency while its sentence stays whole."""

from __future__ import annotations

import pytest

from extractors.attribution import find_original_source

REST = "The second paragraph of the story goes on with more detail about the plans."


def test_a_phrase_credit_inside_a_sentence_is_never_cut_out() -> None:
    line = "This report was first published by The Harbour Gazette. Read the original report."
    found = find_original_source(f"{REST}\n\n{line}")
    assert found.original_source == "The Harbour Gazette"
    assert found.text == f"{REST}\n\n{line}"
    assert found.removed_lines == ()


def test_a_line_that_is_only_a_credit_and_meta_fields_goes_whole() -> None:
    line = "Publié le 3 mars 2021 à 14h05 Source : AFP Lu 812 fois Rédactrice : Anne Morel"
    found = find_original_source(f"{line}\n\n{REST}")
    assert found.original_source == "AFP"
    assert found.text == REST
    assert found.removed_lines == (line,)


def test_a_credit_sentence_after_the_story_s_last_sentence_is_cut_at_the_sentence() -> None:
    found = find_original_source(f"{REST}\n\nThe vote is on Friday. Quelle: dpa")
    assert found.original_source == "dpa"
    assert found.text.endswith("The vote is on Friday.")


@pytest.mark.parametrize(("first", "outlet"), [
    ("PARIS (AFP) - Le gouvernement a présenté mardi son plan pour le logement.", "AFP"),
    ("Hamburg (dpa) - Der Hafen meldet einen neuen Rekord.", "dpa"),
    ("SEVILLA, 3 Mar. (EUROPA PRESS) - La Junta ha aprobado el plan.", "EUROPA PRESS"),
    ("(AP) — Lawmakers met again on Monday to discuss the bill.", "AP"),
    ("中新社上海5月2日电（记者 王明）上海今天发布新政策。", "中新社"),
    ("（新华社）国务院今天召开常务会议。", "新华社"),
])
def test_a_wire_dateline_names_the_agency_and_the_sentence_stays(first: str, outlet: str) -> None:
    text = f"{first}\n\n{REST}"
    found = find_original_source(text)
    assert found.original_source == outlet
    assert found.text == text


@pytest.mark.parametrize("first", [
    "The United Nations (UN) - which met today - agreed on a text.",
    "Officials (who asked not to be named) - said the plan was dead.",
    "In 2020 (the year of the pandemic) - sales fell by half.",
])
def test_brackets_in_a_sentence_are_not_a_dateline(first: str) -> None:
    assert find_original_source(f"{first}\n\n{REST}").original_source is None


def test_a_labelled_credit_beats_a_dateline() -> None:
    text = f"LONDON (Reuters) - Talks went on.\n\n{REST}\n\nSource: The Daily Ledger"
    assert find_original_source(text).original_source == "The Daily Ledger"


def test_a_credit_sentence_opening_the_line_is_cut_at_the_sentence() -> None:
    found = find_original_source(f"Source: Reuters. The company cut jobs.\n\n{REST}")
    assert found.original_source == "Reuters"
    assert found.text.startswith("The company cut jobs.\n\n")
    assert found.removed_lines == ("Source: Reuters",)


def test_a_credit_in_brackets_inside_a_sentence_leaves_the_sentence_whole() -> None:
    line = "Prices rose again in May (source: Eurostat) and fell in June."
    assert find_original_source(f"{line}\n\n{REST}").text.startswith(line)
