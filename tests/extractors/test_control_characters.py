"""Control characters in page text (form feeds survive the HTML parser) never crash
extraction: lxml refuses them as element text and as XPath strings."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path

import pytest

from extractors import ExtractionError, extract

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
STORY = "<p>" + "A real story sentence with enough words to count as prose here. " * 8 + "</p>"


def test_form_feed_in_a_box_label_still_drops_the_box() -> None:
    page = ("<html><body><article>" + STORY * 4
            + "<div><h3>\x0cRelated</h3><ul><li><a href=/a>One headline here</a></li>"
            "<li><a href=/b>Two headline here</a></li><li><a href=/c>Three headline</a></li>"
            "</ul></div></article></body></html>")
    article = extract(page.encode(), "http://example.com/story")
    assert "real story sentence" in article.text
    assert "headline here" not in article.text
    assert "Related" not in article.text


@pytest.mark.parametrize("case", sorted(p.parent for p in FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_control_characters_sprinkled_into_fixture_pages(case: Path) -> None:
    raw = (case / "input.html").read_bytes()
    rng = random.Random(case.name)
    spots = sorted(rng.sample(range(len(raw)), 40))
    pieces, last = [], 0
    for spot in spots:
        pieces += [raw[last:spot], bytes([rng.choice([1, 8, 11, 12, 14, 27, 31])])]
        last = spot
    # A typed error is an allowed outcome; any other exception fails the test.
    with contextlib.suppress(ExtractionError):
        extract(b"".join([*pieces, raw[last:]]), "http://example.com/page")


def test_form_feeds_become_spaces_and_other_controls_go() -> None:
    from extractors.parsing import without_control_characters

    assert without_control_characters("a\x0cb\x01c\x1fd\te\nf\rg\x7fh") == "a bcd\te\nf\rg\x7fh"
    plain = "<p>nothing to change</p>"
    assert without_control_characters(plain) is plain


def test_control_characters_are_seen_in_bytes_and_in_text() -> None:
    from extractors.parsing import _has_control_characters

    for control in [*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20)]:
        text = f"<p>caf\u00e9 {chr(control)} \ud800</p>"  # the str path: a lone surrogate
        assert _has_control_characters(text)
        assert _has_control_characters(text.replace("\ud800", "").encode())
    clean = "<p>caf\u00e9\t\n\r \x7f \u4e2d</p>"
    assert not _has_control_characters(clean)
    assert not _has_control_characters(clean.encode())


def test_a_page_that_stays_text_loses_its_controls_too() -> None:
    page = ("<html><body><article>" + STORY * 4 + "<p>tail\x01 \ud800 x\x0cy</p>"
            "</article></body></html>")
    article = extract(page, "http://example.com/story")
    assert "\x01" not in article.text and "\x0c" not in article.text
