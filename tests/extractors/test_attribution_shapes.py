"""Credits found by their shape, for outlets and labels no list holds: a source-stem label
with any separator, a short lead-in with a credit word before a capitalised name, names cut
where the next meta field starts; and the meta lines they sit in go whole."""

from __future__ import annotations

import pytest

from extractors.attribution import find_credit, find_original_source
from extractors.metafields import is_meta_line

STORY = [
    "The council approved the new budget on Tuesday after a long debate.",
    "The mayor said the vote was a relief for schools and for the harbour.",
    "Opposition members argued the plan would raise local taxes next year.",
    "A final reading is expected before the end of the month, officials said.",
]


@pytest.mark.parametrize(("line", "outlet"), [
    # a word holding a source stem, then a colon, bar, slash or dash
    ("Newsquelle: Harzer Tageblatt", "Harzer Tageblatt"),
    ("Fuente de la información: Diario del Sureste", "Diario del Sureste"),
    ("Source » Riverside Courier", "Riverside Courier"),
    ("Source | Riverside Courier", "Riverside Courier"),
    ("Herkunft / Nordsee Bote", "Nordsee Bote"),
    ("消息来源丨滨江晚报", "滨江晚报"),
    # a lead-in with a credit word and a preposition, then a capitalised name
    ("First seen in the Riverside Courier", "the Riverside Courier"),
    ("Adapted from Coastal Weekly", "Coastal Weekly"),
    ("Reproduit avec l'accord de La Gazette du Lac", "La Gazette du Lac"),
    ("Übernommen aus dem Nordsee Boten", "Nordsee Boten"),
    ("Tomada de El Vigía del Valle", "El Vigía del Valle"),
    ("Laut Harzer Tageblatt", "Harzer Tageblatt"),
    # ... in a meta line, between a date and a counter or an editor
    ("12.03.2024, 08:15 Uhr Übernommen von Harzer Tageblatt Schon 512 Leser",
     "Harzer Tageblatt"),
    ("Mis en ligne le 3 mars 2024 Repris de La Gazette du Lac Lu par 880 personnes",
     "La Gazette du Lac"),
    ("March 3, 2024 Adapted from Coastal Weekly Page editor: Tom Reed", "Coastal Weekly"),
])
def test_a_credit_is_found_by_its_shape(line: str, outlet: str) -> None:
    credit = find_credit(line)
    assert credit is not None and credit.outlet == outlet


@pytest.mark.parametrize("line", [
    "The source code is published on GitHub.",
    "Selon Le Monde, la France a perdu trois points de croissance.",
    "Según informó la concejala de Cultura, las bibliotecas abrirán.",
    "Adapted from a novel by the late author, the film opens today.",
    "Bildquelle: Jana Berg",
    "Vorherige Meldung: Sturm legt Bahnverkehr lahm",
    "凡注明“来源：本站”的作品，均为本站原创",
    "Published: May 4, 2024 at 14:01 UTC",
    "Written by Tom Reed",
])
def test_prose_pictures_and_other_boxes_are_no_credit(line: str) -> None:
    credit = find_credit(line)
    assert credit is None


def test_a_meta_line_with_a_shaped_credit_goes_whole_and_names_the_outlet() -> None:
    meta = "Posted 3 March 2024 Adapted from Coastal Weekly Seen 4,512 times"
    found = find_original_source("\n\n".join([meta, *STORY]))
    assert found.original_source == "Coastal Weekly"
    assert found.text == "\n\n".join(STORY)


def test_a_credit_sentence_about_the_article_goes_whole() -> None:
    text = "\n\n".join([*STORY, "This piece was first published by Coastal Weekly."])
    found = find_original_source(text)
    assert found.original_source == "Coastal Weekly"
    assert found.text == "\n\n".join(STORY)


@pytest.mark.parametrize("line", [
    "Desk editor | Tom Reed",
    "Redaktion — Jana Berg",
    "Checked by Tom Reed",
    "Edited and translated by Jana Berg",
    "Redaktion: Jana Berg, Tom Reed",
    "责编/林小雨",
    "Red.: Jana Berg",
    "Schon 512 Leser",
])
def test_editor_lines_with_any_separator_are_meta_lines(line: str) -> None:
    assert is_meta_line(line)


@pytest.mark.parametrize("line", [
    "The editor said the plan was - as he put it - good",
    "Photos by the sea | Summer",
    "Checked by the police, the car was released",
])
def test_sentences_with_the_same_words_are_not_meta_lines(line: str) -> None:
    assert not is_meta_line(line)


def test_a_credit_sentence_inside_a_meta_line_goes_with_the_line() -> None:
    meta = "Posted 3 March 2024 This piece first appeared in Coastal Weekly. 4,512 total reads"
    found = find_original_source("\n\n".join([meta, *STORY]))
    assert found.original_source == "Coastal Weekly"
    assert found.text == "\n\n".join(STORY)


@pytest.mark.parametrize(("line", "outlet"), [
    ("Agence : Radio Lac Rassemblé par Jean Roy", "Radio Lac"),
    ("Quelle: Harzer Tageblatt Von Jana Berg", "Harzer Tageblatt"),
    ("Source: Coastal Weekly Desk editor: Tom Reed", "Coastal Weekly"),
    ("Fuente: Diario del Sureste Leída 812 veces", "Diario del Sureste"),
])
def test_a_name_ends_where_the_next_field_starts(line: str, outlet: str) -> None:
    credit = find_credit(line)
    assert credit is not None and credit.outlet == outlet


def test_a_known_outlet_after_a_byline_word_in_a_meta_line_is_the_credit() -> None:
    assert find_credit("12.03.2024 08:15 Von ZDF Aufrufe: 312").outlet == "ZDF"
    assert find_credit("12.03.2024 08:15 Von Jana Berg Aufrufe: 312") is None


@pytest.mark.parametrize(("line", "outlet"), [
    ("Coastal Weekly reports", "Coastal Weekly"),
    ("12.03.2024 Harzer Tageblatt berichtet 312 Aufrufe", "Harzer Tageblatt"),
    ("滨江晚报供稿", "滨江晚报"),
    ("2024-03-12 据滨江晚报报道 阅读：312", "滨江晚报"),
])
def test_a_name_before_a_reporting_word_is_a_credit(line: str, outlet: str) -> None:
    credit = find_credit(line)
    assert credit is not None and credit.outlet == outlet


@pytest.mark.parametrize("line", [
    "The minister reports", "最新消息", "He said the BBC reports",
    "据滨江晚报报道，市政府将于明年启动改造。", "Reuters reported on Monday that the talks failed.",
])
def test_a_reporting_word_in_prose_or_a_box_is_no_credit(line: str) -> None:
    assert find_credit(line) is None


@pytest.mark.parametrize(("line", "outlet"), [
    ("【来源】滨江晚报", "滨江晚报"),
    ("来源：滨江晚报客户端", "滨江晚报"),
    ("本文经滨江晚报授权转载", "滨江晚报"),
    ("内容来自滨江晚报", "滨江晚报"),
    ("Story via Coastal Weekly", "Coastal Weekly"),
    ("Texto cedido por Diario del Sureste", "Diario del Sureste"),
])
def test_more_credit_shapes(line: str, outlet: str) -> None:
    found = find_original_source("\n\n".join([line, *STORY]))
    assert found.original_source == outlet
    assert found.text == "\n\n".join(STORY)


@pytest.mark.parametrize("line", [
    "Lesedauer: 3 Min.", "Publié le 12 juin 2023 • Lecture 3 min", "Ein Artikel von Jana Berg",
    "Texto y fotos: Ana Ruiz",
])
def test_reading_times_and_more_bylines_are_meta_lines(line: str) -> None:
    assert is_meta_line(line)


@pytest.mark.parametrize(("line", "outlet"), [
    ("Publicado el 3 de marzo de 2024 Fuente - Diario del Sureste Editado por Ana Ruiz",
     "Diario del Sureste"),
    ("03.03.2024 Quelle - dpa Von Jana Berg", "dpa"),
    ("Publié le 3 mars 2024 D'après Radio Lac Vues : 120", "Radio Lac"),
    ("Diario del Sureste informa", "Diario del Sureste"),
])
def test_the_outlet_not_the_editor_beside_it(line: str, outlet: str) -> None:
    credit = find_credit(line)
    assert credit is not None and credit.outlet == outlet
