"""The metadata hands its ``find_credit`` answers to ``find_original_source``, which asks
about the same meta lines: the answers handed over are ``find_credit``'s own, and the
attribution found with them is the one found without."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from extractors.attribution import find_credit, find_original_source
from extractors.metadata import extract_page_metadata

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
STORY = "\n\n".join(["The council met on Tuesday to vote on the new budget for the town."] * 4)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_hand_over_find_credits_answers(page: Path):
    meta = extract_page_metadata(lxml_html.document_fromstring(page.read_bytes()),
                                 "https://example.com/a/1.html")
    for line, credit in meta.line_credits.items():
        assert credit == find_credit(line)
    # the page's meta lines at the body's edges too, where they are looked at again
    text = "\n\n".join([*meta.meta_lines[:3], STORY, *meta.meta_lines[-3:]])
    with_known = find_original_source(text, text, meta.meta_lines, meta.tagged_outlets,
                                      known_credits=meta.line_credits)
    assert with_known == find_original_source(text, text, meta.meta_lines,
                                              meta.tagged_outlets)


def test_known_answers_are_used_for_page_lines():
    line = "Source: Ministry of Finance"
    assert find_original_source(STORY, STORY, (line,)).original_source == "Ministry of Finance"
    found = find_original_source(STORY, STORY, (line,), known_credits={line: None})
    assert found.original_source is None  # the answer handed over, not asked again


def test_known_answers_are_used_for_the_bodys_edge_lines():
    line = "Source: Ministry of Finance"
    text = f"{STORY}\n\n{line}"
    assert find_original_source(text, text).original_source == "Ministry of Finance"
    found = find_original_source(text, text, known_credits={line: None})
    assert found.original_source is None and found.text == text
