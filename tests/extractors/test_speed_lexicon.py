"""Speed shortcuts of the clutter lexicon answer exactly as the plain rules would."""

import re

import pytest

from extractors.lexicon import DEFAULT_LEXICON, FirstOf, GuardedPattern, fold_line, load_lexicon
from extractors.regex_literals import may_start_with_lookaround, prefilter

LINES = [
    "Copyright 2020 ACME. All rights reserved.", "All content on this site comes from the "
    "internet; if your rights are infringed, contact us and we will delete it.",
    "© 2021 Example Media - contact us", "This website uses cookies to improve your experience.",
    "We use cookies. By continuing you agree.", "Previous article: The storm moves on",
    "Next »", "Read next: Local elections", "5 min read", "1,234 views", "Related news",
    "The minister said the copyright law would change after the court ruling.",
    "本站部分内容来源于网络，如有侵权请联系我们删除。", "Advertisement", "Sponsored content",
    "Disclaimer: this article was automatically imported from a partner feed and may not be "
    "reproduced without permission.", "", "x", "a b c", "Tags: politics, economy",
    "Please note: the views expressed are the author's own and do not reflect ours.",
]
KEYS = [fold_line(line) for line in LINES]


def _plain_match(rule, key: str) -> bool:
    """The rule as written before the shortcuts: needs first, then the one alternation of
    its anchored phrases, then the floating phrases."""
    if rule.needs is not None and not rule.needs.search(key):
        return False
    anchored = [p[1:] for p in rule.phrases if p.startswith("^")]
    if anchored and re.compile("|".join(f"(?:{p})" for p in anchored)).match(key):
        return True
    return any(re.search(p, key) for p in rule.phrases if not p.startswith("^"))


@pytest.mark.parametrize("rule", [r for r in DEFAULT_LEXICON.rules if r.match == "regex"],
                         ids=lambda r: r.id)
def test_regex_rules_answer_like_their_phrases(rule):
    for key in KEYS:
        if key and len(key) <= rule.max_chars:
            assert rule.matches_folded(key) == _plain_match(rule, key), (rule.id, key)


def test_lookahead_phrases_are_kept_apart():
    split = [r for r in DEFAULT_LEXICON.rules if isinstance(r.anchored, FirstOf)]
    assert split  # "disclaimer" has a "^(?=.*copyright)(?=.*contact)…" phrase among others
    for rule in split:
        assert len(rule.anchored.patterns) == 2


def test_anchored_first_only_without_lookaheads_or_floating_phrases():
    for rule in DEFAULT_LEXICON.rules:
        if rule.anchored_first:
            assert rule.needs is not None and not rule.floating
            assert not may_start_with_lookaround(rule.anchored)


def test_guarded_concept_groups_answer_like_their_patterns():
    groups = [p for rule in DEFAULT_LEXICON.rules for p in rule.concepts]
    assert all(isinstance(p, GuardedPattern) for p in groups
               if prefilter(p.pattern if isinstance(p, GuardedPattern) else p) is not None)
    for pattern in groups:
        plain = pattern.pattern if isinstance(pattern, GuardedPattern) else pattern
        for key in KEYS:
            assert bool(pattern.search(key)) == bool(plain.search(key)), (plain.pattern, key)


def test_a_filtered_lookup_answers_like_the_rules_in_order():
    lexicon = load_lexicon('[a]\nmatch = "regex"\nphrases = ["^next"]\nwhere = "outside"\n'
                           '[b]\nmatch = "exact"\nkind = "boundary"\nphrases = ["next"]\n')
    assert lexicon.first_match_folded("next").id == "a"
    assert lexicon.first_match_folded("next", inside_prose=True).id == "b"
    assert lexicon.first_match_folded("next", kind="boundary").id == "b"
    assert lexicon.first_match_folded("next", kind="line", inside_prose=True) is None


def test_quick_match_is_the_whole_rule_on_lines_it_reaches():
    quick = [r for r in DEFAULT_LEXICON.rules if r.quick_match is not None]
    assert quick
    for rule in quick:
        for key in KEYS:
            if key and len(key) <= rule.max_chars:
                assert bool(rule.quick_match(key)) == rule.matches_folded(key), (rule.id, key)


def test_the_lexicon_still_pickles():
    import pickle

    copy = pickle.loads(pickle.dumps(DEFAULT_LEXICON))
    assert [copy.first_match_folded(k) for k in KEYS] == [
        DEFAULT_LEXICON.first_match_folded(k) for k in KEYS]


@pytest.mark.parametrize("text", ["", "x" * 49, "x" * 50, "x" * 149, "x" * 150, "中" * 49,
                                  "中" * 50, "中" * 10 + "x" * 100, "中" * 30 + "x" * 59,
                                  "中" * 30 + "x" * 60, "国" * 149])
def test_prose_long_is_the_weighted_length_rule(text):
    from extractors.clean_blocks import _CJK, _PROSE_CHARS, _prose_long

    assert _prose_long(text) == (len(text) + 2 * len(_CJK.findall(text)) >= _PROSE_CHARS)


def test_raw_rules_between_paragraphs_are_the_anywhere_ones():
    lexicon = load_lexicon('[edge_only]\nmatch = "regex"\nraw = true\nwhere = "outside"\n'
                           'phrases = ["^« "]\n[anywhere]\nmatch = "regex"\nraw = true\n'
                           'phrases = ["^» "]\n')
    assert lexicon.raw_match("« Previous story", edge=True).id == "edge_only"
    assert lexicon.raw_match("« Previous story", edge=False) is None
    assert lexicon.raw_match("»  Next story", edge=False).id == "anywhere"
    assert DEFAULT_LEXICON.raw_match("« Previous story", edge=False) is None
