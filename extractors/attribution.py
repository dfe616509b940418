"""The outlet a copied article credits ("source: NBC News", "来源：新华社", "Quelle: dpa")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A credit line: the label, then the outlet name up to the end of the line or a separator.
_CREDIT = re.compile(
    r"(?:^|\s)(?:source|来源|來源|quelle|fuente|"
    r"originally (?:appeared|published) (?:in|on|at)|"
    r"first (?:appeared|published) (?:in|on))\s*[:：]?\s*"
    r"(?P<outlet>[^\s|,;，；。][^|,;，；。\n]{0,60}?)\s*(?:$|\||,|;|，|；|。|\s{2,})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Attribution:
    original_source: str | None
    text: str  # the body without the credit line(s)
    removed_lines: tuple[str, ...]


def find_original_source(text: str) -> Attribution:
    """Find a credit line near the top or bottom of ``text`` and take it out of the body."""
    lines = text.split("\n")
    candidates = [i for i in range(len(lines)) if i < 6 or i >= len(lines) - 6]
    for i in candidates:
        match = _CREDIT.search(lines[i])
        if match and len(lines[i]) < 160:
            outlet = match.group("outlet").strip().rstrip(".")
            rest = lines[:i] + lines[i + 1:]
            return Attribution(outlet or None, "\n".join(rest).strip(), (lines[i],))
    return Attribution(None, text, ())
