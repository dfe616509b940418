"""``Lexicon.names_box_folded`` (a yes or no, without a memo) answers as the former
``box_label_folded(key) is not None`` (with a remembering lexicon's memo) and as its own
first spelling, the label rules tried one by one (kept here: the quick calls of
``label_quick_by_reach`` now stand in their place); clean_dom's ``_labels_among`` finds
the same labels as its former spelling (kept here) on every fixture page's texts, on
crafted and on random lines."""

from __future__ import annotations

import random
from pathlib import Path

from lxml import html as lxml_html

from extractors.clean_dom import _ALL_TEXT, _labels_among
from extractors.lexicon import DEFAULT_LEXICON, ClutterRule, Lexicon, _reachable, fold_line

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

CRAFTED = [
    "Related", "Related news", " Most read ", "MOST POPULAR", "Comments", "12 comments",
    "Leave a reply", "Lo más visto", "Meistgelesen", "猜你喜欢", "本周热门文章", "", " ", "·",
    "Home", "News", "By John Smith", "\x0cRelated", "Related:", "— Related —", "x", "١٢ comments",
    "Top 5 today", "More from BBC News", "read more", "Trending now", "you may also like",
]


def _former_labels_among(texts: set[str], lexicon: Lexicon, max_chars: int) -> list[str]:
    labels = []
    for text in texts:
        if len(text) > 4 * max_chars:
            continue
        stripped = text.strip()
        if 1 < len(stripped) <= max_chars and lexicon.box_label_folded(
                fold_line(stripped)) is not None:
            labels.append(text)
    return labels


def _names_box_by_rules(lexicon: Lexicon, key: str) -> bool:
    """names_box_folded as first written: each reachable label rule asked in turn."""
    if not key:
        return False
    for rule in _reachable(lexicon.label_by_reach, key):
        quick = rule.quick_match
        if quick(key) if quick is not None else rule.matches_folded(key):
            return True
    return False


def _page_texts() -> list[set[str]]:
    pages = []
    for page in sorted(FIXTURES.glob("*/*/input.html")):
        tree = lxml_html.document_fromstring(page.read_bytes())
        pages.append(set(_ALL_TEXT(tree)))
    return pages


def _random_lines(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    words = ["most", "read", "related", "news", "comments", "top", "12", "the", "you", "may",
             "also", "like", "热门", "文章", "más", "visto", " ", ":", "-", "»", "trending"]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(count)]


def test_names_box_answers_as_box_label_did():
    lines = [*CRAFTED, *_random_lines(3000)]
    lines += [text for texts in _page_texts() for text in texts if len(text) < 250]
    page = DEFAULT_LEXICON.remembering()
    for line in lines:
        key = fold_line(line)
        assert DEFAULT_LEXICON.names_box_folded(key) == (
            page.box_label_folded(key) is not None), key
        assert DEFAULT_LEXICON.names_box_folded(key) == (
            DEFAULT_LEXICON.box_label_folded(key) is not None), key


def test_labels_among_finds_what_the_former_spelling_found():
    found = 0
    for texts in [*_page_texts(), set(CRAFTED), set(_random_lines(500))]:
        for max_chars in (48, 10, 200):
            new = _labels_among(texts, DEFAULT_LEXICON.remembering(), max_chars)
            old = _former_labels_among(texts, DEFAULT_LEXICON.remembering(), max_chars)
            assert sorted(new) == sorted(old)
            found += len(new)
    assert found > 20


def _all_lines() -> list[str]:
    lines = [*CRAFTED, *_random_lines(3000)]
    lines += [text for texts in _page_texts() for text in texts if len(text) < 250]
    # every first character the tables know, and some they do not, before each phrase
    chars = {c for _, by_first, _ in DEFAULT_LEXICON.label_by_reach for c in by_first}
    chars |= set("0123456789 #(xq·١２é")
    lines += [c + line[n:] for line in CRAFTED for c in chars for n in (0, 1)]
    return lines


def test_names_box_by_quick_calls_answers_as_the_rules_one_by_one():
    assert DEFAULT_LEXICON.label_quick_by_reach is not None
    for line in _all_lines():
        key = fold_line(line)
        assert DEFAULT_LEXICON.names_box_folded(key) == _names_box_by_rules(
            DEFAULT_LEXICON, key), key
        assert DEFAULT_LEXICON.names_box_folded(line) == _names_box_by_rules(
            DEFAULT_LEXICON, line), line


def test_a_label_rule_without_a_quick_call_is_asked_one_by_one():
    prefix = ClutterRule(id="label_prefix", kind="boundary", match="prefix",
                         phrases=("see also",), lint=False, label=True)
    lexicon = Lexicon((*DEFAULT_LEXICON.rules, prefix))
    assert prefix.quick_match is None and lexicon.label_quick_by_reach is None
    for line in [*_all_lines()[:2000], "see also this", "See also: more"]:
        key = fold_line(line)
        assert lexicon.names_box_folded(key) == (lexicon.box_label_folded(key) is not None)


def test_the_quick_tables_pickle_and_a_page_copy_shares_them():
    import pickle

    copy = pickle.loads(pickle.dumps(DEFAULT_LEXICON))
    assert copy.label_quick_by_reach is not None
    for line in _all_lines()[:3000]:
        key = fold_line(line)
        assert copy.names_box_folded(key) == DEFAULT_LEXICON.names_box_folded(key), key
    page = DEFAULT_LEXICON.remembering()
    assert page.label_quick_by_reach is DEFAULT_LEXICON.label_quick_by_reach
