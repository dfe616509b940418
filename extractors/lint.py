"""Clutter lint: known clutter still present in a final text is flagged, never passed silently.

Two checks per line: a lint-enabled lexicon rule matching the whole line (the same anchored
rules the cleaner uses, so a sentence that merely mentions "copyright law" is not flagged),
and a rule's ``lint_contains`` phrases — ones so distinctive ("Randomly recommend to you",
"责任编辑") that they are clutter wherever they appear in a line.
"""

from __future__ import annotations

from .lexicon import Lexicon, fold_line

_SHOWN = 80


def clutter_lint(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """One "rule_id: line" entry per flagged line of ``text``."""
    hits = []
    for line in text.split("\n"):
        rule_id = lexicon.lint_hit_folded(fold_line(line))
        if rule_id is not None:
            hits.append(f"{rule_id}: {line.strip()[:_SHOWN]}")
    return tuple(hits)
