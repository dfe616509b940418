"""``Lexicon.names_box_folded`` (a yes or no, without a memo) answers as the former
``box_label_folded(key) is not None`` (with a remembering lexicon's memo), and clean_dom's
``_labels_among`` finds the same labels as its former spelling (kept here) on every
fixture page's texts, on crafted and on random lines."""

from __future__ import annotations

import random
from pathlib import Path

from lxml import html as lxml_html

from extractors.clean_dom import _ALL_TEXT, _labels_among
from extractors.lexicon import DEFAULT_LEXICON, Lexicon, fold_line

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
