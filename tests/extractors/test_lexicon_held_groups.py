"""A concept rule first counts the groups within reach of a line by one scan for all their
literals (``HeldSets``), and ends there when too few are; the groups out of reach are noted
as not named. Held to the former spelling (kept here: every group searched in turn) on
every concept rule of the lexicon, alone and sharing one lookup's memo, over crafted lines,
every text of the fixture pages and random strings; ``held`` never misses a set."""

from __future__ import annotations

import random

import pytest

from extractors.lexicon import DEFAULT_LEXICON, ClutterRule, fold_line
from extractors.regex_literals import HeldSets, required_literals

from .fixture_lines import fixture_lines

CRAFTED = [
    "Disclaimer: this article was automatically imported from a partner feed and may not be "
    "reproduced without permission.",
    "Note: reproduction without our written permission is prohibited; we accept no liability.",
    "All content on this site comes from the internet; if your rights are infringed, contact "
    "us and we will delete it.",
    "本站部分内容来源于网络，仅供参考，不代表本站观点，如有侵权请联系我们删除。",
    "Toute reproduction, même partielle, est interdite sans autorisation préalable de la "
    "rédaction, et le contenu n'engage que son auteur.",
    "Die Übernahme und Vervielfältigung der Inhalte ist ohne Zustimmung der Redaktion verboten.",
    "The minister said the copyright law would change after the court ruling on reproduction.",
    "Hinweis: Alle Angaben ohne Gewähr, Haftung ausgeschlossen, Nachdruck nur mit Erlaubnis.",
    "", "copy", "rss feed", "this site", "reproduction permission prohibited liability",
]
PIECES = ["reproduc", "copy", "permission", "prohibited", "without", "consent", "our site",
          "this site", "we ", "please ", "liability", "accuracy", "feed", "rss ", "automatic",
          "third part", "views", "said ", "«", "”", "转载", "禁止", "本站", "note: ",
          "disclaimer: ", "nachdruck", "verboten", "autorisation", "interdite", "x", " ", ", "]


def _keys() -> list[str]:
    keys = {fold_line(line) for line in CRAFTED + fixture_lines(500)}
    rng = random.Random(17)
    keys |= {"".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
             for _ in range(4000)}
    return sorted(key for key in keys if key)


KEYS = _keys()
RULES = [rule for rule in DEFAULT_LEXICON.rules if rule.match == "concepts"]


def _former_names_concepts(rule: ClutterRule, key: str) -> bool:
    """_names_concepts as it was: the veto, then every group searched in turn."""
    if not key or len(key) > rule.max_chars or len(key) < rule.min_chars:
        return False
    if (rule.needs_stems or rule.needs_any) and not rule._has_needed_word(key):
        return False
    needed = (rule.min_groups if rule._speaks_for_itself(key, {})
              else rule.min_groups_unanchored)
    if needed < 1 or (rule.unless is not None and rule.unless.search(key)):
        return False
    return sum(1 for group in rule.concepts if group.search(key)) >= needed


def test_some_concept_rules_count_their_groups_in_one_scan():
    assert [rule.id for rule in RULES if rule.held_groups is not None]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_concept_rules_answer_as_before(rule: ClutterRule):
    for key in KEYS:
        assert rule.matches_folded(key) == _former_names_concepts(rule, key), (rule.id, key)


def test_rules_sharing_a_lookup_s_memo_answer_as_alone():
    for key in KEYS:
        memo: dict[str, bool] = {}
        for rule in RULES:
            assert rule.matches_folded(key, memo) == _former_names_concepts(rule, key), (
                rule.id, key)


@pytest.mark.parametrize("rule", [r for r in RULES if r.held_groups is not None],
                         ids=lambda r: r.id)
def test_held_never_misses_a_group_whose_literals_are_there(rule: ClutterRule):
    sets = [required_literals(rule.concepts[i].pattern) for i in rule.gated_groups]
    for key in KEYS:
        held = rule.held_groups.held(key)
        for position, found in enumerate(sets):
            if any(x in key for x in found):
                assert position in held, (rule.id, key, position)


def test_held_sets_on_overlapping_literals():
    sets = [frozenset({"reproduction"}), frozenset({"reproduc", "copy"}), frozenset({"pro"}),
            frozenset({"duct"})]
    finder = HeldSets(sets)
    for line, expected in [("reproduction", {0, 1, 2, 3}), ("reproduce", {1, 2}),
                           ("xcopy", {1}), ("nothing", set()), ("product", {2, 3}),
                           ("reprod", set()), ("", set())]:
        held = finder.held(line)
        assert expected <= held, line
        # more only where a set's literal extends one found ("reproduc" in "reproduce")
        assert all(any(x in line for x in sets[i]) or i == 0 for i in held), line
