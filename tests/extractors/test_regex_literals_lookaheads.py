"""A pattern opening with several lookaheads is guarded by a literal of each of them
(``lookahead_requirements``, ``AllLiterals``) instead of the one set ``prefilter`` keeps:
the guarded pattern finds exactly the lines the bare pattern finds, on every such pattern of
the lexicon and on crafted ones, over crafted lines, every short text of the fixture pages
and random strings; and every set is held by every line the pattern matches."""

from __future__ import annotations

import random
import re

import pytest

from extractors.lexicon import DEFAULT_LEXICON, FirstOf, GuardedPattern, _guarded, fold_line
from extractors.regex_literals import AllLiterals, lookahead_requirements, prefilter

from .fixture_lines import fixture_lines

CRAFTED_PATTERNS = [
    r"(?=.*(copyright|©))(?=.*(contact|delete)).{0,40}$",
    r"(?=.*(ab|cd))(?=.*(ef|gh))(?=.*(ij|kl))",
    r"(?=.*(ab|cd))(?!.*xy)(?=.*(ef|gh))",
    r"(?=.*(ab|cd))(?=.*(e|gh))",
    r"(?=.*(ab|cd))x(?=.*(ef|gh))",
    r"(?<=q)(?=.*(ab|cd))(?=.*(ef|gh))",
    r"(?=.*ab)(?=.*cd)",
    r"(?=.*(ab|cd))",
    r"(?:(?=.*(ab|cd))(?=.*(ef|gh))|(?=.*(ij|kl))(?=.*(mn|op)))",
    r"(?=.*(ab)?)(?=.*(ef|gh))(?=.*(ij|kl))",
]
LINES = [
    "copyright 2020 contact us", "© acme, delete on request", "copyright only", "contact only",
    "ab ef", "cd gh ij", "ab gh kl", "ef ij", "ab xy ef", "abef", "qab ef", "x ab ef", "ab cd",
    "", "a", "本站内容来源于网络，如有侵权请联系我们删除", "all rights reserved. contact: x",
    "this site's content is copyright; to have it removed contact us",
]


def _lines() -> list[str]:
    lines = set(LINES) | {fold_line(line) for line in fixture_lines(400)}
    rng = random.Random(5)
    pieces = ["ab", "cd", "ef", "gh", "ij", "kl", "xy", "q", "x", " ", "©", "copyright",
              "contact", "delete", "us", "this site", "本站", "联系", "删除", "版权"]
    lines |= {"".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(5000)}
    return sorted(lines)


ALL_LINES = _lines()


def _lexicon_guards() -> list[GuardedPattern]:
    guards = []
    for rule in DEFAULT_LEXICON.rules:
        parts = [rule.anchored, *(rule.anchored.patterns if isinstance(rule.anchored, FirstOf)
                                  else ())]
        guards += [p for p in parts if isinstance(p, GuardedPattern)
                   and isinstance(p._literals, AllLiterals)]
    return guards


def test_the_lexicon_has_such_a_pattern():
    assert _lexicon_guards()  # "disclaimer": copyright words, removal words, the site's words


@pytest.mark.parametrize("guard", _lexicon_guards(), ids=lambda g: g.pattern.pattern[:30])
def test_lexicon_guards_answer_like_their_patterns(guard: GuardedPattern):
    for line in ALL_LINES:
        assert bool(guard.match(line)) == bool(guard.pattern.match(line)), line
        assert bool(guard.search(line)) == bool(guard.pattern.search(line)), line


@pytest.mark.parametrize("source", CRAFTED_PATTERNS)
def test_every_set_is_held_by_every_match(source: str):
    pattern = re.compile(source)
    sets = lookahead_requirements(pattern)
    for line in ALL_LINES:
        if pattern.match(line):
            assert all(any(x in line for x in found) for found in sets), (source, line)
    guarded = _guarded(pattern, at_start=True)
    for line in ALL_LINES:
        assert bool(guarded.match(line)) == bool(pattern.match(line)), (source, line)


def test_which_patterns_have_several_requirements():
    sets = [lookahead_requirements(re.compile(source)) for source in CRAFTED_PATTERNS]
    assert sets[0] == (frozenset({"copyright", "©"}), frozenset({"contact", "delete"}))
    assert len(sets[1]) == 3
    assert sets[4] == ()  # only the lookaheads the pattern opens with count
    assert len(sets[9]) == 2  # an optional group requires nothing and is passed over
    assert len(sets[2]) == 2  # a negative lookahead requires nothing and is passed over
    assert sets[5] == () and sets[7] == () and sets[8] == ()  # lookbehind first, one, a branch
    assert sets[6] == (frozenset({"ab"}), frozenset({"cd"}))
    assert lookahead_requirements(re.compile(CRAFTED_PATTERNS[0], re.IGNORECASE)) == ()


def test_all_literals_asks_the_smallest_set_first():
    finder = AllLiterals([frozenset({"ab", "cd", "ef"}), frozenset({"gh"})])
    assert [f.pattern for f in finder.finders] == ["gh", "(?:ab|cd|ef)"]
    assert finder.search("gh ab") is True and finder.search("gh") is None
    assert finder.search("ab cd") is None


def test_a_guard_without_several_sets_is_prefilter_s():
    pattern = re.compile(r"(?=.*(copyright|notice)).{0,40}$")
    guarded = _guarded(pattern, at_start=True)
    assert isinstance(guarded, GuardedPattern)
    assert guarded._literals.pattern == prefilter(pattern).pattern
