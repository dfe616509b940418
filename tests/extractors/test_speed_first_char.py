"""Anchored alternations asked by a line's first character (``ByFirstChar``, built by
``regex_literals.by_first_char``) match exactly the lines their whole pattern matches: on
every rule of the lexicon, crafted lines, every short text of the fixture pages, each line's
prefixes and random strings; and on patterns shaped to trip the pruning (optional first
words, lookaheads, repeats, classes, case-blind parts)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extractors.lexicon import DEFAULT_LEXICON, ByFirstChar, FirstOf, fold_line
from extractors.regex_literals import by_first_char, first_chars

from .fixture_lines import fixture_keys
from .reference_lexicon import plain_first_match

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

CRAFTED = [
    "most read", "the most read stories", "top stories", "about us", "also from the times",
    "à la une", "lo más visto", "más visto", "meistgelesene artikel", "本周热门文章", "猜你喜欢",
    "le fil info", "les plus lus", "plus lus", " plus lus", "what's trending now", "tendance",
    "more from bbc news", "popular on the site", "top 5 today", "", "x", "'", "related news",
    "share this article", "previous article", "next »", "« previous", "tags: a, b",
]




def _random_keys(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abcdefghilmnopqrstuvwyzàáéíóúäöüß'’ -.:0123456789热门推荐相关阅读最新"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
            for _ in range(count)]


def _tables() -> list[ByFirstChar]:
    found = []
    for rule in DEFAULT_LEXICON.rules:
        parts = rule.anchored.patterns if isinstance(rule.anchored, FirstOf) else (rule.anchored,)
        found += [p for p in parts if isinstance(p, ByFirstChar)]
    return found


def test_the_long_alternations_are_asked_by_first_character():
    ids = {r.id for r in DEFAULT_LEXICON.rules if isinstance(r.anchored, ByFirstChar)}
    assert "box_heading" in ids


def test_tables_match_like_their_whole_patterns():
    keys = [*CRAFTED, *fixture_keys(200), *_random_keys(3000)]
    # prefixes and phrase-like lines: most fixture texts start with no rule's words
    keys += [key[:n] for key in CRAFTED for n in range(1, len(key))]
    assert len(keys) > 3000
    tables = _tables()
    assert len(tables) > 10
    for table in tables:
        for key in keys:
            assert bool(table.match(key)) == bool(table.whole.match(key)), (table, key)


TRICKY = [
    r"(the )?most (read|viewed)$", r"(?=.*x)ab|cd", r"(?!a)\w+", r"a*b", r"(ab|)c", r"[a-c]x|dy",
    r"(?i:abc)|d", r"(a|b)+c", r"\bword", r"$", r"(?:x?)(?:y?)z", r"[^a]b", r"(a|b){2}c",
    r"(?:a|(?:b|c)d)e|f", r"(热门|推荐)(新闻)?", r".a", r"(?<=a)b|c", r"((x)|(y))\2",
]


@pytest.mark.parametrize("source", TRICKY)
def test_pruned_patterns_match_like_the_whole_on_odd_shapes(source):
    pattern = re.compile(source)
    table = by_first_char(pattern)
    if table is None:
        return
    keys = ["", *_random_keys(4000, seed=11),
            *("".join(t) for t in _all_short("abcdxyz热推新")), "the most read", "most read"]
    for key in keys:
        pruned = table.get(key[:1])
        assert bool(pruned is not None and pruned.match(key)) == bool(pattern.match(key)), key


def _all_short(alphabet: str):
    yield from ((a,) for a in alphabet)
    yield from ((a, b) for a in alphabet for b in alphabet)
    yield from ((a, b, c) for a in alphabet for b in alphabet for c in alphabet)


def test_first_chars_of_simple_shapes():
    assert first_chars(re.compile(r"(the )?most")) == frozenset("tm")
    assert first_chars(re.compile(r"(?=.*x)ab|cd")) == frozenset("ac")
    assert first_chars(re.compile(r"[a-c]x")) == frozenset("abc")
    assert first_chars(re.compile(r"\w+")) is None
    assert first_chars(re.compile(r"a?")) is None  # may match nothing
    assert first_chars(re.compile(r"(?i:a)b")) is None
    assert first_chars(re.compile(r"x", re.IGNORECASE)) is None




def test_lookups_by_first_character_answer_like_every_rule_in_order():
    keys = [*(fold_line(x) for x in CRAFTED), *fixture_keys(200), *_random_keys(1500)]
    keys += [key[:n] for key in CRAFTED for n in range(1, len(key))]
    lexicon = DEFAULT_LEXICON
    lint_rules = [r for r in lexicon.rules if r.lint and not r.raw]
    for key in keys:
        for kind, inside in ((None, False), ("boundary", False), (None, True)):
            assert lexicon.first_match_folded(key, kind, inside) is plain_first_match(
                lexicon, key, kind, inside), key
        expected_label = next((r for r in lexicon.label_rules if r.matches_folded(key)), None)
        assert lexicon.box_label_folded(key) is expected_label, key
        if key and len(key) <= lexicon.lint_longest:
            whole = next((r.id for r in lint_rules if r.matches_folded(key)), None)
            hit = lexicon.lint_hit_folded(key)
            assert whole is None or hit == whole, key


def test_a_rule_matches_only_lines_opening_as_it_says():
    keys = [*fixture_keys(200), *_random_keys(1500), *(fold_line(x) for x in CRAFTED)]
    for rule in DEFAULT_LEXICON.rules:
        if rule.opens_with is None:
            continue
        for key in keys:
            if rule.matches_folded(key):
                assert key[:1] in rule.opens_with, (rule.id, key)
    assert sum(r.opens_with is not None for r in DEFAULT_LEXICON.rules) > 20
