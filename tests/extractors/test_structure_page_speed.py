"""``page_facts`` reads each distinct title text once (the <title>, og:title, twitter:title
and the <h1> are mostly one headline): the facts are the ones it gave reading every text,
kept here as the reference, on edge cases and on every fixture page. A title text holding
no separator mark is one piece without the separator searches: the pieces are the ones
the searches gave, on crafted, random and fixture titles."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from extractors.metalines import scan_page
from extractors.structure_page import (
    _MAX_SITE_NAME,
    _MIN_TITLE_CHARS,
    _SEPARATOR_MARKS,
    _SITE_NAME_METAS,
    _TITLE_SEPARATORS,
    TITLE_RULES,
    PageFacts,
    _host_names,
    _landmarks,
    _meta_contents,
    _scanned_body_marks,
    _scanned_landmarks,
    _separator_marks,
    _spans,
    _title_length,
    _title_pieces,
    _title_texts,
    page_facts,
    section_names,
    site_key,
    title_key,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
URL = "https://www.example-news.com/vie-locale/sport/story.html"


def reference_page_facts(tree, url, scan=None) -> PageFacts:
    """page_facts as it was: every title text read, repeats included."""
    from_scan = scan is not None and scan.body is not None
    marks = _scanned_landmarks(tree, scan) if from_scan else _landmarks(tree)
    body = _scanned_body_marks(scan) if from_scan else None
    titles: set[str] = set()
    parts: list[str] = []
    for text in _title_texts(marks):
        pieces = _title_pieces(text)
        titles.update(key for span in _spans(text, pieces)
                      if _title_length(key := title_key(span)) >= _MIN_TITLE_CHARS)
        if len(pieces) > 1:
            longest = max(pieces, key=lambda p: p[1] - p[0])
            parts.extend(text[a:b] for a, b in pieces if (a, b) != longest)
    site_names = _meta_contents(marks.metas, _SITE_NAME_METAS)
    names = {site_key(n) for n in (*site_names, *parts) if len(n) <= _MAX_SITE_NAME}
    names.update(_host_names(url))
    return PageFacts(frozenset(titles), frozenset(n for n in names if n),
                     section_names(tree, url, frozenset(titles), landmarks=marks,
                                   body_marks=body))


def _same(html: str | bytes, url: str | None = URL) -> None:
    tree = lxml_html.document_fromstring(html)
    scan = scan_page(tree)
    assert page_facts(tree, url, scan) == reference_page_facts(tree, url, scan)
    assert page_facts(tree, url) == reference_page_facts(tree, url)


EDGE_TITLES = [
    "Storm batters coast | The Daily Example",
    "Storm batters coast - The Daily Example",
    "The Daily Example",
    "Sport | Storm batters coast | The Daily Example | News",
    "百年老茶馆重新开门迎客-新浪网",
    "Jazz en grange : le festival affiche complet - Le Courrier",
    "",
    "   ",
    "a|b|c|d|e|f|g|h|i|j",
]


@pytest.mark.parametrize("title", EDGE_TITLES)
@pytest.mark.parametrize("repeats", [0, 1, 3])
def test_repeated_title_texts_give_the_same_facts(title: str, repeats: int):
    metas = "".join(f'<meta property="og:title" content="{title}">'
                    f'<meta name="twitter:title" content="{title} ">' for _ in range(repeats))
    h1s = "".join(f"<h1>{title}</h1>" for _ in range(repeats))
    other = "<h1>Another headline of the page</h1>"
    html = (f"<html><head><title>{title}</title>{metas}"
            f'<meta property="og:site_name" content="Daily Example"></head>'
            f"<body><nav><a>Sport</a><a>News</a></nav>{h1s}{other}<p>Text.</p></body></html>")
    _same(html)
    _same(html, None)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_give_the_same_facts(page: Path):
    _same(page.read_bytes())


def reference_title_pieces(text: str) -> list[tuple[int, int]]:
    """_title_pieces as it was: both separator searches on every text."""
    cuts = sorted(m.span() for rx in (_TITLE_SEPARATORS, TITLE_RULES.separators)
                  for m in rx.finditer(text) if m.end() > m.start())
    pieces, start = [], 0
    for cut_start, cut_end in cuts:
        if cut_start >= start:
            pieces.append((start, cut_start))
        start = max(start, cut_end)
    pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def test_the_short_way_is_taken_with_the_current_rules():
    assert _SEPARATOR_MARKS is not None


def test_a_pattern_without_required_marks_gives_no_short_way():
    assert _separator_marks(_TITLE_SEPARATORS, re.compile(r"\s{2,}")) is None


TITLE_ALPHABET = ["a", "B", "1", " ", "\u3000", "\u00a0", "体", "育", "|", "-", "–", "—", ":",
                  "::", "»", "«", "·", "•", "_", "｜", "－", "丨", "/", "~", ",", ".", "!", "é"]


@pytest.mark.parametrize("title", [*EDGE_TITLES, "a", " ", "\u3000", "x,y", "1,000", "体育-新闻",
                                   "体育 - 新闻", "a :: b", "a ~ b", "a/b", "Paris, France"])
def test_title_pieces_as_before(title: str):
    assert _title_pieces(title) == reference_title_pieces(title)


def test_random_titles_give_the_same_pieces():
    rng = random.Random(20261127)
    for _ in range(20000):
        title = "".join(rng.choice(TITLE_ALPHABET) for _ in range(rng.randint(0, 12)))
        assert _title_pieces(title) == reference_title_pieces(title), repr(title)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_titles_give_the_same_pieces(page: Path):
    tree = lxml_html.document_fromstring(page.read_bytes())
    for text in _title_texts(_landmarks(tree)):
        assert _title_pieces(text) == reference_title_pieces(text)
