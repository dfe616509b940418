"""Literal prefilters: a guarded pattern must answer exactly as the pattern itself."""

import re

import pytest

from extractors.lexicon import DEFAULT_LEXICON, GuardedPattern, fold_line, load_lexicon
from extractors.regex_literals import literal_finder, prefilter, required_literals

LINES = [
    "he said the copy was taken", "this article may not be reproduced", "nuestras fuentes",
    "autorización previa", "autorizacion", "sponsored by acme", "views expressed here",
    "", "x", "本站转载", "der text wurde automatisch übernommen", "a b c d e f",
]


@pytest.mark.parametrize(("source", "expected"), [
    (r"\b(said|says|told)\b", {"said", "says", "told"}),
    (r"republi(sh|cation)|reproduc", {"republish", "republication", "reproduc"}),
    (r"autorizaci[oó]n", {"autorizacion", "autorización"}),
    (r"nuestr[oa]s?", {"nuestro", "nuestra", "nuestros", "nuestras"}),
    (r"^(?=.*(branded content|advert))", {"branded content", "advert"}),
])
def test_required_literals(source, expected):
    assert required_literals(re.compile(source)) == expected


@pytest.mark.parametrize("source", [r"\w+", r"(?i)said", r"a|\d+", r"(?!said).*"])
def test_no_literals_when_none_is_required(source):
    assert prefilter(re.compile(source)) is None


def test_literal_finder_answers_like_any_substring():
    literals = ["this site", "this", "contact us", "本站", "a+b", "ce site"]
    finder = literal_finder(literals)
    for line in [*LINES, "a+b", "thi", "contact u", "in this site"]:
        assert bool(finder.search(line)) == any(x in line for x in literals), line


def test_guarded_patterns_answer_like_their_patterns():
    guarded = [p for rule in DEFAULT_LEXICON.rules
               for p in (rule.anchored, rule.needs, *rule.floating, *rule.concepts)
               if isinstance(p, GuardedPattern)]
    assert guarded  # the lexicon has patterns re cannot start by a first-character scan
    for pattern in guarded:
        for line in LINES:
            assert bool(pattern.search(line)) == bool(pattern.pattern.search(line))
            assert bool(pattern.match(line)) == bool(pattern.pattern.match(line))


def test_remembered_verdicts_give_the_lint_the_same_answers():
    lexicon = load_lexicon('[notice]\nphrases = ["^copyright"]\nmatch = "regex"\n'
                           'lint_contains = ["randomly recommend"]\n')
    page = lexicon.remembering()
    lines = ["Copyright 2020", "A story line", "Randomly recommend to you"]
    for line in lines:
        page.first_match_folded(fold_line(line))
    assert [page.lint_hit_folded(fold_line(x)) for x in lines] == [
        lexicon.lint_hit_folded(fold_line(x)) for x in lines] == ["notice", None, "notice"]
    assert lexicon.verdicts is None  # the shared lexicon keeps nothing


def test_stem_finder_answers_like_the_word_loop():
    lexicon = load_lexicon('[notice]\nmatch = "concepts"\nphrases = ["^note:"]\nmin_groups = 1\n'
                           'needs_stems = ["reproduce", "copy", "rss"]\n'
                           '[notice.concepts]\nreuse = ["reproduc|copy|rss"]\n')
    rule = lexicon.rules[0]
    assert rule.stem_finder is not None
    for line in ["note: no reproduction", "note: xcopy", "note: copy", "note: 2rss feed",
                 "note: a_copy", "note: photocopy", "note: Äcopy", "note: rs"]:
        words = [w for w in re.findall(r"[^\W\d_]{3,}", line)]
        expected = any(w[:n] in stems for n, stems in rule.needs_stems for w in words)
        assert bool(rule.stem_finder.search(line)) == expected, line
