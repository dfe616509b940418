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
    linted = tuple(rule for rule in lexicon.rules if rule.lint)
    hits = []
    for line in text.split("\n"):
        key = fold_line(line)
        if not key:
            continue
        for rule in linted:
            if rule.lint_hit(key):
                hits.append(f"{rule.id}: {line.strip()[:_SHOWN]}")
                break
    return tuple(hits)
