"""The short text lines of every saved fixture page: real inputs for equivalence tests."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from extractors.lexicon import fold_line

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


def fixture_keys(max_chars: int) -> list[str]:
    """Each distinct folded text node (``fold_line``: the lexicon's key) of the fixtures'
    <body>s, up to ``max_chars``."""
    keys: set[str] = set()
    for page in sorted(FIXTURES.glob("*/*/input.html")):
        body = lxml_html.document_fromstring(page.read_bytes()).find("body")
        if body is None:
            continue
        for text in body.itertext():
            key = fold_line(text)
            if 0 < len(key) <= max_chars:
                keys.add(key)
    return sorted(keys)


def expected_lines() -> list[str]:
    """The lines of every fixture's expected record's text fields (what runs on extracted
    text, such as find_credit at the body's edges, sees)."""
    lines: set[str] = set()
    for path in sorted(FIXTURES.glob("*/*/expected.json")):
        data = json.loads(path.read_text("utf-8"))
        for value in data.values():
            if isinstance(value, str):
                lines.update(x.strip() for x in value.split("\n"))
    return sorted(lines)
