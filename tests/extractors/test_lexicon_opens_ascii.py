"""A rule whose first characters cannot all be listed ("^\\d*\\s*(comments?|…)": any Unicode
digit may open it) is still passed over, in a lookup, by a line opening with an ASCII
character it cannot start with (``ClutterRule.opens_ascii``, from
``regex_literals.ascii_first_chars``). Lookups answer as with the former tables (kept here:
``_former_by_reach``) and as every rule tried in order, on crafted, fixture and random lines."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from extractors.lexicon import DEFAULT_LEXICON, Lexicon, fold_line
from extractors.regex_literals import ascii_first_chars, first_chars

from .fixture_lines import fixture_keys
from .reference_lexicon import plain_first_match

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

CRAFTED = [
    "comments", "12 comments", "3 comentarios", "comments (4)", "leave a reply", "réagir",
    "5 min read", "reading time: 4 min", "views: 1,234", "1,234 views", "阅读 1234", "评论",
    "١٢ comments", "１２ comments", "12\u00a0comments", "\tcomments", " comments", "\u3000评论",
    "most read", "related news", "you may also like", "discussion", "join the discussion",
    "", "x", "1", "١", "0 replies", "aufrufe: 12", "lesezeit 3 min", "home", "news",
]


def _former_by_reach(rules):
    """The tables as built before ``opens_ascii``: a rule without ``opens_with`` is tried
    whatever the line's first character."""
    reaches = sorted({r.max_chars for r in rules})
    table = []
    for reach in reaches:
        long_enough = tuple(r for r in rules if r.max_chars >= reach)
        chars = set().union(*(r.opens_with for r in long_enough if r.opens_with is not None))
        by_first = {char: tuple(r for r in long_enough
                                if r.opens_with is None or char in r.opens_with)
                    for char in chars}
        table.append((reach, by_first, tuple(r for r in long_enough if r.opens_with is None)))
    return tuple(table)


def _former(lexicon: Lexicon) -> Lexicon:
    former = replace(lexicon)  # a new Lexicon of the same rules: then the tables replaced
    folded = tuple(r for r in lexicon.rules if not r.raw)
    for name, rules in (("by_reach", folded),
                        ("inside_by_reach", tuple(r for r in folded if not r.outside_only)),
                        ("lint_by_reach", tuple(r for r in folded if r.lint)),
                        ("label_by_reach", tuple(r for r in folded if r.label))):
        object.__setattr__(former, name, _former_by_reach(rules))
    return former




def _random_keys(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    alphabet = "acdeimnoprstvw ,:()0123456789١２\u00a0\t评论阅读"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
            for _ in range(count)]


def _keys() -> list[str]:
    keys = [*CRAFTED, *(fold_line(x) for x in CRAFTED), *fixture_keys(200), *_random_keys(3000)]
    # every ASCII character in front of the crafted lines and of their tails
    for key in CRAFTED:
        keys += [chr(code) + key[n:] for code in range(128) for n in (0, 1)]
    return keys




def test_some_rules_are_now_passed_over_by_their_ascii_first_characters():
    ids = {r.id for r in DEFAULT_LEXICON.rules if r.opens_ascii is not None}
    assert "comments" in ids
    comments = next(r for r in DEFAULT_LEXICON.rules if r.id == "comments")
    assert "h" not in comments.opens_ascii and {"1", " ", "c"} <= comments.opens_ascii


def test_lookups_answer_as_with_the_former_tables_and_as_every_rule_in_order():
    lexicon = DEFAULT_LEXICON
    former = _former(lexicon)
    assert former.by_reach != lexicon.by_reach  # the tables did change
    for key in _keys():
        for kind, inside in ((None, False), ("boundary", False), (None, True)):
            found = lexicon.first_match_folded(key, kind, inside)
            assert found is former.first_match_folded(key, kind, inside), key
            assert found is plain_first_match(lexicon, key, kind, inside), key
        assert lexicon.box_label_folded(key) is former.box_label_folded(key), key
        assert lexicon.lint_hit_folded(key) == former.lint_hit_folded(key), key


def test_a_rule_matches_only_lines_opening_as_its_ascii_set_says():
    for rule in DEFAULT_LEXICON.rules:
        if rule.opens_ascii is None:
            continue
        for key in _keys():
            if key and key[0].isascii() and rule.matches_folded(key, {}):
                assert key[0] in rule.opens_ascii, (rule.id, key)


ODD = [r"\d*\s*(ab|cd)", r"\s+x", r"[\d,.\s]y", r"\d", r"(?=\d)1a", r"[^\d]a", r"\w+",
       r"\D", r"(\d|é)z", r"\d?", r"(?i:\d)a", r"(?a:\d)x", r"[0-9a]b", r"\S", r"\d\d*"]


@pytest.mark.parametrize("source", ODD)
def test_ascii_first_chars_holds_every_ascii_opening_of_a_match(source):
    pattern = re.compile(source)
    found = ascii_first_chars(pattern)
    whole = first_chars(pattern)
    if whole is not None:  # what first_chars lists, ascii_first_chars lists of ASCII
        assert found == frozenset(c for c in whole if c.isascii())
    if found is None:
        return
    tails = ["", "a", "b", "x", "y", "z", "1", " ", "ab", "cd", "1a", "é", "٣"]
    for code in range(128):
        for tail in tails:
            key = chr(code) + tail
            if pattern.match(key) and pattern.match(key).end() > 0:
                assert chr(code) in found, (source, key)


def test_ascii_first_chars_reads_digits_and_spaces_by_their_ascii_members():
    assert ascii_first_chars(re.compile(r"\d*\s*x")) == frozenset(
        "0123456789 \t\n\r\x0b\x0c\x1c\x1d\x1e\x1fx")
    assert ascii_first_chars(re.compile(r"\w")) is None
    assert ascii_first_chars(re.compile(r"[^a]")) is None
    assert ascii_first_chars(re.compile(r"\d?")) is None  # may match nothing
    assert first_chars(re.compile(r"\d")) is None  # unchanged: the Unicode digits are many
