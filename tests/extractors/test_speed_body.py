"""trafilatura is asked for format "txt" (its text rendering is skipped; only .body is read):
the body tree it returns is the same as with the default "python" format."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from lxml import etree

from extractors.parsing import parse_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html"))[::3],
                         ids=lambda p: p.parent.name)
def test_txt_format_gives_the_same_body(page: Path):
    html = page.read_bytes().decode("utf-8", errors="replace")
    bodies = []
    for output_format in ("python", "txt"):
        document = trafilatura.bare_extraction(
            parse_html(html, 400), fast=True, include_comments=False, favor_recall=True,
            with_metadata=False, output_format=output_format)
        bodies.append(None if document is None else etree.tostring(document.body))
    assert bodies[0] is not None
    assert bodies[0] == bodies[1]
