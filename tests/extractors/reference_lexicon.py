"""The lexicon lookup as a plain loop: the reference its faster tables are held to."""

from __future__ import annotations

from extractors.lexicon import ClutterRule, Lexicon


def plain_first_match(lexicon: Lexicon, key: str, kind: str | None = None,
                      inside_prose: bool = False) -> ClutterRule | None:
    """Every rule in order, no reach or first-character table: what
    ``Lexicon.first_match_folded`` must answer."""
    if not key:
        return None
    for rule in lexicon.rules:
        if rule.raw or (kind is not None and rule.kind != kind):
            continue
        if inside_prose and rule.outside_only:
            continue
        if rule.matches_folded(key, {}):
            return rule
    return None
