"""Meta and navigation lines by their shape, in wordings no rule lists: editorial roles
written as "<role> by <name>", counters with other counting words, breadcrumbs behind any
short label, "last/earlier article" links, sponsor labels, cookie banners — and, for each,
a similar line of a real story that must stay. The wordings are our own."""

from __future__ import annotations

import pytest

from extractors.metafields import is_meta_line

from .clutter_support import PROSE
from .clutter_support import kept_lines as _kept


@pytest.mark.parametrize("line", [
    "12.03.2021 | 09:15 Kuratiert von Lena Vogt",
    "Posted 4 March 2021 Curated by Tom Reed",
    "Publicado el 4 de marzo de 2021 Recopilado por Ana Ruiz",
    "Mis en ligne le 04/03/2021 Compilée par Léa Petit",
    "Erstellt am 04.03.2021 Redaktion: Lena Vogt (AFP)",
    "2021-03-04 09:15 3120 people viewed this",
    "04.03.2021 1520x aufgerufen",
    "发布时间：2021-03-04 累计3120人次阅读",
])
def test_a_line_of_meta_fields_in_new_wordings_is_a_meta_line(line: str) -> None:
    assert is_meta_line(line)


@pytest.mark.parametrize("line", [
    "Compiled by the statistics office, the figures cover 2019 to 2021.",
    "Kuratiert von zwei Studenten, zeigt die Ausstellung 40 Werke.",
    "In 2021 the club sold 3120 tickets for the final.",
])
def test_sentences_with_the_same_words_are_not_meta_lines(line: str) -> None:
    assert not is_meta_line(line)


@pytest.mark.parametrize("line", [
    "Curated by Tom Reed", "Zusammengestellt von Lena Vogt", "Recopilado por Ana Ruiz",
    "Compilée par Léa Petit", "V.i.S.d.P. Lena Vogt", "V.i.S.d.P.: Lena Vogt",
])
def test_an_editorial_role_line_goes_even_between_paragraphs(line: str) -> None:
    assert _kept([PROSE, line, PROSE]) == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    "Where you are: Home > Sport", "Navigation: Startseite » Sport", "Ruta: Portada › Deportes",
    "Earlier story: Floods close the coastal road", "Following article: Markets open lower",
    "Paid post", "Publi-reportage", "Contenido patrocinado por la marca", "Werbung / Anzeige",
    "推广内容", "We and our 84 partners store cookies on your device.",
    "Si sigue navegando, acepta nuestras cookies.", "Text size: S M L",
    "Sign up for weather alerts",
])
def test_navigation_and_banner_lines_in_new_wordings_go(line: str) -> None:
    assert _kept([line, PROSE, PROSE]) == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    "The earlier story of the town is told in its museum.",
    "Paid parental leave will rise to 20 weeks next year.",
    "Regulators said the site uses cookies to track children without consent.",
    "Sponsors of the bill say it will cut costs for families.",
    "Home > Sport was the route the old tram took, residents recall.",
    "All...", "Sizes: all",
])
def test_story_lines_with_the_same_words_stay(line: str) -> None:
    assert line in _kept([PROSE, line, PROSE])


@pytest.mark.parametrize("line", [
    "Filed 4 March 2021 09:15", "Online seit 04.03.2021", "En línea desde el 04/03/2021",
    "Rédigé le 04/03/2021 à 09h15", "Issued 2021-03-04 Views so far: 3120",
    "Night desk editor: Tom Reed", "Schlussredaktion: Lena Vogt", "Revisión de estilo: Ana Ruiz",
    "网络编辑：王芳",
])
def test_date_labels_and_role_labels_no_rule_lists_are_meta_lines(line: str) -> None:
    assert is_meta_line(line)


@pytest.mark.parametrize("line", ["Main image credit: Getty", "Crédits : AFP",
                                  "Since 2021 prices have doubled"])
def test_a_credit_or_a_sentence_is_no_role_or_date_label(line: str) -> None:
    assert not is_meta_line(line)


@pytest.mark.parametrize("line", [
    "World > Europe > Story", "Noticias » España » Madrid", "Sport › Fußball › Bundesliga",
    "Earlier: Floods close the coastal road", "Später: Markt öffnet schwächer",
    "Après : La ville vote son budget",
])
def test_a_trail_of_sections_or_a_before_after_link_goes_at_the_edge(line: str) -> None:
    assert _kept([PROSE, PROSE, line]) == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    "Later: the council will vote again in June.",  # a sentence, between paragraphs
    "Sales rose > 10% > forecast > last year",
])
def test_the_same_shapes_between_paragraphs_stay(line: str) -> None:
    assert line in _kept([PROSE, line, PROSE])
