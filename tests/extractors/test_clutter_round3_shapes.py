"""Third round of clutter rules by shape (our own wordings, none from a benchmark list):
previous/next links by their words, box headings, sponsor lines, cookie lines addressed to the
reader, text-size switches with verbs; a font-size line is no credit; an outlet after "By" is
a credit, not a byline. Each group has similar story lines that must stay."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.attribution import find_credit, find_original_source
from extractors.authors import byline_in_line, clean_authors
from extractors.lexicon import DEFAULT_LEXICON

from .clutter_support import kept_lines as _kept

PROSE = ("The council approved the new budget on Tuesday after a long debate, and the mayor "
         "said the money would go to schools, roads and the city's two public libraries.")
STORY_ES = [
    "El ayuntamiento aprobó el nuevo presupuesto el martes tras un largo debate en el pleno.",
    "La alcaldesa dijo que la votación era un alivio para las escuelas y para el puerto.",
    "Los concejales de la oposición sostienen que el plan subirá los impuestos locales.",
]


def _rule(line: str) -> str | None:
    rule = DEFAULT_LEXICON.first_match(line)
    return rule.id if rule is not None else None


@pytest.mark.parametrize("line", [
    "Go to previous story: Harbour works start in May",
    "Jump to next article: Harbour works start in May",
    "Zur vorherigen Meldung", "Älterer Beitrag: Hafenarbeiten beginnen im Mai",
    "Nächster Bericht: Hafenarbeiten beginnen im Mai",
    "Ir a la crónica anterior", "Próxima noticia: Las obras del puerto empiezan en mayo",
    "Historia siguiente: Las obras del puerto empiezan en mayo",
    "Aller à la dépêche suivante", "Brève précédente : Les travaux du port débutent en mai",
])
def test_a_previous_or_next_link_goes_by_its_words(line: str) -> None:
    assert _kept([PROSE, line]) == [PROSE]


@pytest.mark.parametrize("line", [
    "The next story in the series follows the harbour workers through the winter.",
    "Nächste Woche: Der Rat berät über den Hafen",
    "La noticia anterior fue desmentida por el ayuntamiento el martes por la tarde.",
    "Le sujet précédent a été très commenté par les habitants du quartier.",
    "Previous reports said the harbour would close in May.",
])
def test_story_lines_with_previous_or_next_words_stay(line: str) -> None:
    assert _kept([PROSE, line, PROSE]) == [PROSE, line, PROSE]


@pytest.mark.parametrize("line", [
    "Stories you might enjoy", "What you may have missed", "Popular on Harbour Daily",
    "Hottest reads", "Top 5 right now", "Passend dazu", "Gerade beliebt",
    "Tal vez te guste", "Contenidos recomendados", "Le fil d'actu",
])
def test_a_box_heading_is_known_by_its_shape(line: str) -> None:
    assert DEFAULT_LEXICON.is_box_label(line) is not None


@pytest.mark.parametrize("line", [
    "Más de la mitad de los vecinos", "More than half of the residents",
    "Popular support for the plan", "Top officials met on Tuesday",
])
def test_short_story_headings_are_no_box_heading(line: str) -> None:
    assert DEFAULT_LEXICON.is_box_label(line) is None


@pytest.mark.parametrize("line", [
    "Advertisement · Keep reading below", "Commercial content", "Presented by our partners",
    "Bezahlter Beitrag", "Anzeige – weiter unten geht es weiter", "Anuncio patrocinado",
    "Publicidad - sigue leyendo abajo", "Contenu proposé par nos partenaires", "合作推广",
])
def test_a_sponsor_line_goes(line: str) -> None:
    assert _kept([PROSE, line, PROSE]) == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    "The company paid for the advertisement below the bridge.",
    "Brought to you by the city's youth orchestra, the concert drew 2,000 people.",
    "El anuncio del Gobierno llegó el martes por la tarde.",
])
def test_story_lines_about_ads_stay(line: str) -> None:
    assert _kept([PROSE, line, PROSE]) == [PROSE, line, PROSE]


@pytest.mark.parametrize("line", [
    "You can review your cookie choices in the footer at any time.",
    "Your privacy matters: we store cookies on your device only with your consent.",
    "Sie können Ihre Cookie-Einstellungen jederzeit ändern.",
    "Puede cambiar sus preferencias de cookies cuando quiera.",
    "Gérez vos choix de cookies à tout moment.",
    "我们和合作伙伴会使用Cookie来记录您的偏好。",
    "Cookies ermöglichen uns die Bereitstellung unserer Dienste.",
    "Cookies nos ayudan a mejorar nuestros servicios.",
])
def test_a_cookie_line_addressed_to_the_reader_goes(line: str) -> None:
    assert _kept([PROSE, line, PROSE]) == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    "Regulators said the firm stored cookies on your device without consent, a practice "
    "now under review.",
    "According to the ruling, sites must ask before they store cookies.",
    "The bakery sold out of cookies before noon on Saturday.",
])
def test_story_lines_about_cookies_stay(line: str) -> None:
    assert _kept([PROSE, line, PROSE]) == [PROSE, line, PROSE]


@pytest.mark.parametrize("line", [
    "Texte : agrandir | réduire", "Schrift: vergrößern verkleinern", "Texto: aumentar | disminuir",
])
def test_a_size_switch_of_verbs_goes(line: str) -> None:
    assert _rule(line) in {"font_size", "font_size_switch"}


@pytest.mark.parametrize("line", [
    "Fuente: pequeño / mediano / grande", "Fuente: pequeño | mediano | grande",
])
def test_a_font_size_line_is_no_credit_and_goes(line: str) -> None:
    assert find_credit(line) is None
    assert _rule(line) in {"font_size", "font_size_switch"}
    text = "\n\n".join([*STORY_ES, line])
    found = find_original_source(text, text)
    assert found.original_source is None


def test_a_font_size_switch_ending_a_meta_line_is_no_credit() -> None:
    line = "Publicado el 22 de enero de 2023 Fuente: pequeño | mediano | grande"
    assert find_credit(line) is None


def test_a_real_source_label_in_spanish_is_still_a_credit() -> None:
    found = find_credit("Fuente: EFE")
    assert found is not None and found.outlet == "EFE"


@pytest.mark.parametrize(("line", "outlet"), [
    ("Von ZDF", "ZDF"), ("Par Libération", "Libération"), ("Por RTVE", "RTVE"),
    ("本文来自澎湃新闻", "澎湃新闻"),
])
def test_an_outlet_after_by_is_a_credit_not_a_byline(line: str, outlet: str) -> None:
    assert byline_in_line(line) is None
    assert clean_authors([line]) == ()
    html = ("<html><head><title>Presupuesto aprobado</title></head><body><article>"
            "<h1>Presupuesto aprobado</h1>" + f"<p class='author'>{line}</p>"
            + "".join(f"<p>{p}</p>" for p in STORY_ES) + "</article></body></html>")
    record = extract(html.encode(), "https://www.example.es/a/1.html")
    assert record.original_source == outlet
    assert record.authors == ()
    assert line not in record.text


@pytest.mark.parametrize(("line", "name"), [
    ("Von Anna Schmidt", "Anna Schmidt"), ("Por María López", "María López"),
    ("Par Claire Vasseur", "Claire Vasseur"), ("By Jane Doe", "Jane Doe"),
])
def test_a_person_after_by_is_still_a_byline(line: str, name: str) -> None:
    assert byline_in_line(line) == name
    assert clean_authors([line]) == (name,)
