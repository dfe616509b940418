"""A site's statement about the copy (where it came from, what readers may not do with it,
what the site does not answer for) goes in any wording — and a news sentence on the same
subjects stays. The wordings are our own, written to differ from the benchmark's templates."""

from __future__ import annotations

import pytest

from extractors.lexicon import load_lexicon

from .clutter_support import PROSE
from .clutter_support import kept_lines as _kept


@pytest.mark.parametrize("line", [
    "This item reached us through an automated news feed and our editors have not checked it.",
    "We cannot vouch for the accuracy of stories that arrive through partner feeds.",
    "Opinions in this piece belong to its writer; they do not necessarily reflect our position.",
    "Please ask for permission before you republish any part of this page.",
    "Dieser Inhalt stammt automatisch aus einem Partner-Feed; wir übernehmen keine Gewähr.",
    "Este texto se importa de forma automática desde fuentes externas; no garantizamos su "
    "exactitud.",
    "Ce billet provient automatiquement d'un flux partenaire ; nous déclinons toute "
    "responsabilité.",
    "本站内容由程序自动采集，不保证其准确性。",
])
def test_a_statement_the_site_makes_about_the_copy_goes_between_paragraphs(line: str) -> None:
    assert _kept([PROSE, line, PROSE]) == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    "Any reproduction in whole or in part without prior written consent is prohibited.",
    "Jede Vervielfältigung, auch auszugsweise, ist ohne Genehmigung untersagt.",
    "Se prohíbe la copia total o parcial sin permiso previo por escrito.",
])
def test_a_notice_of_four_concepts_goes_even_without_the_site_speaking(line: str) -> None:
    assert _kept([PROSE, line, PROSE]) == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    "Republication is not permitted without consent.",
    "Keine Gewähr für die Richtigkeit der Angaben.",
    "Reproducción prohibida sin autorización.",
])
def test_two_concepts_are_enough_before_or_after_the_story(line: str) -> None:
    assert _kept([PROSE, PROSE, line]) == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    # reported speech: a news story about copyright, feeds or liability quotes someone
    "We will not accept any liability for errors in the feed, the company said on Monday.",
    "“Reproduction without our permission is prohibited,” the museum's director warned.",
    "Nach Angaben des Verlags ist jede Vervielfältigung ohne Genehmigung untersagt, sagte er.",
    "La empresa dijo que no se hace responsable de la exactitud de los datos de terceros.",
    "« Nous déclinons toute responsabilité », a déclaré le porte-parole du groupe.",
    "该公司表示，将对第三方内容的准确性负责。",
    # news sentences naming such concepts without the site speaking
    "Under the new law, reproduction of the images without permission is prohibited.",
    "The regulator said automated trading feeds had distorted prices for weeks.",
    "The views of the authors of the report differ sharply from the ministry's.",
    "The copyright holders can contact the platform to have infringing material removed.",
    "In terms of reliability, we had the same failure rate with the older keyboard design.",
])
def test_news_sentences_on_the_same_subjects_stay(line: str) -> None:
    assert line in _kept([PROSE, line, PROSE])
    assert line in _kept([PROSE, PROSE, line])


def test_two_rules_can_share_one_vocabulary() -> None:
    lexicon = load_lexicon('''
[notice]
match = "concepts"
min_groups = 2
phrases = ["^note:"]
anchor_pattern = ["\\\\bwe\\\\b"]
unless = ["said"]
[notice.concepts]
copied = ["copied"]
unchecked = ["unchecked"]
[notice_edge]
match = "concepts"
concepts_from = "notice"
min_groups = 2
min_groups_unanchored = 2
''')
    inside, edge = lexicon.rules
    assert inside.matches("we copied it and it is unchecked")
    assert not inside.matches("it was copied and it is unchecked")
    assert not inside.matches("we copied it and it is unchecked, he said")
    assert edge.matches("it was copied and it is unchecked")
    assert not edge.matches("it was copied and it is fine")


def test_concepts_from_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="concepts_from"):
        load_lexicon('[x]\nmatch = "concepts"\nconcepts_from = "nowhere"\nmin_groups = 1\n'
                     'phrases = ["^x"]\n')
