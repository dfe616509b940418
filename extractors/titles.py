"""The headline: og:title / JSON-LD headline / h1 when they agree with <title>, without the
site's name that <title> carries around it.

Order of trust:

1. a visible ``<h1>``, JSON-LD ``headline``, ``og:title`` or ``twitter:title`` that <title>
   confirms, once an affix is taken off ("Police use of Chinese cameras criticised,NBC News"
   confirms the h1 "Police use of Chinese cameras criticised"); then one that another of
   these candidates confirms (equal text);
2. unconfirmed: JSON-LD headline, og:title, twitter:title, the first h1, in that order,
   each with a known site affix taken off;
3. <title> alone: a known name (site name, host, credited outlet) taken off its ends, or
   else a short generic end segment when the rest is at least twice as long.

Separators are data (``data/titles.toml``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

_CJK_CHAR = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
_MAX_TITLE_CHARS = 400
_NON_ALNUM = re.compile(r"[\W_]+")
_ASCII_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class TitleCandidates:
    title_tag: str | None = None
    og_title: str | None = None
    twitter_title: str | None = None
    jsonld_headline: str | None = None
    h1s: tuple[str, ...] = ()


@dataclass(frozen=True)
class TitleRules:
    separators: re.Pattern[str]  # one separator, with the spaces around it
    separator_chars: str  # characters that may start the affix after a headline
    strong_separators: frozenset[str]  # ones headlines themselves never use ("|", "_")
    max_site_words: int


def choose_title(candidates: TitleCandidates, names: tuple[str, ...] = (),
                 rules: TitleRules | None = None) -> tuple[str | None, str | None]:
    """``(title, provenance)``; ``names`` are known site/outlet names to take off."""
    rules = rules or TITLE_RULES
    names = tuple(n for n in names if n and len(_norm(n)) >= 2)
    title_tag = _clean(candidates.title_tag)
    name_keys = _name_keys(names)
    h1s = [h for h in (_clean(h) for h in candidates.h1s) if h and not _is_a_name(h, name_keys)]
    # The page's own <title> is the strongest witness; agreement between two tags the next.
    # The h1s come first, and most pages' <title> carries one: the named tags' affixes are
    # taken off only when none does (stripping is pure, so the same answer either way).
    confirmed = _carried_by_title(title_tag, [("h1", h) for h in h1s], rules)
    if confirmed is not None:
        return confirmed
    named = [
        ("jsonld", _clean(candidates.jsonld_headline)),
        ("og:title", _clean(candidates.og_title)),
        ("twitter:title", _clean(candidates.twitter_title)),
    ]
    named = [(source, strip_site_affixes(value, names, rules, generic=False))
             for source, value in named if value]
    confirmed = _carried_by_title(title_tag, named, rules)
    if confirmed is not None:
        return confirmed
    ordered = [("h1", h) for h in h1s] + named
    keys = [_norm(value) for _, value in ordered]  # each once, not once per pair
    for index, (source, value) in enumerate(ordered):
        key = keys[index]
        if key and any(other == key for i, other in enumerate(keys) if i != index):
            return value, source
    if named:
        return named[0][1], named[0][0]
    if h1s:
        return h1s[0], "h1"
    if title_tag:
        stripped = strip_site_affixes(title_tag, names, rules, generic=True)
        return stripped, "title_tag"
    return None, None


def _carried_by_title(title_tag: str | None, ordered: list[tuple[str, str]],
                      rules: TitleRules) -> tuple[str, str] | None:
    """The first ``(value, source)`` of ``ordered`` that <title> carries."""
    if title_tag:
        for source, value in ordered:
            if _norm(value) and _title_carries(title_tag, value, rules):
                return value, source
    return None


def headline_hints(*titles: str | None, rules: TitleRules | None = None) -> tuple[str, ...]:
    """The texts a page may show as its headline: each title and each part of it between
    separators ("Story_Site" -> "Story_Site", "Story", "Site")."""
    rules = rules or TITLE_RULES
    hints: list[str] = []
    for title in titles:
        value = _clean(title)
        if value:
            hints.append(value)
            hints.extend(part.strip() for part in rules.separators.split(value)[0::2])
    return tuple(dict.fromkeys(h for h in hints if h))


def strip_site_affixes(title: str, names: tuple[str, ...], rules: TitleRules | None = None,
                       generic: bool = True) -> str:
    """``title`` without a site name at its start or end.

    A segment equal to (or containing) a known name always goes; with ``generic``, a short
    end segment also goes when what is left is at least twice as long.
    """
    rules = rules or TITLE_RULES
    title = _strip_known_names(title, names, rules)
    pieces = rules.separators.split(title)
    if len(pieces) < 3:
        return title
    segments = pieces[0::2]  # split() with one group: text, separator, text, ...
    start, end = 0, len(segments)
    name_keys = _name_keys(names)
    while end - start > 1 and _is_a_name(segments[end - 1], name_keys):
        end -= 1
    while end - start > 1 and _is_a_name(segments[start], name_keys):
        start += 1
    if generic:
        joints = [sep.strip() for sep in pieces[1::2]][start: end - 1]
        core_start, core_end = _generic_core(segments[start:end], joints, rules)
        start, end = start + core_start, start + core_end
    return "".join(pieces[2 * start: 2 * end - 1]).strip() or title


def _strip_known_names(title: str, names: tuple[str, ...], rules: TitleRules) -> str:
    """Take a known name off either end, whatever joins it ("Story-FAZ-Nachrichten Heute").

    Names are compared loosely (case, spaces and punctuation ignored) so that the host's
    "nachrichtenheute" finds "Nachrichten Heute"; a separator must stand between.
    """
    keys = {key for key in (_norm(name) for name in names) if len(key) >= 3}
    for _ in range(4):
        stripped = _strip_one_known_name(title, keys, rules.separator_chars)
        if stripped == title:
            break
        title = stripped
    return title.strip()


def _strip_one_known_name(title: str, keys: set[str], separators: str) -> str:
    folded = _folded(title)
    if not any(len(key) < len(folded) and (folded.endswith(key) or folded.startswith(key))
               for key in keys):
        return title  # most titles: no name at either end, and no origin map to build
    folded, origin = _folded_with_origin(title)
    trim = separators + " \t"
    for key in sorted(keys, key=len, reverse=True):
        if len(key) >= len(folded):
            continue
        if folded.endswith(key):
            head = title[: origin[len(folded) - len(key)]].rstrip()
            if head and head[-1] in separators and head.rstrip(trim):
                return head.rstrip(trim)
        if folded.startswith(key):
            tail = title[origin[len(key) - 1] + 1:].lstrip()
            if tail and tail[0] in separators and tail.lstrip(trim):
                return tail.lstrip(trim)
    return title


def _folded(text: str) -> str:
    """The folded half of :func:`_folded_with_origin`; an ASCII text in one regex pass
    (an ASCII character folds to its lower case, alone)."""
    if text.isascii():
        return _ASCII_NON_ALNUM.sub("", text).lower()
    return "".join(piece for char in text for piece in char.casefold() if piece.isalnum())


def _folded_with_origin(text: str) -> tuple[str, list[int]]:
    """``text`` case-folded with only letters and digits, and where each one came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in char.casefold():
            if piece.isalnum():
                folded.append(piece)
                origin.append(index)
    return "".join(folded), origin


def _generic_core(segments: list[str], joints: list[str], rules: TitleRules
                  ) -> tuple[int, int]:
    """Keep the longest segment's side; drop short ends that look like a site name.

    ``joints[i]`` is the separator between segment i and i+1. Behind a strong separator
    ("|", "_") a short end goes when the rest is longer; behind a weak one ("-", "–", ",",
    which headlines use too) only when the rest is at least twice as long.
    """
    lengths = [len(s.strip()) for s in segments]
    longest = max(range(len(segments)), key=lambda i: lengths[i])
    start, end = 0, len(segments)
    while end - 1 > longest and _site_like(segments[end - 1], joints[end - 2], lengths[longest],
                                           rules):
        end -= 1
    while start < longest and _site_like(segments[start], joints[start], lengths[longest],
                                         rules):
        start += 1
    return start, end


def _site_like(segment: str, joint: str, core_length: int, rules: TitleRules) -> bool:
    segment = segment.strip()
    factor = 1 if joint in rules.strong_separators else 2
    return bool(segment) and len(segment.split()) <= rules.max_site_words and (
        core_length > factor * len(segment) or (factor == 2 and core_length == 2 * len(segment)))


def _title_carries(title_tag: str, value: str, rules: TitleRules) -> bool:
    """<title> is ``value`` itself, or ``value`` plus a separator and an affix."""
    if _norm(title_tag) == _norm(value):
        return True
    folded_title, folded_value = title_tag.casefold(), value.casefold()
    if len(folded_value) < 0.3 * len(folded_title):
        return False
    if folded_title.startswith(folded_value):
        rest = folded_title[len(folded_value):].lstrip()
        return rest[:1] in rules.separator_chars if rest else True
    if folded_title.endswith(folded_value):
        rest = folded_title[: -len(folded_value)].rstrip()
        return rest[-1:] in rules.separator_chars if rest else True
    return False


def _name_keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names as :func:`_is_a_name` compares them (folded once, not per segment)."""
    return tuple(_norm(n) for n in names)


def _is_a_name(segment: str, name_keys: tuple[str, ...]) -> bool:
    key = _norm(segment)
    if not key:
        return True  # an empty segment ("Story | ") goes with the separator
    return any(key == n or (len(n) >= 4 and n in key and len(key) <= 2 * len(n) + 8)
               for n in name_keys)


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value if 0 < len(value) <= _MAX_TITLE_CHARS else None


def _norm(text: str) -> str:
    return _NON_ALNUM.sub("", text.casefold())


def load_title_rules(text: str) -> TitleRules:
    """Build :class:`TitleRules` from TOML text (see ``data/titles.toml``)."""
    data = tomllib.loads(text)
    separators = data["separators"]
    spaced = "|".join(re.escape(s) for s in sorted(separators["spaced"], key=len, reverse=True))
    tight = "|".join(re.escape(s) for s in sorted(separators["tight"], key=len, reverse=True))
    alternatives = [rf"\s+(?:{spaced})+\s+", rf"\s*(?:{tight})+\s*"]  # "--", "||" too
    if separators.get("cjk_hyphen"):
        alternatives.append(rf"(?<={_CJK_CHAR})[-－]+|[-－]+(?={_CJK_CHAR})")
    if separators.get("comma"):
        alternatives.append(r"(?<=[^\W\d_]),(?=[^\s\d])")
    chars = "".join(sorted({c for s in separators["spaced"] + separators["tight"] for c in s}))
    return TitleRules(
        separators=re.compile("(" + "|".join(alternatives) + ")"),
        separator_chars=chars + ",，",
        strong_separators=frozenset(separators["strong"]),
        max_site_words=int(data["generic"]["max_site_words"]),
    )


def _load_default() -> TitleRules:
    text = resources.files("extractors").joinpath("data/titles.toml").read_text("utf-8")
    return load_title_rules(text)


TITLE_RULES: TitleRules = _load_default()
