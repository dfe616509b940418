"""The clutter lexicon: rules loaded from ``data/clutter.toml`` into immutable objects.

Loading happens once at import into frozen tuples, so there is no mutable module state;
callers may build their own :class:`Lexicon` (for example with site phrases added).

A line is folded once (:func:`fold_line`) and every rule is tried on the folded key.
Clutter lines are short, so a rule never looks at a line longer than its ``max_chars``:
that alone keeps a rule from eating an article paragraph that happens to mention
"copyright" or "powered by".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

_FOLD_WS = re.compile(r"\s+")
_TRAILING_PUNCT = " .:：;；,，!！?？»>›|-—–·•*。、【】[]()（）<>«"
_KINDS = frozenset({"line", "boundary"})
_MATCHES = frozenset({"exact", "prefix", "regex"})
DEFAULT_MAX_CHARS = 200


@dataclass(frozen=True)
class ClutterRule:
    id: str
    kind: str  # "line" | "boundary"
    match: str  # "exact" | "prefix" | "regex"
    phrases: frozenset[str] | tuple[str, ...]  # folded phrases, or regex sources
    lint: bool
    pattern: re.Pattern[str] | None = None  # the regex phrases as one alternation
    max_chars: int = DEFAULT_MAX_CHARS  # longer lines never match this rule
    lint_contains: tuple[str, ...] = ()  # folded phrases the lint flags anywhere in a line
    label: bool = False  # the phrase names a box of links ("Related news"): see clean_dom

    def matches(self, line: str) -> bool:
        return self.matches_folded(fold_line(line))

    def matches_folded(self, key: str) -> bool:
        if not key or len(key) > self.max_chars:
            return False
        if self.match == "exact":
            return key in self.phrases
        if self.match == "prefix":
            return key.startswith(tuple(self.phrases))
        return self.pattern is not None and self.pattern.search(key) is not None


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[ClutterRule, ...]

    def first_match(self, line: str, kind: str | None = None) -> ClutterRule | None:
        return self.first_match_folded(fold_line(line), kind)

    def first_match_folded(self, key: str, kind: str | None = None) -> ClutterRule | None:
        if not key:
            return None
        for rule in self.rules:
            if (kind is None or rule.kind == kind) and rule.matches_folded(key):
                return rule
        return None

    def is_box_label(self, line: str) -> ClutterRule | None:
        """The rule whose phrase is exactly ``line`` and names a box of links, if any."""
        key = fold_line(line)
        for rule in self.rules:
            if rule.label and rule.matches_folded(key):
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
            phrases=frozenset(fold_line(p) for p in phrases),
            lint=False,
            max_chars=max(len(fold_line(p)) for p in phrases),
        )
        return Lexicon((*self.rules, extra))


def fold_line(line: str) -> str:
    """Case-fold, fold whitespace and trim decoration so lexicon lookups are stable."""
    return _FOLD_WS.sub(" ", line).strip().strip(_TRAILING_PUNCT).strip().casefold()


def load_lexicon(text: str, source: str = "<lexicon>") -> Lexicon:
    """Build a lexicon from TOML text (see ``data/clutter.toml`` for the format).

    Raises ``ValueError`` naming the source and the rule when a rule is malformed.
    """
    data = tomllib.loads(text)
    return Lexicon(tuple(_rule(rule_id, spec, source) for rule_id, spec in data.items()))


def _rule(rule_id: str, spec: dict, source: str) -> ClutterRule:
    kind, match = spec.get("kind", "line"), spec.get("match", "exact")
    if kind not in _KINDS or match not in _MATCHES or not spec.get("phrases"):
        raise ValueError(f"{source}: rule {rule_id!r}: bad kind/match or no phrases")
    phrases = tuple(spec["phrases"])
    pattern = None
    if match == "regex":
        try:
            pattern = re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{source}: rule {rule_id!r}: bad regex: {exc}") from exc
        folded: frozenset[str] | tuple[str, ...] = phrases
    elif match == "exact":
        folded = frozenset(fold_line(p) for p in phrases)
    else:
        folded = tuple(fold_line(p) for p in phrases)
    return ClutterRule(
        id=rule_id,
        kind=kind,
        match=match,
        phrases=folded,
        lint=bool(spec.get("lint", True)),
        pattern=pattern,
        max_chars=int(spec.get("max_chars", DEFAULT_MAX_CHARS)),
        lint_contains=tuple(p.casefold() for p in spec.get("lint_contains", ())),
        label=bool(spec.get("label", False)),
    )


def _load_default() -> Lexicon:
    text = resources.files("extractors").joinpath("data/clutter.toml").read_text("utf-8")
    return load_lexicon(text, "extractors/data/clutter.toml")


DEFAULT_LEXICON: Lexicon = _load_default()
