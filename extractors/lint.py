"""Clutter lint: known clutter phrases still present in a final text are flagged."""

from __future__ import annotations

from .lexicon import Lexicon


def clutter_lint(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Rule ids of lint-enabled lexicon rules that still match a line of ``text``."""
    hits = []
    for line in text.split("\n"):
        rule = lexicon.first_match(line)
        if rule is not None and rule.lint:
            hits.append(f"{rule.id}: {line.strip()[:80]}")
    return tuple(hits)
