"""The block text cleaner spelt with str methods cleans exactly as its two regexes did, and
its short way for one clean line too; one-line paragraphs and leaves' texts, taken the short
way, are what the split and the inline walk gave."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from lxml import etree
from trafilatura.settings import DEFAULT_CONFIG

from extractors.body import trafilatura_body
from extractors.options import ExtractOptions
from extractors.parsing import parse_html
from extractors.structure import Block, Line, _clean, _inline, _inline_of, _paragraph

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

_OLD_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_OLD_LINE_BREAK_SPACES = re.compile(r" *\n *")


def _old_clean(text: str) -> str:
    text = _OLD_SPACES.sub(" ", text)
    text = _OLD_LINE_BREAK_SPACES.sub("\n", text)
    return "\n".join(x for x in text.split("\n") if x.strip()).strip()


# Spaces the old pattern folded, whitespace it did not (strip() still removes it at the
# ends), line breaks str.splitlines() knows but split("\n") does not, and letters.
ALPHABET = " \t\r\f\v\u00a0\u200b\n\u3000\u2003\x1c\x85\u2028ab"
EDGES = ["", " ", "\n", " \n ", "a", " a ", "a  b", "a\t\tb", "a \n b", "a\n\n\nb", "\u3000a\u3000",
         " \u3000 a \u3000 ", "a \u200b b", "\u00a0\n\u00a0", "a\x1cb\n c\u2028", "x \n\u2003\n y",
         # one line, no run of spaces, no space at an end: the short way
         "ab", "a b", "\u3000", "\u2003a b\x85", "\x1c", "a\u2028b", "\ta", "a\u00a0", "a\u200b",
         "a \u3000 b", "\u3000 \u3000"]


@pytest.mark.parametrize("text", EDGES)
def test_edge_cases_clean_as_before(text: str):
    assert _clean(text) == _old_clean(text)


def test_random_texts_clean_as_before():
    rng = random.Random(20261127)
    for _ in range(20000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))
        assert _clean(text) == _old_clean(text), repr(text)


# A one-line paragraph is built without splitting; a leaf's inline text is its own text,
# without the walk. Held to the old spellings on crafted texts and elements and on every
# element of the fixture pages' trafilatura bodies.
def _old_paragraph(text: str) -> Block:
    return Block("p", tuple(Line(x, x) for x in text.split("\n")))


def _old_inline(element: etree._Element) -> str:
    return _clean(_inline_of(element, with_tail=False))


PARAGRAPHS = ["a", "a b", "a\nb", "\n", "a\n", "\na", "a\n\nb", "\u2028", "a\rb"]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_paragraphs_split_as_before(text: str):
    assert _paragraph(text) == _old_paragraph(text)


INLINE_EDGES = ["<p>text</p>", "<p/>", "<p>  a  b </p>", "<lb/>", "<lb>x</lb>", "<head>h</head>",
                "<p>a<!-- c --></p>", "<p><!-- c -->b</p>", "<p>a<lb/>b</p>", "<item>i</item>",
                "<p>\u00a0x\t</p>", "<cell>a\nb</cell>", "<p>a<hi>b</hi>c</p>", "<p>t</p>tail"]


@pytest.mark.parametrize("xml", INLINE_EDGES)
def test_inline_text_as_before(xml: str):
    element = etree.fromstring(f"<body>{xml}</body>")[0]
    assert _inline(element) == _old_inline(element)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_bodies_inline_and_split_as_before(page: Path):
    tree = parse_html(page.read_bytes().decode("utf-8", errors="replace"), 400)
    body = trafilatura_body(tree, None, ExtractOptions(), DEFAULT_CONFIG)
    if body is None:
        return
    for element in body.iter(etree.Element):
        assert _inline(element) == _old_inline(element)
        text = _old_inline(element)
        if text:
            assert _paragraph(text) == _old_paragraph(text)
