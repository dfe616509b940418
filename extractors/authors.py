"""Author names out of bylines: labels off, split, de-duplicated, no sites or dates.

"By Jane Doe and John Roe | NBC News, June 4, 2023" -> ("Jane Doe", "John Roe").
Labels, joiners and the words that end a byline are data (``data/bylines.toml``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from .attribution import CREDITS
from .dates import find_date
from .outlets import find_outlet_credit

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_MAX_LATIN_WORDS = 5
_MAX_NAME_CHARS = 60
_MAX_CJK_NAME_CHARS = 8
_MAX_BYLINE_CHARS = 200
_SEGMENT_SPLIT = re.compile(r"\s*(?:[|｜·•/／\n]|\s[-–—]\s|[(（\[【]|(?<=[^\W\d_]{3})\.\s)\s*")
_ACRONYM_FIRST = re.compile(r"^[A-Z]{2,5}\s")
_LEAD_IN = re.compile(r"^(?:[^\W\d_]+\s+){0,3}?(?:by|von|por|par)\s+(?=[^\W\d_])", re.IGNORECASE)
_LEADING_JOINER = re.compile(r"^(?:and|und|y|et|&)\s+", re.IGNORECASE)
_CREDENTIAL = re.compile(r"^[A-Z]{1,4}\.?$|^(?:Ph\.?D|M\.?D|Dr)\.?$")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_CLOSE_BRACKETS = re.compile(r"[)）\]】]")
_JUNK = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|@\w+")
_STRIP = " \t:：,，;；.。-–—'\"“”«»"


@dataclass(frozen=True)
class BylineLexicon:
    colon_labels: re.Pattern[str]  # "Author:" / "作者：" at the start
    colon_labels_inside: re.Pattern[str]  # the same after other fields of a meta line
    prefix_labels: re.Pattern[str]  # "By " / "Von " / "记者 " at the start
    name_split: re.Pattern[str]  # commas, semicolons and joiner words between names
    cut: re.Pattern[str]  # where a byline stops being names ("for Reuters", "updated")
    role: re.Pattern[str]  # a job title and the words leading into it ("is a reporter")
    role_word: re.Pattern[str]  # a job title anywhere in a part
    group: re.Pattern[str]  # "Staff", "Desk": the byline names an organisation
    particles: frozenset[str]  # lower-case words allowed inside a name
    not_names: frozenset[str]


def clean_authors(values: Iterable[str], exclude: Iterable[str] = (),
                  lexicon: BylineLexicon | None = None) -> tuple[str, ...]:
    """Every person's name in ``values`` (raw bylines), once, in order.

    ``exclude`` holds names that are not people here: the site, the credited outlet.
    """
    lexicon = lexicon or BYLINES
    excluded = {_key(x) for x in exclude if x}
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        for name in _names_in(value, lexicon):
            key = _key(name)
            if key in seen or key in excluded or key in lexicon.not_names or _is_outlet(name):
                continue
            seen.add(key)
            names.append(name)
    return tuple(names)


def byline_in_line(line: str, lexicon: BylineLexicon | None = None) -> str | None:
    """The byline a visible meta line carries ("By Jane Doe", "作者：张三"), or ``None``."""
    lexicon = lexicon or BYLINES
    line = " ".join(line.split())
    if len(line) > _MAX_BYLINE_CHARS:
        return None
    # the labels need their colon: a line without one is not searched (most are not)
    match = lexicon.colon_labels_inside.search(line) if _has_colon(line) else None
    if match is not None:
        return line[match.end():] or None
    for rest in (line, _after_a_date(line)):
        match = lexicon.prefix_labels.match(rest) if rest else None
        if match is not None and _starts_like_a_name(rest[match.end():]):
            # "Von ZDF", "Par Libération": an outlet behind "by" is a credit, not a byline
            return None if _is_outlet(rest[match.end():]) else rest[match.end():]
    return None


def _has_colon(text: str) -> bool:
    """Whether ``text`` holds a colon, without which no colon label can match: the label
    patterns end in ``[:：]``, and neither character has another case."""
    return ":" in text or "：" in text


def _is_outlet(name: str) -> bool:
    """The whole name is a known outlet ("ZDF", "Libération"), or a CJK credit line
    ("本文来自澎湃新闻"): a credit, never a person."""
    name = name.strip(_STRIP)
    if not name:
        return False
    if _CJK.search(name):
        return find_outlet_credit(name) is not None
    found = find_outlet_credit(f"Via {name}")  # "via" leads to any outlet the gazetteer knows
    return found is not None and found.outlet.casefold() == name.casefold()


def _after_a_date(line: str) -> str | None:
    """What follows a dateline: "Publié le 3 février 2023 à 07h30 par Claire Vasseur"."""
    found = find_date(line)
    return line[found.end:].strip() if found is not None else None


def _names_in(value: str, lexicon: BylineLexicon) -> list[str]:
    value = _JUNK.sub(" ", " ".join(value.split()))
    names: list[str] = []
    for segment in _SEGMENT_SPLIT.split(value):
        segment = _CLOSE_BRACKETS.sub(" ", segment)
        segment = _strip_labels(segment, lexicon)
        found = find_date(segment)
        if found is not None:
            segment = segment[: found.start]
        for pattern in (lexicon.cut, CREDITS.latin_labels, CREDITS.cjk_labels,
                        CREDITS.stop_labels):
            cut = pattern.search(segment, 1)
            if cut is not None:
                segment = segment[: cut.start()]
        for part in lexicon.name_split.split(segment):
            part = _strip_labels(part, lexicon)
            if lexicon.group.search(part) or (lexicon.role_word.search(part)
                                              and _ACRONYM_FIRST.match(part)):
                continue  # "HNN Staff", "AP National Security Writer"
            part = lexicon.role.sub("", part).strip(_STRIP)
            # CJK bylines list names with spaces ("记者 张三 李四"); Latin names contain them.
            pieces = part.split() if _CJK.search(part) and not _LATIN.search(part) else [part]
            names.extend(name for name in pieces if _looks_like_a_name(name, lexicon))
    return names


def _strip_labels(text: str, lexicon: BylineLexicon) -> str:
    text = text.strip(_STRIP)
    for _ in range(3):  # "By: Author: Jane Doe"
        match = ((_has_colon(text) and lexicon.colon_labels.match(text))
                 or lexicon.prefix_labels.match(text))
        if match is None or match.end() == 0:
            break
        text = text[match.end():].strip(_STRIP)
    text = _LEAD_IN.sub("", text)  # "Analysis by Chris Cillizza"
    return _LEADING_JOINER.sub("", text).strip(_STRIP)


def _looks_like_a_name(name: str, lexicon: BylineLexicon | None = None) -> bool:
    if not name or any(ch.isdigit() for ch in name) or not any(ch.isalpha() for ch in name):
        return False
    if _CJK.search(name):
        return 2 <= len(name.replace(" ", "")) <= _MAX_CJK_NAME_CHARS
    words = name.split()
    if len(name) > _MAX_NAME_CHARS or len(words) > _MAX_LATIN_WORDS or _CREDENTIAL.match(name):
        return False
    particles = (lexicon or BYLINES).particles
    # Every word capitalised but particles ("Ronan de la Rosa"): "Zac covers Apple news" is
    # a sentence, not a name.
    return all(word[:1].isupper() or word in particles for word in words)


def _starts_like_a_name(rest: str) -> bool:
    return bool(rest) and (rest[:1].isupper() or bool(_CJK.match(rest)))


def _key(name: str) -> str:
    return " ".join(name.split()).casefold().strip(_STRIP)


def load_byline_lexicon(text: str) -> BylineLexicon:
    """Build a :class:`BylineLexicon` from TOML text (see ``data/bylines.toml``)."""
    data = tomllib.loads(text)
    labels = data["labels"]
    joiners = [w for w in data["joiners"]["words"] if w != "&"]
    spaced = [x for x in labels["prefix"] if not _ends_open(x)]
    glued = [x for x in labels["prefix"] if _ends_open(x)]
    return BylineLexicon(
        colon_labels=re.compile(
            rf"^\s*(?:{_alternation(labels['colon'])})\s*[:：]\s*", re.IGNORECASE
        ),
        colon_labels_inside=re.compile(
            rf"(?:^|(?<=[\s|｜,，;；·•\]】）)]))(?:{_alternation(labels['colon'])})\s*[:：]\s*",
            re.IGNORECASE,
        ),
        prefix_labels=re.compile(
            rf"^\s*(?:(?:{_alternation(spaced)})(?:\s+|\s*[:：]\s*|$)"
            rf"|(?:{_alternation(glued)})\s*)",
            re.IGNORECASE,
        ),
        name_split=re.compile(
            rf"\s*(?:[,;，；、&]|\s(?:{_alternation(joiners)})\s)\s*", re.IGNORECASE
        ),
        cut=re.compile(rf"\s(?:{_alternation(data['cut_words']['words'])})(?![^\W\d_])",
                       re.IGNORECASE),
        role=re.compile(
            rf"(?:^|\s)(?:(?:{_alternation(data['roles']['lead_ins'])})\s+)*"
            rf"(?:{_alternation(data['roles']['words'])})(?!\w).*$",
            re.IGNORECASE,
        ),
        role_word=re.compile(rf"(?<!\w)(?:{_alternation(data['roles']['words'])})(?!\w)",
                             re.IGNORECASE),
        group=re.compile(rf"(?<!\w)(?:{_alternation(data['roles']['groups'])})(?!\w)",
                         re.IGNORECASE),
        particles=frozenset(data["roles"]["particles"]),
        not_names=frozenset(_key(w) for w in data["not_names"]["words"]),
    )


def _ends_open(label: str) -> bool:
    """Labels glued to the name without a space: "文/张三"."""
    return label.endswith(("/", "／"))


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+")
                    for p in sorted(phrases, key=len, reverse=True))


def _load_default() -> BylineLexicon:
    text = resources.files("extractors").joinpath("data/bylines.toml").read_text("utf-8")
    return load_byline_lexicon(text)


BYLINES: BylineLexicon = _load_default()
