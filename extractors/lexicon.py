"""The clutter lexicon: rules loaded from ``data/*.toml`` into immutable objects.

Loading happens once at import into frozen tuples, so there is no mutable module state;
callers may build their own :class:`Lexicon` (for example with site phrases added).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

_FOLD_WS = re.compile(r"\s+")
_TRAILING_PUNCT = " .:：;；,，!！?？»>›|-—–·•*"


@dataclass(frozen=True)
class ClutterRule:
    id: str
    kind: str  # "line" | "boundary"
    match: str  # "exact" | "prefix" | "regex"
    phrases: tuple[str, ...]
    lint: bool
    patterns: tuple[re.Pattern[str], ...] = ()

    def matches(self, line: str) -> bool:
        key = fold_line(line)
        if not key:
            return False
        if self.match == "exact":
            return key in self.phrases
        if self.match == "prefix":
            return key.startswith(self.phrases)
        return any(p.search(key) for p in self.patterns)


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[ClutterRule, ...]

    def first_match(self, line: str, kind: str | None = None) -> ClutterRule | None:
        for rule in self.rules:
            if (kind is None or rule.kind == kind) and rule.matches(line):
                return rule
        return None

    def with_phrases(self, rule_id: str, phrases: tuple[str, ...]) -> Lexicon:
        """A copy with one more exact-line rule (site phrases, learned template lines)."""
        if not phrases:
            return self
        extra = ClutterRule(
            id=rule_id,
            kind="line",
            match="exact",
            phrases=tuple(fold_line(p) for p in phrases),
            lint=False,
        )
        return Lexicon((*self.rules, extra))


def fold_line(line: str) -> str:
    """Case-fold, fold whitespace and trim decoration so lexicon lookups are stable."""
    return _FOLD_WS.sub(" ", line).strip().strip(_TRAILING_PUNCT).strip().casefold()


def load_lexicon(text: str) -> Lexicon:
    """Build a lexicon from TOML text (see ``data/clutter.toml`` for the format)."""
    data = tomllib.loads(text)
    rules = []
    for rule_id, spec in data.items():
        phrases = tuple(spec["phrases"])
        match = spec.get("match", "exact")
        if match == "regex":
            patterns = tuple(re.compile(p, re.IGNORECASE) for p in phrases)
        else:
            patterns = ()
            phrases = tuple(fold_line(p) for p in phrases)
        rules.append(
            ClutterRule(
                id=rule_id,
                kind=spec.get("kind", "line"),
                match=match,
                phrases=phrases,
                lint=bool(spec.get("lint", True)),
                patterns=patterns,
            )
        )
    return Lexicon(tuple(rules))


def _load_default() -> Lexicon:
    text = resources.files("extractors").joinpath("data/clutter.toml").read_text("utf-8")
    return load_lexicon(text)


DEFAULT_LEXICON: Lexicon = _load_default()
