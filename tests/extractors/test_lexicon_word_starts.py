"""``WordStartFinder`` (a concept rule's stem test, tried only where a word can start)
answers as its lookbehind pattern ``(?<![^\\W\\d_])(?:stems)`` does, and as the word loop
it replaced: on every stem finder of the lexicon, crafted lines, every short text of the
fixture pages (folded, whole and cut) and random strings of letters, digits, "_", spaces,
ASCII and non-ASCII marks, combining accents, CJK and number-like letters ("²", "Ⅻ")."""

from __future__ import annotations

import random
import re

import pytest

from extractors.lexicon import DEFAULT_LEXICON, WordStartFinder, fold_line, load_lexicon

from .fixture_lines import fixture_lines

CRAFTED = [
    "copy", "xcopy", " copy", "(copy)", "«copy»", "“copy”", "—copy", "2copy", "_copy", "a_copy",
    "photocopy", "Äcopy", "écopy", "本copy", "e\u0301copy", "²copy", "Ⅻcopy", "copy\u0301",
    "re-publish", "republish", "rss", "rs", "", " ", "x", "übernahme", "Übernahme", "aübernahme",
    "-übernahme", "«übernahme", "automáticamente", "本站转载", "转载", "自动采集", "\x7fcopy",
    "\x00copy", "@copy", "[copy", "`copy", "{copy", "~copy", "copy\nfeed", "\tfeed",
]
ALPHABET = ("abcopyrssfedthiquwxz" "ÄéüßÁá" "本站转载" " _0129" ".,;:-—«»“”'()[]{}@`~\x7f"
            "\u0301\u00a0²½Ⅻ")


def _keys() -> list[str]:
    keys = set(CRAFTED)
    for line in fixture_lines(420):
        key = fold_line(line)
        keys.update({key, key[1:], key[2:], key[:-1]})
    rng = random.Random(11)
    keys.update("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 24)))
                for _ in range(20_000))
    return sorted(keys)


KEYS = _keys()
FINDERS = [rule.stem_finder for rule in DEFAULT_LEXICON.rules
           if isinstance(rule.stem_finder, WordStartFinder)]


def test_the_lexicon_has_stem_finders():
    assert FINDERS


@pytest.mark.parametrize("finder", FINDERS, ids=range(len(FINDERS)))
def test_word_starts_answer_like_the_lookbehind_pattern(finder: WordStartFinder):
    for key in KEYS:
        assert finder.search(key) == (finder.pattern.search(key) is not None), key


def test_word_starts_answer_like_the_word_loop():
    lexicon = load_lexicon('[notice]\nmatch = "concepts"\nphrases = ["^note:"]\nmin_groups = 1\n'
                           'needs_stems = ["reproduce", "copy", "rss", "übernahme", "автор"]\n'
                           '[notice.concepts]\nreuse = ["reproduc|copy|rss"]\n')
    rule = lexicon.rules[0]
    assert isinstance(rule.stem_finder, WordStartFinder)
    for key in [*KEYS, "автор статьи", "соавтор", "«автор»"]:
        words = re.findall(r"[^\W\d_]{3,}", key)
        expected = any(w[:n] in stems for n, stems in rule.needs_stems for w in words)
        assert rule.stem_finder.search(key) == expected, key
