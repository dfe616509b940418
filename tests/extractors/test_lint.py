"""The clutter lint flags clutter left in a final text and leaves article sentences alone."""

import pytest

from extractors.lexicon import DEFAULT_LEXICON
from extractors.lint import clutter_lint

STORY = ("Police use of foreign cameras should worry ministers, the watchdog said.\n\n"
         "The survey found large amounts of equipment in use.")


@pytest.mark.parametrize(("line", "rule_id"), [
    ("Back to top", "back_to_top"),
    ("Copyright © 2016 Powered by Example News, sitemap", "copyright"),
    ("Randomly recommend to you", "recommend_box"),
    ("责任编辑：张伟", "editor_line"),
    ("Vous êtes ici : Accueil > Société", "breadcrumb"),
])
def test_a_clutter_line_left_in_the_text_is_flagged(line, rule_id):
    hits = clutter_lint(f"{STORY}\n\n{line}", DEFAULT_LEXICON)
    assert hits == (f"{rule_id}: {line}",)


def test_distinctive_phrases_are_flagged_inside_a_longer_line():
    text = f"{STORY}\n\nThe end of the story. Randomly recommend to you: more stories here."
    assert [h.split(":")[0] for h in clutter_lint(text, DEFAULT_LEXICON)] == ["recommend_box"]
    text = f"{STORY}\n\n记者从现场了解到，事故原因正在调查中。（责任编辑：李娜）"
    assert [h.split(":")[0] for h in clutter_lint(text, DEFAULT_LEXICON)] == ["editor_line"]


@pytest.mark.parametrize("sentence", [
    "The court said that copyright law protects the photographs even when shared online.",
    "Copyright lawyers say the ruling is the most important in a decade.",
    "The museum's collection is powered by donations from across the region.",
    "Back to top form, the striker scored twice on Saturday.",
    "Readers can search for the full report on the ministry's website.",
    "Related research found similar results in three other countries.",
])
def test_article_sentences_are_not_flagged(sentence):
    assert clutter_lint(f"{STORY}\n\n{sentence}", DEFAULT_LEXICON) == ()


def test_rules_without_lint_are_not_flagged():
    # datelines are removed from bodies but are not a lint finding (dates can be content)
    assert clutter_lint(f"{STORY}\n\nPublished on 2022-09-15 02:59:14", DEFAULT_LEXICON) == ()
