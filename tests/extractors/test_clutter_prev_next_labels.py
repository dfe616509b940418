"""Links to the neighbouring stories behind any short "previous / next" label (prev_next_label)."""

import pytest

from .clutter_support import PROSE, kept_lines

GONE_AFTER_THE_STORY = [
    "PRECEDING — Harbour ferry fares to rise in spring",
    "Read previous » Harbour ferry fares to rise in spring",
    "Older post / Harbour ferry fares to rise in spring",
    "Going back: Harbour ferry fares to rise in spring",
    "Up next · Harbour ferry fares to rise in spring",
    "Vorige Story — Fährpreise steigen im Frühjahr",
    "Danach: Fährpreise steigen im Frühjahr",
    "Noticia previa · Suben las tarifas del ferry",
    "Después » Suben las tarifas del ferry",
    "Billet précédent — Les tarifs du ferry augmentent",
    "Ensuite : Les tarifs du ferry augmentent",
    "◀ 上一篇报道：渡轮票价春季上调",
    "下一條 渡轮票价春季上调",
    "‹‹ Harbour ferry fares to rise in spring",
    "Harbour ferry fares to rise in spring ››",
]


@pytest.mark.parametrize("line", GONE_AFTER_THE_STORY)
def test_a_previous_or_next_link_after_the_story_goes(line):
    assert kept_lines([PROSE, line]) == [PROSE]


@pytest.mark.parametrize("line", [
    "Next week the council will vote on the remaining parts of the plan.",
    "After the long debate: what the budget means for schools",
    "Después de la votación, el alcalde agradeció el apoyo de los vecinos.",
    "Avant la réunion, les habitants avaient signé une pétition.",
])
def test_sentences_and_headings_that_start_with_a_time_word_stay(line):
    assert kept_lines([PROSE, line]) == [PROSE, line]


def test_a_previous_label_between_paragraphs_is_not_taken_for_a_link():
    line = "Previously: the council had rejected two versions of the plan"
    assert kept_lines([PROSE, line, PROSE]) == [PROSE, line, PROSE]


@pytest.mark.parametrize("line", [
    "Earlier item ‣ Harbour ferry fares to rise in spring",
    "Billet antérieur : Les tarifs du ferry augmentent",
    "Retroceder: Suben las tarifas del ferry",
    "Zurückblättern: Fährpreise steigen im Frühjahr",
    "Neuer: Fährpreise steigen im Frühjahr",
])
def test_navigation_words_and_other_signs_lead_to_a_neighbouring_story(line):
    assert kept_lines([PROSE, line]) == [PROSE]
