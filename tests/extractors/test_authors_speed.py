"""The colon labels ("Author:", "作者：") are matched only in texts holding a colon (their
patterns end in ``[:：]``): ``byline_in_line`` and ``clean_authors`` give what the versions
that always ran the patterns gave. The references below are those versions; they run on
crafted lines, random lines full of labels and colons, and every fixture page's meta lines
and byline texts.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import html as lxml_html

from extractors import authors
from extractors.authors import (
    _LEAD_IN,
    _LEADING_JOINER,
    _MAX_BYLINE_CHARS,
    _STRIP,
    BYLINES,
    BylineLexicon,
    _is_outlet,
    _starts_like_a_name,
    byline_in_line,
    clean_authors,
    load_byline_lexicon,
)
from extractors.metadata import _element_text
from extractors.metalines import scan_page

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.glob("*/*/input.html"))


def reference_byline_in_line(line: str, lexicon: BylineLexicon | None = None) -> str | None:
    lexicon = lexicon or BYLINES
    line = " ".join(line.split())
    if len(line) > _MAX_BYLINE_CHARS:
        return None
    match = lexicon.colon_labels_inside.search(line)
    if match is not None:
        return line[match.end():] or None
    for rest in (line, authors._after_a_date(line)):
        match = lexicon.prefix_labels.match(rest) if rest else None
        if match is not None and _starts_like_a_name(rest[match.end():]):
            return None if _is_outlet(rest[match.end():]) else rest[match.end():]
    return None


def reference_strip_labels(text: str, lexicon: BylineLexicon) -> str:
    text = text.strip(_STRIP)
    for _ in range(3):
        match = lexicon.colon_labels.match(text) or lexicon.prefix_labels.match(text)
        if match is None or match.end() == 0:
            break
        text = text[match.end():].strip(_STRIP)
    text = _LEAD_IN.sub("", text)
    return _LEADING_JOINER.sub("", text).strip(_STRIP)


CRAFTED = [
    "By Jane Doe", "Author: Jane Doe", "作者：张三", "Autor：Hans Meier", "AUTHOR : X Y",
    "Text: Ana Ruiz | Fotos: Juan Pérez", "By: Author: Jane Doe", "Publié le 3 février 2023 "
    "à 07h30 par Claire Vasseur", "June 4, 2023 By Jane Doe", "Jane Doe: By the numbers",
    "by", "By ", ": Jane", "：", "Author", "Author Jane Doe", "Redacción: ", "记者 张三 李四",
    "Von ZDF", "Par Libération", "Source: AP", "文/张三", "Editor：王明 阅读 2310",
    "Author\uff1aJane", "Author\ufe55Jane", "Author\u02d0Jane", "Author;Jane", "",
]
# Labels and colon look-alikes to build random lines from
PIECES = ["By", "Author", "author", "作者", "Autor", "Von", "Par", "文/", "记者", ":", "：",
          "\ufe55", "\u02d0", "\uff1a", " ", " | ", ", ", "Jane", "Doe", "张三", "2023-06-04",
          "June 4, 2023", "and", "&", "Staff", "Reporter", "NBC News", "AP", "(", ")"]


def _random_lines(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9))) for _ in range(count)]


def _fixture_texts(page: Path) -> list[str]:
    tree = lxml_html.document_fromstring(page.read_bytes())
    scan = scan_page(tree, max_bylines=15)
    texts = [line.text for line in scan.lines]
    texts += [_element_text(e) for e in scan.bylines or ()]
    return [t for t in texts if t]


def _same(text: str, lexicon: BylineLexicon = BYLINES) -> None:
    assert byline_in_line(text, lexicon) == reference_byline_in_line(text, lexicon), text
    assert authors._strip_labels(text, lexicon) == reference_strip_labels(text, lexicon), text


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_lines_read_the_same(text: str):
    _same(text)


def test_random_lines_read_the_same():
    for text in _random_lines(3000):
        _same(text)


def test_a_lexicon_whose_labels_hold_colons_reads_the_same():
    text = (FIXTURES.parents[0] / "extractors" / "data" / "bylines.toml").read_text("utf-8")
    lexicon = load_byline_lexicon(text.replace('colon = [', 'colon = ["Re:Author", ', 1))
    assert lexicon.colon_labels.match("Re:Author: Jane").group(0) == "Re:Author: "
    for line in ["Re:Author: Jane Doe", "Re:Author Jane", "x Re:Author：Jane", *CRAFTED]:
        _same(line, lexicon)


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_lines_read_the_same(page: Path):
    texts = _fixture_texts(page)
    for text in texts:
        _same(text)
    assert clean_authors(texts) == _reference_clean(texts)


def _reference_clean(values: list[str]) -> tuple[str, ...]:
    """clean_authors with the reference label stripping in place of the new one."""
    real = authors._strip_labels
    authors._strip_labels = reference_strip_labels
    try:
        return clean_authors(values)
    finally:
        authors._strip_labels = real
