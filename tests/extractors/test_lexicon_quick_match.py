"""A rule's ``quick_match`` (one C call instead of ``matches_folded``) answers as
``matches_folded`` does on every line a lookup may ask it about (non-empty, no longer than
the rule's ``max_chars``), and lookups that use it find the rule the plain loop finds: on
crafted lines, every short text of the fixture pages (whole and as prefixes) and each
exact rule's own phrases."""

from __future__ import annotations

import pytest

from extractors.lexicon import DEFAULT_LEXICON, ClutterRule, Lexicon, fold_line

from .fixture_lines import fixture_lines

CRAFTED = [
    "advertisement", "Advertisement", "ADVERTISEMENT:", "back to top", "Back to top ↑",
    "related news", "Recommended for you", "most read", "x", "'", "a b", "share", "tags",
    "広告", "推荐阅读", "更多推荐", "publicidad", "anzeige", "werbung", "comments (12)",
    "read more", "read more »", "contact us", "top", "to top", "back to the top",
]


def _keys() -> list[str]:
    keys = {fold_line(line) for line in CRAFTED + fixture_lines(300)}
    keys |= {key[:n] for key in list(keys) for n in (1, 2, 5, 12)}
    for rule in DEFAULT_LEXICON.rules:
        if rule.match == "exact":
            keys |= set(rule.phrases)
            keys |= {phrase + " x" for phrase in rule.phrases}
    return sorted(key for key in keys if key)


KEYS = _keys()


def _plain_first(rules: tuple[ClutterRule, ...], key: str) -> str | None:
    """The lookup as it was: every rule in order, each asked through matches_folded."""
    for rule in rules:
        if not rule.raw and rule.matches_folded(key):
            return rule.id
    return None


def _id(rule: ClutterRule | None) -> str | None:
    return None if rule is None else rule.id


@pytest.mark.parametrize("rule", [r for r in DEFAULT_LEXICON.rules if r.quick_match is not None],
                         ids=lambda r: r.id)
def test_quick_match_answers_like_matches_folded(rule):
    for key in KEYS:
        if len(key) <= rule.max_chars:
            assert bool(rule.quick_match(key)) == rule.matches_folded(key), (rule.id, key)


def test_exact_rules_have_a_quick_match():
    exact = [r for r in DEFAULT_LEXICON.rules if r.match == "exact"]
    assert exact and all(r.quick_match is not None for r in exact)
    extra = DEFAULT_LEXICON.with_phrases("site:lines", ("Subscribe now", "Our partners"))
    site = next(r for r in extra.rules if r.id == "site:lines")
    assert site.quick_match("subscribe now") and not site.quick_match("subscribe")


def test_lookups_find_what_every_rule_in_order_finds():
    extra = DEFAULT_LEXICON.with_phrases("site:lines", ("Subscribe now", "Our partners"))
    for lexicon in (DEFAULT_LEXICON, extra):
        labels = Lexicon(tuple(r for r in lexicon.rules if r.label))
        for key in [*KEYS, "subscribe now", "our partners"]:
            plain = _plain_first(lexicon.rules, key) if len(key) <= lexicon.longest else None
            assert _id(lexicon.first_match_folded(key)) == plain, key
            assert _id(lexicon.box_label_folded(key)) == _plain_first(labels.rules, key), key


def _plain_first_inside(rules: tuple[ClutterRule, ...], key: str) -> str | None:
    """An inside-the-prose lookup as it was: every rule in order, outside-only ones skipped."""
    for rule in rules:
        if not rule.raw and not rule.outside_only and rule.matches_folded(key):
            return rule.id
    return None


def test_inside_lookups_find_what_the_rules_that_hold_inside_find():
    extra = DEFAULT_LEXICON.with_phrases("site:lines", ("Subscribe now", "Our partners"))
    for lexicon in (DEFAULT_LEXICON, extra):
        for key in [*KEYS, "subscribe now", "our partners"]:
            plain = (_plain_first_inside(lexicon.rules, key) if len(key) <= lexicon.longest
                     else None)
            assert _id(lexicon.first_match_folded(key, inside_prose=True)) == plain, key
            for kind in ("line", "boundary"):
                found = lexicon.first_match_folded(key, kind, inside_prose=True)
                assert found is None or (found.kind == kind and not found.outside_only)
