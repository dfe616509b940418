"""``page_facts`` reads each distinct title text once (the <title>, og:title, twitter:title
and the <h1> are mostly one headline): the facts are the ones it gave reading every text,
kept here as the reference, on edge cases and on every fixture page."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from extractors.metalines import scan_page
from extractors.structure_page import (
    _MAX_SITE_NAME,
    _MIN_TITLE_CHARS,
    _SITE_NAME_METAS,
    PageFacts,
    _host_names,
    _landmarks,
    _meta_contents,
    _scanned_body_marks,
    _scanned_landmarks,
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
