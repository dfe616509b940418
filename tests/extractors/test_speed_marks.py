"""Anchored patterns kept behind the punctuation they cannot match without (``_behind_marks``
in the lexicon: the "," of a list of tags, the "»" of a breadcrumb) match exactly the lines
their bare pattern matches: on every such rule, crafted lines, the fixture pages' short texts,
each of those with marks added, and random strings full of marks."""

from __future__ import annotations

import random
import re

import pytest

from extractors.lexicon import DEFAULT_LEXICON, GuardedPattern, fold_line, load_lexicon
from tests.extractors.fixture_lines import fixture_keys

CRAFTED = [
    "tags: politics, economy, security", "politics, economy, security", "home » news » world",
    "home > news", "« previous story", "next story »", "editor: ana ruiz", "editor：王明",
    "话题：经济、政策、安全", "a | b | c", "mehr über politik, wirtschaft, gesellschaft",
    "in this story: policy; economy; security", "the minister, the court and the law",
    "← back", "older posts ›", "", "x", ",", "»", "a, b", "a, b, c, d, e, f, g, h, i, j",
]
MARKS = ",、;；|·/:：>»›<«‹←→-"


def _guarded_rules():
    return [r for r in DEFAULT_LEXICON.rules
            if r.match == "regex" and isinstance(r.anchored, GuardedPattern)
            and r.anchored.pattern.pattern.startswith("(?:")]


def _random_keys(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abcdefghilmnoprstuvyzàéöü '’0123456789热门推荐" + MARKS * 3
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
            for _ in range(count)]


def _keys() -> list[str]:
    fixture = fixture_keys(200)
    marked = [f"{key}{mark} {key[:12]}" for key, mark in zip(fixture, MARKS * len(fixture),
                                                              strict=False)]
    return [fold_line(x) for x in CRAFTED] + fixture + marked + _random_keys(4000)


def test_the_shape_rules_are_kept_behind_their_marks():
    ids = {r.id for r in _guarded_rules()}
    assert {"tags_shape", "breadcrumb_shape", "prev_next_arrow", "editor_label"} <= ids


@pytest.mark.parametrize("rule", _guarded_rules(), ids=lambda r: r.id)
def test_marked_patterns_match_like_their_bare_pattern(rule):
    bare = rule.anchored.pattern
    for key in _keys():
        assert bool(rule.anchored.match(key)) == bool(bare.match(key)), (rule.id, key)
        if key and len(key) <= rule.max_chars:
            anchored = [p[1:] for p in rule.phrases if p.startswith("^")]
            plain = re.compile("|".join(f"(?:{p})" for p in anchored)).match(key)
            assert rule.matches_folded(key) == bool(plain), (rule.id, key)


def test_a_pattern_needing_a_word_stays_bare():
    # "news" is in many lines: a scan for it would not skip the pattern's work
    lexicon = load_lexicon('[w]\nmatch = "regex"\nphrases = ["^[^,]{1,9}news$"]\n')
    assert isinstance(lexicon.rules[0].anchored, re.Pattern)
    lexicon = load_lexicon('[m]\nmatch = "regex"\nphrases = ["^[^,]{1,9}(,|;)[^,]+$"]\n')
    guarded = lexicon.rules[0].anchored
    assert isinstance(guarded, GuardedPattern)
    for key in ("a,b", "a;b", "ab", "a,,b", ",b"):
        assert bool(guarded.match(key)) == bool(guarded.pattern.match(key))
