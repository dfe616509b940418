"""The clutter lexicon: rules loaded from ``data/clutter.toml`` into immutable objects.

Loading happens once at import into frozen tuples, so there is no mutable module state;
callers may build their own :class:`Lexicon` (for example with site phrases added).

A line is folded once (:func:`fold_line`) and every rule is tried on the folded key.
Clutter lines are short, so a rule never looks at a line longer than its ``max_chars``:
that alone keeps a rule from eating an article paragraph that happens to mention
"copyright" or "powered by".

Speed matters (every line of every page): a rule's regex phrases that start with ``^``
are compiled into one pattern tried at position 0 only, the others are searched one by
one (so each keeps re's literal-prefix scan), exact phrases are a set lookup. Lines are
lower-cased before matching and the phrases are written in lower case, so no pattern
needs ``re.IGNORECASE`` (which slows ``re`` down several times on non-ASCII text).
A pattern that ``re`` must try at every position of a line (it opens with ``\b``, say)
is only searched on lines holding one of the literals it cannot match without
(:class:`GuardedPattern`, literals from ``regex_literals``).
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources

from .regex_literals import (
    AllLiterals,
    HeldSets,
    ascii_first_chars,
    by_first_char,
    distinctive,
    first_chars,
    literal_finder,
    lookahead_requirements,
    may_start_with_lookaround,
    prefilter,
    required_literals,
    scans_fast,
    starts_with_lookaround,
)

_TRAILING_PUNCT = " .:：;；,，!！?？»>›|-—–·•*。、【】[]()（）<>«"
_KINDS = frozenset({"line", "boundary"})
_MATCHES = frozenset({"exact", "prefix", "regex", "concepts", "labelled"})
# Where a "labelled" line's label ends ("Most read: …", "猜你喜欢：…", "Lo más visto » …").
_LABEL_END = re.compile(r"\s*[:：»>|→]\s*")
_MAX_LABEL_CHARS = 50
# needs_stems: a word's first letters looked up in a set (CJK runs are one "word")
_STEM = 6
_MIN_WORD = 3
_WORD = re.compile(r"[^\W\d_]{3,}")
_LETTERS = re.compile(r"[^\W\d_]+")
DEFAULT_MAX_CHARS = 200


class GuardedPattern:
    """A compiled pattern searched only when the line holds one of its required literals:
    the same answers as the pattern, with the costly search skipped on most lines."""

    __slots__ = ("_literals", "pattern")

    def __init__(self, pattern: re.Pattern[str], literals: re.Pattern[str] | AllLiterals
                 ) -> None:
        self.pattern = pattern
        self._literals = literals

    def search(self, key: str) -> re.Match[str] | None:
        return self.pattern.search(key) if self._literals.search(key) else None

    def match(self, key: str) -> re.Match[str] | None:
        return self.pattern.match(key) if self._literals.search(key) else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GuardedPattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"GuardedPattern({self.pattern!r})"


class ByFirstChar:
    """An anchored alternation asked by a line's first character: ``match`` answers as the
    pattern's does, with ``re`` trying only the branches that can start with that character
    (``regex_literals.by_first_char``). A long alternation ("box_heading": fifteen phrases
    of dozens of words each) otherwise walks every branch on every short line (speed only)."""

    __slots__ = ("flags", "pattern", "table", "whole")

    def __init__(self, whole: re.Pattern[str], table: dict[str, re.Pattern[str]]) -> None:
        self.whole = whole
        self.table = table
        # read like the whole pattern's by regex_literals (may_start_with_lookaround)
        self.pattern, self.flags = whole.pattern, whole.flags

    def match(self, key: str) -> re.Match[str] | None:
        pruned = self.table.get(key[:1])
        return pruned.match(key) if pruned is not None else None

    def __reduce__(self) -> tuple:
        return _by_first_char, (self.whole,)  # (the pruned patterns have no source to pickle)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByFirstChar) and other.whole == self.whole

    def __hash__(self) -> int:
        return hash(self.whole)

    def __repr__(self) -> str:
        return f"ByFirstChar({self.whole!r})"


Pattern = re.Pattern[str] | GuardedPattern | ByFirstChar


@dataclass(frozen=True)
class FirstOf:
    """Anchored patterns tried in turn at a line's start (``match`` answers like one
    alternation of them, as a yes or no): phrases that open with a lookahead over the whole
    line ("^(?=.*copyright)(?=.*contact)") are kept apart from the others, behind their
    literals, instead of running on every line inside one alternation (speed only)."""

    patterns: tuple[Pattern, ...]

    def match(self, key: str) -> bool:
        return any(p.match(key) for p in self.patterns)


@dataclass(frozen=True)
class AnyOf:
    """Several patterns, found when one of them is (``search`` answers yes or no)."""

    patterns: tuple[Pattern, ...]

    def search(self, key: str) -> bool:
        return any(p.search(key) for p in self.patterns)


def _guarded(pattern: re.Pattern[str] | None, at_start: bool = False) -> Pattern | None:
    """``pattern`` behind its literals where that saves work: a search that ``re`` cannot
    start by a first-character scan, or a ``match`` that opens with a lookahead over the
    whole line; the pattern itself otherwise."""
    if pattern is None:
        return None
    costly = starts_with_lookaround(pattern) if at_start else not scans_fast(pattern)
    literals = prefilter(pattern) if costly else None
    if literals is not None and at_start:
        literals = _every_lookahead(pattern) or literals
    return GuardedPattern(pattern, literals) if literals is not None else pattern


def _every_lookahead(pattern: re.Pattern[str]) -> AllLiterals | None:
    """For a pattern that opens with several lookaheads over the whole line ("disclaimer":
    copyright words, then removal words, then the site's words), a guard asking for a literal
    of each of them, the rarest first: the one prefilter keeps (the removal words, found in
    many lines) costs a slow scan of every line, the copyright words stop nearly all lines at
    once (speed only: every lookahead must hold for a match, so each set is required)."""
    sets = [found for found in lookahead_requirements(pattern)
            if all(distinctive(literal) for literal in found)]
    return AllLiterals(sets) if len(sets) > 1 else None


@dataclass(frozen=True)
class ClutterRule:
    id: str
    kind: str  # "line" | "boundary"
    match: str  # "exact" | "prefix" | "regex"
    phrases: frozenset[str] | tuple[str, ...]  # folded phrases, or regex sources
    lint: bool
    anchored: Pattern | FirstOf | None = None  # the "^..." phrases, tried at position 0
    floating: tuple[Pattern, ...] = ()  # the other regex phrases, each searched
    needs: Pattern | None = None  # cheap precondition: no match without it
    floating_needs: tuple[str, ...] = ()  # literals one of which the floating phrases need
    max_chars: int = DEFAULT_MAX_CHARS  # longer lines never match this rule
    lint_contains: tuple[str, ...] = ()  # folded phrases the lint flags anywhere in a line
    label: bool = False  # the phrase names a box of links ("Related news"): see clean_dom
    outside_only: bool = False  # fires only outside the article's prose (where = "outside")
    unless_prose_follows: bool = False  # a boundary that yields to prose after it
    raw: bool = False  # tried on the line with its decoration ("« Headline"), see raw_match
    # match = "concepts": the line names at least ``min_groups`` of the ``concepts`` (each
    # one pattern searched) and either starts with a label (``anchored``) or holds one of
    # the ``anchors`` (literals: "this site", "本站", "contact us")
    concepts: tuple[Pattern, ...] = ()
    min_groups: int = 0
    anchors: tuple[str, ...] = ()
    ascii_anchors: tuple[str, ...] = ()
    # Optional for "concepts": ``anchor_pattern`` (regex) also counts as an anchor; without
    # any anchor the line still matches when it names ``min_groups_unanchored`` groups (0:
    # never); ``unless`` (regex) vetoes a line (reported speech, quotes). Preconditions
    # (speed only): a word of the line starts with one of ``needs_stems`` (at most six
    # letters of each, looked up in one set per length, so a line costs one split, not a
    # scan per stem), or the line holds one of ``needs_any`` (literals for scripts written
    # without spaces).
    anchor_pattern: AnyOf | None = None
    min_groups_unanchored: int = 0
    unless: AnyOf | None = None
    needs_any: tuple[str, ...] = ()
    needs_stems: tuple[tuple[int, frozenset[str]], ...] = ()  # (length, stems of it)
    # match = "labelled": the line is "<label><: » | →><text>" and the label matches one of
    # these rules (the ids in ``phrases``, resolved when the lexicon is loaded)
    label_of: tuple[ClutterRule, ...] = ()
    min_chars: int = 0  # shorter lines never match this rule

    # Derived: the literal lists as one alternation each, found by one search in C
    # (``finder.search(key)`` answers exactly ``any(x in key for x in literals)``).
    floating_finder: re.Pattern[str] | None = field(default=None, init=False, repr=False,
                                                    compare=False)
    anchor_finder: re.Pattern[str] | None = field(default=None, init=False, repr=False,
                                                  compare=False)
    ascii_anchor_finder: re.Pattern[str] | None = field(default=None, init=False, repr=False,
                                                        compare=False)
    needs_any_finder: re.Pattern[str] | None = field(default=None, init=False, repr=False,
                                                     compare=False)
    # ``needs_stems`` as one finder: a stem where a word starts (see _stem_finder)
    stem_finder: WordStartFinder | re.Pattern[str] | None = field(
        default=None, init=False, repr=False, compare=False)
    # Derived: what each shared test of a "concepts" rule is called in a lookup's memo
    # (the same words for the same test, so two rules with one vocabulary ask it once)
    needed_word_test: str = field(default="", init=False, repr=False, compare=False)
    anchor_pattern_test: str = field(default="", init=False, repr=False, compare=False)
    unless_test: str = field(default="", init=False, repr=False, compare=False)
    concept_tests: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)
    # Derived (speed only, see _groups_in_reach): the concept groups with known literals
    # (indexes and test names), one finder for all those literals, and its name in a memo
    held_groups: HeldSets | None = field(default=None, init=False, repr=False, compare=False)
    gated_groups: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    gated_group_tests: tuple[str, ...] = field(default=(), init=False, repr=False,
                                               compare=False)
    held_groups_test: str = field(default="", init=False, repr=False, compare=False)
    # Derived: a regex rule without floating phrases matches when ``needs`` and ``anchored``
    # both do; when its anchored pattern fails fast at a line's start, try it first (most
    # lines stop there instead of searching ``needs`` through the whole line)
    anchored_first: bool = field(default=False, init=False, repr=False, compare=False)
    # Derived: what the rule answers on a line it can reach, asked without a call of
    # matches_folded, where one C call tells (see _quick_match): most rules are such rules,
    # and a line is tried against most of them
    quick_match: Callable[[str], object] | None = field(default=None, init=False, repr=False,
                                                        compare=False)
    # Derived: the characters a line this rule matches can start with (``None``: any), so
    # that a lookup passes over, without a call, the rules a line cannot open (see
    # _by_reach): most rules are anchored phrases or exact lines
    opens_with: frozenset[str] | None = field(default=None, init=False, repr=False,
                                              compare=False)
    # Derived, for a rule whose first characters cannot all be listed (``opens_with`` None):
    # the ASCII ones a line it matches can start with, when those can be ("^\d*\s*(comments?
    # |…)": digits, spaces and the words' first letters; a non-ASCII digit is not listed)
    opens_ascii: frozenset[str] | None = field(default=None, init=False, repr=False,
                                               compare=False)

    def __post_init__(self) -> None:
        derived = {
            "needed_word_test": f"stems:{self.needs_stems!r}:{self.needs_any!r}",
            "anchor_pattern_test": _test_name(self.anchor_pattern),
            "unless_test": _test_name(self.unless),
            "concept_tests": tuple(_test_name(group) for group in self.concepts),
            "stem_finder": _stem_finder(self.needs_stems),
            "quick_match": _quick_match(self),
            "anchored_first": (self.match == "regex" and self.needs is not None
                               and not self.floating
                               and isinstance(self.anchored, re.Pattern | ByFirstChar)
                               and not may_start_with_lookaround(self.anchored)),
        }
        derived["opens_with"] = _opens_with(self)
        derived["opens_ascii"] = None if derived["opens_with"] is not None else _opens_ascii(self)
        derived.update(_held_groups(self.concepts, derived["concept_tests"]))
        for name, value in derived.items():
            object.__setattr__(self, name, value)
        for name, literals in (("floating_finder", self.floating_needs),
                               ("anchor_finder", self.anchors),
                               ("ascii_anchor_finder", self.ascii_anchors),
                               ("needs_any_finder", self.needs_any)):
            object.__setattr__(self, name, _literal_finder(literals))

    def matches(self, line: str) -> bool:
        return self.matches_folded(fold_line(line))

    def matches_folded(self, key: str, memo: dict[str, bool] | None = None) -> bool:
        """Whether the folded line ``key`` matches. ``memo``: answers of one lookup that
        rules sharing a vocabulary (``concepts_from``) reuse for the same ``key``."""
        if not key or len(key) > self.max_chars:
            return False
        # Regex rules first, and no generator unless a floating phrase may match: most rules
        # are regex rules and a line is tried against most of them (speed only).
        if self.match == "regex":
            if self.anchored_first:
                return bool(self.anchored.match(key)) and self.needs.search(key) is not None
            if self.needs is not None and self.needs.search(key) is None:
                return False
            if self.anchored is not None and self.anchored.match(key):
                return True
            if not self.floating or (self.floating_finder is not None
                                     and self.floating_finder.search(key) is None):
                return False
            return any(pattern.search(key) for pattern in self.floating)
        if self.match == "exact":
            return key in self.phrases
        if self.match == "prefix":
            return key.startswith(tuple(self.phrases))
        if self.match == "concepts":
            return self._names_concepts(key, {} if memo is None else memo)
        return self._led_by_label(key)  # "labelled"

    def _led_by_label(self, key: str) -> bool:
        end = _LABEL_END.search(key, 1, _MAX_LABEL_CHARS)
        if end is None or end.end() >= len(key):
            return False
        label = fold_line(key[: end.start()])
        return bool(label) and any(rule.matches_folded(label) for rule in self.label_of)

    def _names_concepts(self, key: str, memo: dict[str, bool]) -> bool:
        if len(key) < self.min_chars:
            return False
        if (self.needs_stems or self.needs_any) and not _found(
                memo, self.needed_word_test, key, self._has_needed_word):
            return False
        # Fewer groups within reach than the rule ever needs: no need to ask whether the line
        # speaks for the site (a rule that may need none would scan every line for them).
        least = min(self.min_groups, self.min_groups_unanchored)
        if least >= 1 and self.held_groups is not None \
                and self._groups_in_reach(key, memo) < least:
            return False
        needed = (self.min_groups if self._speaks_for_itself(key, memo)
                  else self.min_groups_unanchored)
        # Too few groups within reach, or a veto: either ends it (the cheaper asked first).
        if needed < 1 or (self.held_groups is not None
                          and self._groups_in_reach(key, memo) < needed):
            return False
        if self.unless is not None and _found(memo, self.unless_test, key, self.unless.search):
            return False
        named = 0
        for left, group, test in zip(range(len(self.concepts), 0, -1), self.concepts,
                                     self.concept_tests, strict=True):
            if named + left < needed:
                return False  # the groups left cannot make up the count
            if _found(memo, test, key, group.search):
                named += 1
                if named >= needed:
                    return True
        return False

    def _groups_in_reach(self, key: str, memo: dict[str, bool]) -> int:
        """How many concept groups may be named in ``key``: one scan for the literals of
        all groups (``held_groups``) notes as not named, in the lookup's memo, each group
        whose literals the line does not hold, which is what its own search would answer
        (rules sharing the groups share the notes). Most lines that pass the word test
        hold the literals of a group or two, and the groups' own scans are passed over."""
        if self.held_groups_test not in memo:
            held = self.held_groups.held(key)
            for index, test in zip(self.gated_groups, self.gated_group_tests, strict=True):
                if index not in held:
                    memo.setdefault(test, False)
            memo[self.held_groups_test] = True
        return sum(memo.get(test) is not False for test in self.concept_tests)

    def _has_needed_word(self, key: str) -> bool:
        if self.stem_finder is not None:
            if self.stem_finder.search(key):
                return True
        elif self.needs_stems:
            words = _WORD.findall(key)
            for length, stems in self.needs_stems:
                if any(w[:length] in stems for w in words):
                    return True
        return (not key.isascii() and self.needs_any_finder is not None
                and self.needs_any_finder.search(key) is not None)

    def _speaks_for_itself(self, key: str, memo: dict[str, bool]) -> bool:
        """The line starts with a notice label or holds an anchor ("this site", "本站")."""
        if self.anchored is not None and self.anchored.match(key):
            return True
        # The anchors with accents or CJK cannot be in a line of plain ASCII (speed only).
        anchors = self.anchor_finder if not key.isascii() else self.ascii_anchor_finder
        if anchors is not None and anchors.search(key):
            return True
        return self.anchor_pattern is not None and _found(memo, self.anchor_pattern_test, key,
                                                          self.anchor_pattern.search)


def _quick_match(rule: ClutterRule) -> Callable[[str], object] | None:
    """One C call answering as ``rule.matches_folded`` does on a non-empty line no longer
    than ``max_chars`` (a lookup only asks such lines, see _reachable): a regex rule with
    only anchored phrases is their ``match``, an exact rule the set's ``in`` (a box label
    lookup tries "recommend_box" on nearly every text of a page). ``None``: no such call."""
    if rule.match == "regex" and rule.needs is None and not rule.floating \
            and rule.anchored is not None:
        return rule.anchored.match
    if rule.match == "exact":
        return rule.phrases.__contains__
    return None


def _held_groups(concepts: tuple[Pattern, ...], tests: tuple[str, ...]) -> dict[str, object]:
    """The derived fields of _groups_in_reach: the groups whose every match holds one of
    some distinctive literals (``required_literals``), when two or more have such."""
    gated = []
    for index, group in enumerate(concepts):
        pattern = group.pattern if isinstance(group, GuardedPattern) else group
        found = required_literals(pattern) if isinstance(pattern, re.Pattern) else None
        if found and all(distinctive(literal) for literal in found):
            gated.append((index, found))
    if len(gated) < 2:
        return {}
    return {
        "held_groups": HeldSets([found for _, found in gated]),
        "gated_groups": tuple(index for index, _ in gated),
        "gated_group_tests": tuple(tests[index] for index, _ in gated),
        "held_groups_test": "held:" + "\x00".join(tests),
    }


def _opens_with(rule: ClutterRule) -> frozenset[str] | None:
    """What a line ``rule`` matches can start with, when that is known: an exact line or a
    prefix starts with its phrase, a regex rule without floating phrases with what its
    anchored phrases match at a line's start."""
    if rule.match in ("exact", "prefix"):
        if not all(rule.phrases):
            return None  # (an empty prefix starts every line)
        return frozenset(phrase[0] for phrase in rule.phrases)
    if rule.match == "regex" and not rule.floating and rule.anchored is not None:
        return _pattern_opens_with(rule.anchored)
    return None


def _opens_ascii(rule: ClutterRule) -> frozenset[str] | None:
    """The ASCII characters a line ``rule`` matches can start with, when known: for a regex
    rule without floating phrases, what its anchored phrases can match first, reading
    ``\\d`` and ``\\s`` by their ASCII members (``regex_literals.ascii_first_chars``)."""
    if rule.match == "regex" and not rule.floating and rule.anchored is not None:
        return _pattern_opens_ascii(rule.anchored)
    return None


def _pattern_opens_ascii(pattern: Pattern | FirstOf) -> frozenset[str] | None:
    if isinstance(pattern, FirstOf):
        parts = [_pattern_opens_ascii(p) for p in pattern.patterns]
        return None if None in parts else frozenset().union(*parts)
    if isinstance(pattern, ByFirstChar):
        return frozenset(char for char in pattern.table if char.isascii())
    return ascii_first_chars(pattern.pattern if isinstance(pattern, GuardedPattern)
                             else pattern)


def _pattern_opens_with(pattern: Pattern | FirstOf) -> frozenset[str] | None:
    if isinstance(pattern, FirstOf):
        parts = [_pattern_opens_with(p) for p in pattern.patterns]
        return None if None in parts else frozenset().union(*parts)
    if isinstance(pattern, ByFirstChar):
        return frozenset(pattern.table)
    return first_chars(pattern.pattern if isinstance(pattern, GuardedPattern) else pattern)


def _found(memo: dict[str, bool], test_name: str, key: str, test: Callable[[str], object]
           ) -> bool:
    """``test(key)`` as a bool, asked once per lookup for each test: rules that share a
    vocabulary (``concepts_from``) share the tests' names, and so their answers."""
    answer = memo.get(test_name)
    if answer is None:
        answer = memo[test_name] = bool(test(key))
    return answer


def _test_name(pattern: Pattern | AnyOf | None) -> str:
    """A pattern's source(s): the same name means the same test."""
    if pattern is None:
        return ""
    if isinstance(pattern, AnyOf):
        return "any:" + "\x00".join(_test_name(p) for p in pattern.patterns)
    if isinstance(pattern, GuardedPattern):
        pattern = pattern.pattern
    return f"re:{pattern.pattern}"


def _stem_finder(needs_stems: tuple[tuple[int, frozenset[str]], ...]
                 ) -> re.Pattern[str] | None:
    """A pattern found in a line exactly when a word of it (``_WORD``: a run of three or
    more letters) starts with one of the stems: a stem right after a non-letter. ``None``
    when a stem is shorter than a word must be (the word loop then decides)."""
    stems = [stem for _, group in needs_stems for stem in group]
    if not stems or any(len(stem) < _MIN_WORD for stem in stems):
        return None
    # A stem with a character no word holds can never start one: it is left out.
    letters = [stem for stem in stems if _LETTERS.fullmatch(stem)]
    if not letters:
        return re.compile("(?!)")
    return WordStartFinder(literal_finder(letters).pattern)


# Every ASCII character but the letters: after one of them (or at a line's start) a word of
# letters may start. A set of characters: re finds them by its quick first-character scan.
_ASCII_NON_LETTER = r"[\x00-@\[-`{-\x7f]"


class WordStartFinder:
    r"""``search(line)``: whether a word of the line (a run of letters) starts with one of
    the stems ``stems_pattern`` finds, as ``pattern`` (``(?<![^\W\d_])`` before the stems)
    answers. That lookbehind comes first, so re tries it at every position of a line; here
    the stems are tried only where a word can start: at the line's start, after an ASCII
    character that is no letter (found by one scan for a set of characters), and, in a
    line that is not plain ASCII, after any other character that is no letter (the set of
    non-ASCII characters, then the lookbehind on that one character). The three places are
    every place the lookbehind allows, so the answers are the same (speed only: the stem
    test of "site_statement" costs ~40% less on the bench lines)."""

    __slots__ = ("_after_ascii", "_after_other", "_at_start", "pattern")

    def __init__(self, stems_pattern: str) -> None:
        self.pattern = re.compile(r"(?<![^\W\d_])" + stems_pattern)
        self._at_start = re.compile(stems_pattern)
        self._after_ascii = re.compile(_ASCII_NON_LETTER + stems_pattern)
        self._after_other = re.compile(r"[^\x00-\x7f](?<=[\W\d_])" + stems_pattern)

    def search(self, line: str) -> bool:
        return bool(self._at_start.match(line) or self._after_ascii.search(line)
                    or (not line.isascii() and self._after_other.search(line)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordStartFinder) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"WordStartFinder({self.pattern!r})"


def _literal_finder(literals: tuple[str, ...]) -> re.Pattern[str] | None:
    return literal_finder(literals) if literals else None


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[ClutterRule, ...]
    # Derived once: no rule looks at a line longer than this (the common case).
    longest: int = field(init=False, repr=False, compare=False)
    label_rules: tuple[ClutterRule, ...] = field(init=False, repr=False, compare=False)
    lint_rules: tuple[ClutterRule, ...] = field(init=False, repr=False, compare=False)
    lint_longest: int = field(init=False, repr=False, compare=False)
    # (phrase, rule id) pairs the lint flags anywhere in a line
    lint_phrases: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)
    lint_phrase_finder: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    # (see _by_reach) a line is only tried against the rules that can match a line that
    # long and starting with its first character.
    by_reach: tuple[Reach, ...] = field(init=False, repr=False, compare=False)
    # the same without the rules marked where = "outside": a lookup inside the prose
    # (clean_blocks asks most lines so) passes over none of them one by one
    inside_by_reach: tuple[Reach, ...] = field(init=False, repr=False, compare=False)
    lint_by_reach: tuple[Reach, ...] = field(init=False, repr=False, compare=False)
    label_by_reach: tuple[Reach, ...] = field(init=False, repr=False, compare=False)
    # the same with each rule's quick call in its place (None: a label rule has none), see
    # _quick_by_reach: names_box_folded asks a page's every short text
    label_quick_by_reach: QuickTables | None = field(init=False, repr=False, compare=False)
    raw_rules: tuple[ClutterRule, ...] = field(init=False, repr=False, compare=False)
    raw_rules_inside: tuple[ClutterRule, ...] = field(init=False, repr=False, compare=False)
    # One page's answers of first_match_folded(key), kept by the copy remembering() makes
    # for one extract() call (never by a shared lexicon): the lint asks about the same lines.
    verdicts: dict[str, ClutterRule | None] | None = field(default=None, repr=False,
                                                            compare=False)
    label_verdicts: dict[str, ClutterRule | None] | None = field(default=None, repr=False,
                                                                  compare=False)
    # ...and of first_match_folded(key, inside_prose=True): a long line of the story's prose
    # is only asked so (see clean_blocks), and the lint need not try its rules again either.
    inside_verdicts: dict[str, ClutterRule | None] | None = field(default=None, repr=False,
                                                                   compare=False)
    # Derived: no lint rule is marked where = "outside" (then a line no other rule matched
    # matches no lint rule).
    lint_inside: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        folded = tuple(r for r in self.rules if not r.raw)
        lint = tuple(r for r in folded if r.lint)
        derived = {
            "raw_rules": tuple(r for r in self.rules if r.raw),
            "raw_rules_inside": tuple(r for r in self.rules if r.raw and not r.outside_only),
            "longest": max((r.max_chars for r in folded), default=0),
            "label_rules": tuple(r for r in folded if r.label),
            "lint_rules": lint,
            "lint_longest": max((r.max_chars for r in lint), default=0),
            "lint_inside": not any(r.outside_only for r in lint),
            "lint_phrases": tuple((p, r.id) for r in lint for p in r.lint_contains),
            "lint_phrase_finder": _literal_finder(tuple(p for r in lint for p in r.lint_contains)),
            "by_reach": _by_reach(folded),
            "inside_by_reach": _by_reach(tuple(r for r in folded if not r.outside_only)),
            "lint_by_reach": _by_reach(lint),
            "label_by_reach": _by_reach(tuple(r for r in folded if r.label)),
        }
        derived["label_quick_by_reach"] = QuickTables.of(derived["label_by_reach"])
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def first_match(self, line: str, kind: str | None = None) -> ClutterRule | None:
        return self.first_match_folded(fold_line(line), kind)

    def first_match_folded(self, key: str, kind: str | None = None,
                           inside_prose: bool = False) -> ClutterRule | None:
        """The first rule matching the folded line ``key``; rules marked
        ``where = "outside"`` are skipped for a line ``inside_prose``."""
        if not key or len(key) > self.longest:
            return None
        verdicts = None if kind is not None else (
            self.inside_verdicts if inside_prose else self.verdicts)
        if verdicts is not None and key in verdicts:
            return verdicts[key]
        found = None
        memo: dict[str, bool] = {}
        # each reaches a line this long (inside the prose: of the rules that hold there)
        for rule in _reachable(self.inside_by_reach if inside_prose else self.by_reach, key):
            if kind is not None and rule.kind != kind:
                continue
            quick = rule.quick_match
            if quick(key) if quick is not None else rule.matches_folded(key, memo):
                found = rule
                break
        if verdicts is not None:
            verdicts[key] = found
        return found

    def remembering(self) -> Lexicon:
        """A copy for one page that remembers which rule, if any, each line matched (the
        lint need not try again the rules a line is known to pass) and which texts are
        box labels (a page repeats them)."""
        page = copy.copy(self)
        object.__setattr__(page, "verdicts", {})
        object.__setattr__(page, "label_verdicts", {})
        object.__setattr__(page, "inside_verdicts", {})
        return page

    def raw_match(self, line: str, edge: bool) -> ClutterRule | None:
        """The first ``raw = true`` rule matching ``line`` lower-cased and whitespace-folded
        but with its decoration kept (the "«" of "« Previous headline" is the point);
        ``edge``: the line is before or after the prose (``where = "outside"`` rules)."""
        rules = self.raw_rules if edge else self.raw_rules_inside
        if not rules:
            return None  # (between paragraphs, with every raw rule outside only: most lines)
        key = " ".join(line.split()).lower()
        for rule in rules:
            if rule.matches_folded(key):
                return rule
        return None

    def lint_hit_folded(self, key: str) -> str | None:
        """The id of the first lint rule the folded line trips: a whole-line match, or one of
        the distinctive phrases anywhere in it."""
        if not key:
            return None
        # A line no rule matched matches no lint rule (lint rules are some of the rules);
        # nor does a line no rule but an outside-only one matched, if no lint rule is one.
        known_clean = ((self.verdicts is not None and key in self.verdicts
                        and self.verdicts[key] is None)
                       or (self.lint_inside and self.inside_verdicts is not None
                           and key in self.inside_verdicts and self.inside_verdicts[key] is None))
        if len(key) <= self.lint_longest and not known_clean:
            for rule in _reachable(self.lint_by_reach, key):
                quick = rule.quick_match
                if quick(key) if quick is not None else rule.matches_folded(key):
                    return rule.id
        if self.lint_phrase_finder is None or self.lint_phrase_finder.search(key) is None:
            return None
        for phrase, rule_id in self.lint_phrases:
            if phrase in key:
                return rule_id
        return None

    def is_box_label(self, line: str) -> ClutterRule | None:
        """The rule whose phrase is exactly ``line`` and names a box of links, if any."""
        return self.box_label_folded(fold_line(line))

    def box_label_folded(self, key: str) -> ClutterRule | None:
        remembered = self.label_verdicts is not None
        if remembered and key in self.label_verdicts:
            return self.label_verdicts[key]
        found = None
        if key:
            for rule in _reachable(self.label_by_reach, key):  # as first_match_folded does
                quick = rule.quick_match
                if quick(key) if quick is not None else rule.matches_folded(key):
                    found = rule
                    break
        if remembered:
            self.label_verdicts[key] = found  # a page repeats its box labels
        return found

    def names_box_folded(self, key: str) -> bool:
        """Whether the folded line ``key`` names a box of links: ``box_label_folded(key) is
        not None``, without its memo (clean_dom asks each distinct text of a page once, and
        two seldom fold alike: keeping every answer cost more than the repeats saved)."""
        if not key:
            return False
        if self.label_quick_by_reach is not None:
            # A loop, not any(): a generator per line cost as much as the table saves.
            for quick in _reachable(self.label_quick_by_reach.reaches, key):  # noqa: SIM110
                if quick(key):
                    return True
            return False
        for rule in _reachable(self.label_by_reach, key):  # as box_label_folded does
            quick = rule.quick_match
            if quick(key) if quick is not None else rule.matches_folded(key):
                return True
        return False

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


# What a lookup tries for a line of a given length, by the line's first character: (the
# longest line they reach, rules by first character, rules for any other first character)
Reach = tuple[int, dict[str, tuple[ClutterRule, ...]], tuple[ClutterRule, ...]]


def _by_reach(rules: tuple[ClutterRule, ...]) -> tuple[Reach, ...]:
    """For each reach, in order, the rules whose ``max_chars`` is at least that, and of
    them, for each first character, only those a line starting with it may match: a line is
    tried against the rules that may match a line that long and opening so."""
    reaches = sorted({r.max_chars for r in rules})
    table = []
    for reach in reaches:
        long_enough = tuple(r for r in rules if r.max_chars >= reach)
        chars = set().union(*(r.opens_with for r in long_enough if r.opens_with is not None))
        by_first = {char: tuple(r for r in long_enough if _may_open(r, char))
                    for char in chars}
        table.append((reach, by_first, tuple(r for r in long_enough if r.opens_with is None)))
    return tuple(table)


# A reach table of quick calls (see _quick_by_reach), read by _reachable as a Reach is
QuickReach = tuple[int, dict[str, tuple[Callable[[str], object], ...]],
                   tuple[Callable[[str], object], ...]]


class QuickTables:
    """Reach tables of quick calls (see _quick_by_reach), pickled as the tables of rules
    they were made from: a pruned pattern has no source to pickle (see ByFirstChar)."""

    __slots__ = ("reaches", "source")

    def __init__(self, source: tuple[Reach, ...], reaches: tuple[QuickReach, ...]) -> None:
        self.source = source
        self.reaches = reaches

    @classmethod
    def of(cls, source: tuple[Reach, ...]) -> QuickTables | None:
        reaches = _quick_by_reach(source)
        return None if reaches is None else cls(source, reaches)

    def __reduce__(self) -> tuple:
        return QuickTables.of, (self.source,)


def _quick_by_reach(by_reach: tuple[Reach, ...]) -> tuple[QuickReach, ...] | None:
    """``by_reach`` with each rule's ``quick_match`` in its place, in the same order, and for
    a rule asked by a line's first character (``ByFirstChar``) the call of its table's
    pattern for that character (its ``match`` looks that pattern up from the line each
    time; a character without one is a line the rule cannot match: it is left out). The
    rules of ``others`` are never such rules (they open with any character). ``None`` when
    a rule has no quick call."""
    table = []
    for reach, by_first, others in by_reach:
        rules = [*others, *(rule for group in by_first.values() for rule in group)]
        if any(rule.quick_match is None for rule in rules):
            return None
        quick_first = {char: tuple(quick for rule in group
                                   if (quick := _quick_for(rule, char)) is not None)
                       for char, group in by_first.items()}
        table.append((reach, quick_first, tuple(rule.quick_match for rule in others)))
    return tuple(table)


def _quick_for(rule: ClutterRule, char: str) -> Callable[[str], object] | None:
    """``rule.quick_match`` on lines starting with ``char`` (None: it matches none)."""
    if rule.match == "regex" and isinstance(rule.anchored, ByFirstChar):
        # (a regex rule's quick call is its anchored pattern's match: see _quick_match)
        pruned = rule.anchored.table.get(char)
        return None if pruned is None else pruned.match
    return rule.quick_match


def _may_open(rule: ClutterRule, char: str) -> bool:
    """Whether a line ``rule`` matches may start with ``char`` (as far as is known)."""
    if rule.opens_with is not None:
        return char in rule.opens_with
    # Only its ASCII first characters may be known: any other one may open a match.
    return rule.opens_ascii is None or not char.isascii() or char in rule.opens_ascii


def _reachable(by_reach: tuple[Reach, ...] | tuple[QuickReach, ...], key: str) -> tuple:
    """The rules, in order, that may match the (non-empty) line ``key`` (from a table of
    quick calls: their calls)."""
    length = len(key)
    for reach, by_first, others in by_reach:
        if length <= reach:
            return by_first.get(key[0], others)
    return ()


def fold_line(line: str) -> str:
    """Lower-case, fold whitespace and trim decoration so lexicon lookups are stable.

    ``lower`` rather than ``casefold``: casefold turns "ß" into "ss", and the lexicon's
    phrases are written as people write them ("schriftgröße").
    """
    return " ".join(line.split()).strip(_TRAILING_PUNCT).strip().lower()


def load_lexicon(text: str, source: str = "<lexicon>") -> Lexicon:
    """Build a lexicon from TOML text (see ``data/clutter.toml`` for the format).

    Raises ``ValueError`` naming the source and the rule when a rule is malformed.
    """
    data = tomllib.loads(text)
    for rule_id, spec in data.items():
        _inherit_concepts(rule_id, spec, data, source)
    rules = tuple(_rule(rule_id, spec, source) for rule_id, spec in data.items())
    by_id = {rule.id: rule for rule in rules}
    return Lexicon(tuple(_resolve_labels(rule, by_id, source) for rule in rules))


_SHARED_CONCEPT_KEYS = ("concepts", "phrases", "anchors", "anchor_pattern", "unless", "needs_any",
                        "needs_stems")


def _inherit_concepts(rule_id: str, spec: dict, data: dict, source: str) -> None:
    """``concepts_from = "<rule id>"``: take that rule's groups, labels, anchors, veto and
    precondition unless this rule sets its own (two rules, one vocabulary)."""
    parent_id = spec.get("concepts_from")
    if parent_id is None:
        return
    parent = data.get(parent_id)
    if not isinstance(parent, dict) or parent.get("concepts_from") or parent is spec:
        raise ValueError(f"{source}: rule {rule_id!r}: bad concepts_from {parent_id!r}")
    for key in _SHARED_CONCEPT_KEYS:
        if key in parent and key not in spec:
            spec[key] = parent[key]


def _resolve_labels(rule: ClutterRule, by_id: dict[str, ClutterRule], source: str
                    ) -> ClutterRule:
    """A "labelled" rule gets the rules its label must match (named by id in its phrases)."""
    if rule.match != "labelled":
        return rule
    missing = [x for x in rule.phrases if x not in by_id or by_id[x].match == "labelled"]
    if missing:
        raise ValueError(f"{source}: rule {rule.id!r}: unknown label rules {missing}")
    return replace(rule, label_of=tuple(by_id[x] for x in rule.phrases))


def _rule(rule_id: str, spec: dict, source: str) -> ClutterRule:
    kind, match = spec.get("kind", "line"), spec.get("match", "exact")
    if (kind not in _KINDS or match not in _MATCHES or not spec.get("phrases")
            or spec.get("where", "anywhere") not in ("anywhere", "outside")):
        raise ValueError(f"{source}: rule {rule_id!r}: bad kind/match/where or no phrases")
    phrases = tuple(spec["phrases"])
    anchored = needs = None
    floating: tuple[Pattern, ...] = ()
    concepts: tuple[Pattern, ...] = ()
    extra: dict[str, AnyOf | None] = {}
    if match == "concepts":
        groups = spec.get("concepts") or {}
        if not groups or int(spec.get("min_groups", 0)) < 1:
            raise ValueError(f"{source}: rule {rule_id!r}: concepts need groups and min_groups")
        try:
            # every label phrase is anchored at the line's start
            anchored = _guarded(_alternation([p.removeprefix("^") for p in phrases]), True)
            concepts = tuple(_guarded(re.compile("|".join(f"(?:{p})" for p in group)))
                             for group in groups.values())
            # both searched anywhere in the line
            extra = {"anchor_pattern": _any_of(spec.get("anchor_pattern", ())),
                     "unless": _any_of(spec.get("unless", ()))}
        except re.error as exc:
            raise ValueError(f"{source}: rule {rule_id!r}: bad regex: {exc}") from exc
        folded: frozenset[str] | tuple[str, ...] = phrases
    elif match == "regex":
        try:
            anchored = _anchored([p[1:] for p in phrases if p.startswith("^")])
            # Searched one by one: a pattern alone keeps re's fast literal-prefix scan.
            floating = tuple(_guarded(re.compile(p)) for p in phrases if not p.startswith("^"))
            needs = _guarded(re.compile(spec["needs"])) if spec.get("needs") else None
        except re.error as exc:
            raise ValueError(f"{source}: rule {rule_id!r}: bad regex: {exc}") from exc
        folded = phrases
    elif match == "labelled":
        folded = phrases  # rule ids, resolved by load_lexicon
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
        anchored=anchored,
        floating=floating,
        needs=needs,
        floating_needs=tuple(x.lower() for x in spec.get("floating_needs", ())),
        max_chars=int(spec.get("max_chars", DEFAULT_MAX_CHARS)),
        lint_contains=tuple(p.lower() for p in spec.get("lint_contains", ())),
        label=bool(spec.get("label", False)),
        outside_only=spec.get("where", "anywhere") == "outside",
        unless_prose_follows=bool(spec.get("unless_prose_follows", False)),
        raw=bool(spec.get("raw", False)),
        concepts=concepts,
        min_groups=int(spec.get("min_groups", 0)),
        anchors=tuple(a.lower() for a in spec.get("anchors", ())),
        ascii_anchors=tuple(a.lower() for a in spec.get("anchors", ()) if a.isascii()),
        min_chars=int(spec.get("min_chars", 0)),
        anchor_pattern=extra.get("anchor_pattern"),
        min_groups_unanchored=int(spec.get("min_groups_unanchored", 0)),
        unless=extra.get("unless"),
        needs_any=tuple(x.lower() for x in spec.get("needs_any", ())),
        needs_stems=_stems_by_length(spec.get("needs_stems", ())),
    )


def _stems_by_length(words: list[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    stems = {w.lower()[:_STEM] for w in words}
    return tuple((n, frozenset(s for s in stems if len(s) == n))
                 for n in sorted({len(s) for s in stems}))


def _any_of(patterns: list[str]) -> AnyOf | None:
    """Patterns of which one must be found: each searched alone, so each keeps its own
    first-character scan or guard (one alternation of them all would lose both)."""
    if not patterns:
        return None
    return AnyOf(tuple(_guarded(re.compile(p)) for p in patterns))


def _anchored(sources: list[str]) -> Pattern | FirstOf | None:
    """The anchored phrases of a regex rule: one alternation, or two (see FirstOf) when some
    of them open with a lookahead and others do not."""
    looking = [s for s in sources if starts_with_lookaround(re.compile(s))]
    if not looking:
        return _behind_marks(_by_first_char(_alternation(sources)))
    if len(looking) == len(sources):
        return _guarded(_alternation(sources), True)
    plain = [s for s in sources if s not in looking]
    return FirstOf((_by_first_char(_alternation(plain)), _guarded(_alternation(looking), True)))


def _behind_marks(pattern: Pattern | None) -> Pattern | None:
    """An anchored pattern that cannot be asked by a line's first character (it opens with a
    class: "[^\\d:：.!?]{1,30}…") behind the punctuation it cannot match without (the "," of
    a list of tags, the "»" of "Home » News"): such a pattern otherwise works through the
    start of every line, and re finds a line holding none of those marks by one quick scan
    (speed only). Literals opening with a letter or digit are in most lines: not worth it."""
    if not isinstance(pattern, re.Pattern):
        return pattern
    required = required_literals(pattern)
    if not required or any(literal[0].isalnum() for literal in required):
        return pattern
    return GuardedPattern(pattern, literal_finder(required))


def _by_first_char(pattern: re.Pattern[str] | None) -> re.Pattern[str] | ByFirstChar | None:
    """An alternation without lookarounds, asked by a line's first character when those can
    be told (``\\w`` or ``[^…]`` first: they cannot)."""
    table = by_first_char(pattern) if pattern is not None else None
    return ByFirstChar(pattern, table) if table is not None else pattern


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    """One pattern for the anchored phrases, used with ``match`` (position 0 only). A phrase
    starting with "^" is anchored as a whole, so it groups its own alternatives
    ("^(a|b)c", never "^ac|b")."""
    if not patterns:
        return None
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


def _load_default() -> Lexicon:
    text = resources.files("extractors").joinpath("data/clutter.toml").read_text("utf-8")
    return load_lexicon(text, "extractors/data/clutter.toml")


DEFAULT_LEXICON: Lexicon = _load_default()
