"""The short text lines of every saved fixture page: real inputs for equivalence tests."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def fixture_lines(max_chars: int) -> list[str]:
    """Each distinct whitespace-folded text node of the fixtures' <body>s, up to ``max_chars``."""
    lines: set[str] = set()
    for page in sorted(FIXTURES.glob("*/*/input.html")):
        body = lxml_html.document_fromstring(page.read_bytes()).find("body")
        if body is None:
            continue
        for text in body.itertext():
            line = " ".join(text.split())
            if 0 < len(line) <= max_chars:
                lines.add(line)
    return sorted(lines)
