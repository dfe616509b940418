"""Literals a regular expression cannot match without: a cheap test before a slow search.

``required_literals(pattern)`` reads the pattern's parse tree and returns a set of strings
one of which every match holds (``None`` when it cannot tell: classes like ``\\w``, case-
insensitive parts, open-ended repeats of non-literals). A line holding none of them cannot
match, so the search is skipped: ``\\b(said|says|told)\\b`` costs re a try at every
position, ``said|says|told`` (what this module builds) is found by re's first-character scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _compiler  # private helpers of re: the parse tree and prefix analysis
from re import _constants as c
from re import _parser as p

_MAX_STRINGS = 512  # a literal set larger than this is not worth building (a concept group
# of five languages, "(do(es)?|not) (necessarily )?(reflect|represent|...)", needs ~300)
# A prefilter on single Latin letters skips too little to pay for itself; one CJK character
# is rare enough.
_MIN_USEFUL = 2
_MIN_USEFUL_NON_ASCII = 1

Langs = frozenset[str] | None


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which is in every string ``pattern`` finds, or ``None``."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        _, required = _sequence(p.parse(pattern.pattern, pattern.flags))
    except (RecursionError, TypeError, ValueError):
        return None
    return required


def prefilter(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """One alternation of ``pattern``'s required literals, worth searching first, or ``None``
    (no literals known, or one too short to skip much)."""
    required = required_literals(pattern)
    if not required or not all(distinctive(s) for s in required):
        return None
    return literal_finder(required)


def lookahead_requirements(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """The literal requirements of the lookaheads ``pattern`` opens with, one set for each
    ("^(?=.*(copyright|©))(?=.*(contact|delete))…": {"copyright", "©"}, {"contact",
    "delete"}): a line the pattern finds holds a literal of every set, as each lookahead
    must hold. ``()`` unless two or more of them have requirements (then
    :func:`required_literals` keeps one of them, and a line must hold that one only)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return ()
    try:
        items = p.parse(pattern.pattern, pattern.flags).data
        sets = []
        for op, av in items:
            if op is c.ASSERT_NOT and av[0] == 1:
                continue  # a negative lookahead requires nothing; the next one looks from here
            if op is not c.ASSERT or av[0] != 1:  # (direction 1: a lookahead)
                break
            lang, required = _sequence(av[1])
            found = required if required is not None else _usable(lang)
            if found:
                sets.append(found)
    except (RecursionError, TypeError, ValueError):
        return ()
    return tuple(sets) if len(sets) > 1 else ()


class AllLiterals:
    """``search(line)``: whether the line holds a literal of every set (each set's finder
    asked in turn, the sets with the fewest literals first: they scan fastest, and a rare
    requirement stops most lines at once). ``None`` when it does not, as a finder answers."""

    __slots__ = ("finders",)

    def __init__(self, sets: Iterable[frozenset[str]]) -> None:
        self.finders = tuple(literal_finder(found) for found in sorted(sets, key=len))

    def search(self, line: str) -> bool | None:
        return True if all(finder.search(line) for finder in self.finders) else None


class HeldSets:
    """``held(line)``: which of several literal sets the line may hold a literal of, found by
    one scan for all their literals instead of one scan for each set: every set the line
    holds a literal of is named (perhaps a few more, never fewer).

    The scan finds every position where a literal of any set starts (searching again one
    character after each), and there the shortest such literal; a literal of a set starting
    there has that one as its prefix, so each set with a literal so prefixed is named."""

    __slots__ = ("_finder", "_sets_of")

    def __init__(self, sets: Sequence[frozenset[str]]) -> None:
        union = set().union(*sets)
        self._finder = literal_finder(union)
        self._sets_of = {start: frozenset(index for index, found in enumerate(sets)
                                          if any(x.startswith(start) for x in found))
                         for start in union}

    def held(self, line: str) -> frozenset[int]:
        named: set[int] = set()
        position = 0
        while (found := self._finder.search(line, position)) is not None:
            named |= self._sets_of[found.group()]
            position = found.start() + 1
        return frozenset(named)


def literal_finder(literals: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern whose ``search`` finds a line exactly when ``any(x in line for x in
    literals)``: the literals as a trie ("c(?:e site|ontact us)"), since re tries the
    branches of an alternation one by one, and a trie has few at each step."""
    trie: dict[str, dict] = {}
    for literal in set(literals):
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie)) if trie else None


def _trie_pattern(node: dict[str, dict]) -> str:
    if "" in node:
        return ""  # a literal ends here: whatever follows, the line already holds one
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def distinctive(literal: str) -> bool:
    """Whether ``literal`` is long enough to skip lines by (one CJK or accented character is)."""
    return len(literal) >= (_MIN_USEFUL if literal.isascii() else _MIN_USEFUL_NON_ASCII)


def scans_fast(pattern: re.Pattern[str]) -> bool:
    """Whether re's search skips ahead by a literal prefix or a set of first characters
    (then a prefilter gains little); ``True`` when that cannot be told."""
    try:
        parsed = p.parse(pattern.pattern, pattern.flags)
        prefix, _, _ = _compiler._get_literal_prefix(parsed, pattern.flags)
        return bool(prefix) or bool(_compiler._get_charset_prefix(parsed, pattern.flags))
    except Exception:
        return True


def starts_with_lookaround(pattern: re.Pattern[str]) -> bool:
    """Whether every way into the pattern opens with a lookaround, which ``match`` runs
    over the whole line ("^(?=.*(sponsor|advert))")."""
    try:
        return _opens_with_lookaround(p.parse(pattern.pattern, pattern.flags))
    except (re.error, RecursionError):
        return False


def may_start_with_lookaround(pattern: re.Pattern[str]) -> bool:
    """Whether some way into the pattern opens with a lookaround ("a|(?=.*b)c"); ``True``
    when that cannot be told."""
    try:
        return _opens_with_lookaround(p.parse(pattern.pattern, pattern.flags), any)
    except (re.error, RecursionError):
        return True


def _opens_with_lookaround(items, every=all) -> bool:
    if not len(items):
        return False
    op, av = items[0]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return True
    if op is c.SUBPATTERN:
        return _opens_with_lookaround(av[3], every)
    if op is c.BRANCH:
        return every(_opens_with_lookaround(alt, every) for alt in av[1])
    return False


def _cross(left: frozenset[str], right: frozenset[str]) -> Langs:
    if len(left) * len(right) > _MAX_STRINGS:
        return None
    return frozenset(a + b for a in left for b in right)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements (longer shortest literal, then fewer)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _usable(strings: Langs) -> frozenset[str] | None:
    """A language as a requirement: none when it holds the empty string (nothing needed)."""
    return strings if strings and "" not in strings else None


def _sequence(items) -> tuple[Langs, frozenset[str] | None]:
    """(every string the sequence can match, when few; a requirement) of a parsed sequence."""
    run: Langs = frozenset({""})
    whole: Langs = frozenset({""})
    best = None
    for op, av in items:
        lang, required = _item(op, av)
        best = _better(best, required)
        whole = _cross(whole, lang) if lang is not None and whole is not None else None
        joined = _cross(run, lang) if lang is not None and run is not None else None
        if joined is not None:
            run = joined
            continue
        best = _better(best, _usable(run))
        best = _better(best, _usable(lang))
        run = lang if lang is not None else frozenset({""})
    return whole, _better(best, _usable(run))


def _item(op, av) -> tuple[Langs, frozenset[str] | None]:
    if op is c.LITERAL:
        return frozenset({chr(av)}), None
    if op is c.AT:
        return frozenset({""}), None
    if op is c.IN:
        if av and all(kind is c.LITERAL for kind, _ in av) and len(av) <= 8:
            return frozenset(chr(code) for _, code in av), None
        return None, None
    if op is c.SUBPATTERN:
        _, add_flags, _, sub = av
        if add_flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_VERBOSE):
            return None, None
        return _sequence(sub)
    if op is c.ATOMIC_GROUP:
        return _sequence(av)
    if op is c.BRANCH:
        return _branch(av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return _repeat(*av)
    if op is c.ASSERT:
        lang, required = _sequence(av[1])
        return frozenset({""}), required if required is not None else _usable(lang)
    if op is c.ASSERT_NOT:
        return frozenset({""}), None
    return None, None


def _branch(alternatives) -> tuple[Langs, frozenset[str] | None]:
    langs, requirements = [], []
    for alternative in alternatives:
        lang, required = _sequence(alternative)
        langs.append(lang)
        requirements.append(required if required is not None else _usable(lang))
    lang = None
    if all(x is not None for x in langs):
        union = frozenset().union(*langs)
        lang = union if len(union) <= _MAX_STRINGS else None
    required = None
    if all(x is not None for x in requirements):
        union = frozenset().union(*requirements)
        required = union if len(union) <= _MAX_STRINGS else None
    return lang, required


def _repeat(low: int, high: int, sub) -> tuple[Langs, frozenset[str] | None]:
    lang, required = _sequence(sub)
    if low == 0:
        if high == 1 and lang is not None:
            return lang | {""}, None
        return None, None
    if required is None:
        required = _usable(lang)
    if low == high and lang is not None:
        whole: Langs = frozenset({""})
        for _ in range(low):
            whole = _cross(whole, lang) if whole is not None else None
        return whole, required
    return None, required


# First characters: what a match can open with (see first_chars)
_MAX_FIRST = 4096  # a class wider than this (or open-ended: \w, [^…]) is not worth listing


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every non-empty match of ``pattern`` at a position can start with, or
    ``None`` when that cannot be told (a class like ``\\w``, case-insensitive parts) or the
    pattern can match the empty string there. A line starting with none of them is not
    matched there (``match`` answers ``None``): a lookup by a line's first character."""
    found = _first_chars(pattern, ascii_classes=False)
    return None if found is None else frozenset(found)


def ascii_first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The ASCII characters a non-empty match of ``pattern`` at a position can start with,
    or ``None`` when that cannot be told; what non-ASCII ones may is not said. Unlike
    :func:`first_chars`, ``\\d`` and ``\\s`` are read: by their ASCII members, the only
    ones an ASCII first character can be ("^\\d*\\s*(comments?|…)" opens with a digit, a
    space or one of the words' first letters, never with "a")."""
    found = _first_chars(pattern, ascii_classes=True)
    return None if found is None else frozenset(char for char in found if char.isascii())


def _first_chars(pattern: re.Pattern[str], ascii_classes: bool) -> set[str] | None:
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        chars, nullable = _first_of_sequence(p.parse(pattern.pattern, pattern.flags),
                                             ascii_classes)
    except (RecursionError, TypeError, ValueError):
        return None
    return None if chars is None or nullable else chars


# The ASCII members of the classes ascii_first_chars reads, as re itself matches them
_ASCII_DIGITS = frozenset(char for char in map(chr, range(128)) if re.match(r"\d", char))
_ASCII_SPACES = frozenset(char for char in map(chr, range(128)) if re.match(r"\s", char))


def _first_of_sequence(items, ascii_classes: bool = False) -> tuple[set[str] | None, bool]:
    """(what the sequence's first character may be, whether it may match nothing);
    ``ascii_classes``: see ascii_first_chars (the set then lists ASCII members of ``\\d``
    and ``\\s`` in their place, and is only good for its ASCII characters)."""
    chars: set[str] = set()
    for op, av in items:
        first, nullable = _first_of_item(op, av, ascii_classes)
        if first is None:
            return None, False
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _first_of_item(op, av, ascii_classes: bool = False) -> tuple[set[str] | None, bool]:
    if op is c.LITERAL:
        return {chr(av)}, False
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # zero width: the next item gives the character
    if op is c.IN:
        return _first_of_class(av, ascii_classes), False
    if op is c.SUBPATTERN:
        _, add_flags, _, sub = av
        if add_flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_VERBOSE):
            return None, False
        return _first_of_sequence(sub, ascii_classes)
    if op is c.ATOMIC_GROUP:
        return _first_of_sequence(av, ascii_classes)
    if op is c.BRANCH:
        chars: set[str] = set()
        nullable = False
        for alternative in av[1]:
            first, empty = _first_of_sequence(alternative, ascii_classes)
            if first is None:
                return None, False
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, sub = av
        first, nullable = _first_of_sequence(sub, ascii_classes)
        return first, nullable or low == 0
    return None, False


def _first_of_class(items, ascii_classes: bool = False) -> set[str] | None:
    chars: set[str] = set()
    for kind, value in items:
        if kind is c.LITERAL:
            chars.add(chr(value))
        elif kind is c.RANGE and value[1] - value[0] < _MAX_FIRST:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        elif kind is c.CATEGORY and ascii_classes and value is c.CATEGORY_DIGIT:
            chars.update(_ASCII_DIGITS)
        elif kind is c.CATEGORY and ascii_classes and value is c.CATEGORY_SPACE:
            chars.update(_ASCII_SPACES)
        else:
            return None  # a category (\w, \d), a negation, a wide range
    return chars if len(chars) <= _MAX_FIRST else None


def by_first_char(pattern: re.Pattern[str]) -> dict[str, re.Pattern[str]] | None:
    """For each character a match of ``pattern`` can start with (:func:`first_chars`), the
    pattern without the alternatives that cannot start with it: ``table[line[:1]].match(line)``
    finds a match exactly when ``pattern.match(line)`` does (no entry: no match), but ``re``
    no longer walks, at every line, the many branches of a long alternation that cannot
    start there ("most|top|hot|…" on a line starting with "a"). ``None`` when the first
    characters cannot be told."""
    chars = first_chars(pattern)
    if chars is None:
        return None
    parsed = p.parse(pattern.pattern, pattern.flags)
    table = {}
    for char in chars:
        items = _pruned(parsed.data, char)
        if items is not None:
            table[char] = _compiler.compile(p.SubPattern(parsed.state, items))
    return table


def _pruned(items, char: str) -> list | None:
    """The sequence with, at its first position, only the branches that may start with
    ``char``; ``None`` when none may. Past the first item that consumes a character nothing
    is touched (what follows starts elsewhere), nor inside repeats (their later rounds do)."""
    for index, (op, av) in enumerate(items):
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the next item starts at the same place
        item = _pruned_item(op, av, char)
        if item is None:
            return None
        return [*items[:index], item, *items[index + 1:]]
    return list(items)


def _pruned_item(op, av, char: str):
    first, nullable = _first_of_item(op, av)
    if first is None or nullable:
        return op, av  # unknown, or it may match nothing (the next item starts here too)
    if char not in first:
        return None
    if op is c.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        return op, (group, add_flags, del_flags, p.SubPattern(sub.state, _pruned(sub.data, char)))
    if op is c.BRANCH:
        kept = []
        for alternative in av[1]:
            alt_first, alt_nullable = _first_of_sequence(alternative)
            if alt_first is None or alt_nullable or char in alt_first:
                kept.append(p.SubPattern(alternative.state, _pruned(alternative.data, char)))
        return op, (av[0], kept)
    return op, av
