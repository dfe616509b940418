"""Meta lines: a line made only of the article's metadata fields.

"Published on 12 May 2023 10:04 | Views: 2,310 | Editor: Jane Doe", "Fecha: 10/07/2022
Responsable: Ana Ruiz", "发布时间：2023-05-12 阅读：2310 责任编辑：王明": each piece is a field
(a date, a counter, a person, a section) and nothing else is left once the fields and a few
filler words are taken out. The labels are data (``data/metafields.toml``); the test is the
shape of the whole line, so a wording never seen before still goes when its parts are known
kinds, and a sentence never goes (its words are not fields).

Callers: ``clean_blocks`` drops such lines from the body; ``attribution`` drops a credit line
whole when what is left around the credit is a meta line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from .dates import find_date
from .regex_literals import literal_finder

MAX_CHARS = 220
_MAX_WORDS = 28  # more words than a meta line of date, counter, credit and two names holds
_MAX_LOWER_WORDS = 10  # fields are names, numbers and labels; prose is lower-case words
_SENTENCE_ENDS = frozenset("!?。！？")
_MAX_DATES = 4
_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
# A person's name after its label: up to four capitalised words (particles such as "de",
# "van" may stand between them in lower case), or two to four CJK characters.
_UPPER = "A-ZÀ-ÖØ-ÞĀĆČĎĐĘĚŁŃŇŐŘŚŠŤŰŹŻŽ"
_PARTICLES = "de|da|del|della|di|do|dos|du|la|le|van|von|der|den|ter|zu|y|e|bin|al|el"
# A short tag in brackets may follow the name: the agency or desk ("Thomas Müller (dpa)").
_LATIN_NAME = (rf"[{_UPPER}][\w.'’\-]*(?:\s+(?:[{_UPPER}][\w.'’\-]*|(?:{_PARTICLES})(?!\w)))"
               r"{0,3}(?:\s*[(（][^()（）\d]{1,20}[)）])?")
_CJK_NAME = rf"[{_CJK}]{{2,4}}"
# Where either kind of name starts (case-sensitive, as the names are matched)
_NAME_CHAR = re.compile(rf"[{_UPPER}{_CJK}]")
_NUMBER = r"\d[\d,.\s]*(?:k|m|万|萬)?"
_BARE_NUMBER = re.compile(rf"(?<![\w]){_NUMBER}(?![\w])")
_ASCII_DIGIT = re.compile(r"[0-9]")  # in ASCII text, what str.isdigit() finds
_CLOCK = re.compile(r"(?<!\d)\d{1,2}[:h：]\d{2}(?:[:：]\d{2})?(?!\d)", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s|｜/·•,，;；:：\-–—()\[\]【】（）<>«»\"'“”.。]+")
# A line without a digit holds a field only after a label's colon or separator ("Editor |
# Jane Doe", "编辑/王明") or as "<role> by <name>" ("Fact-checked by Jane Doe").
_LABEL_MARKS = frozenset(":：|｜/／丨—–")
_ROLE_BY = re.compile(r"\s(?:by|von|por|par)\s", re.IGNORECASE)
_FIELD = "\x00"  # what a field is replaced by; it is a separator for the checks that follow
# Any short label (a word or three, no digits) with its colon, in front of a field.
_ANY_LABEL = re.compile(rf"(?:^|(?<=[\s|｜·•{_FIELD}]))[^\W\d_][^\d:：|｜·•{_FIELD}]{{0,24}}?"
                        rf"\s*[:：]\s*(?=[{_FIELD}]|\d)")


@dataclass(frozen=True)
class MetaFieldLexicon:
    counter_before: re.Pattern[str]  # "views: 2310", "阅读 2310"
    counter_after: re.Pattern[str]  # "2310 views", "lu 2310 fois"
    person: re.Pattern[str]  # "editor: Jane Doe", "by Jane Doe", "编辑：王明"
    # ``person`` without its role branches ("Copy editor: …", "Fact-checked by …"), the
    # same on a line holding none of the role stems: a role needs one, and trying a role at
    # every word start costs re a search for a stem inside every word (up to 1 ms on a line
    # such as "Light a Wish by OGE Group"), the stems found in one pass cost a few us.
    person_without_role: re.Pattern[str]
    role_stems: re.Pattern[str]  # found (case-blind, as in the role) where a role may be
    section: re.Pattern[str]  # "category: politics"
    relative: re.Pattern[str]  # "3 hours ago"
    fillers: re.Pattern[str]  # whole filler words
    byline_starts: tuple[str, ...]  # the [people] prefixes, lower case, as a line starts


@dataclass(frozen=True)
class MetaLineShape:
    """What a meta line is made of: ``dated`` when it holds a date or a time, ``named`` when
    it holds a labelled person, counter or section (the fields no sentence is made of)."""

    dated: bool
    named: bool


def meta_line_shape(line: str, lexicon: MetaFieldLexicon | None = None) -> MetaLineShape | None:
    """The shape of ``line`` when it is only meta fields, else ``None``."""
    lexicon = lexicon or META_FIELDS
    if not line or len(line) > MAX_CHARS or _reads_as_sentence(line):
        return None
    has_digit = (_ASCII_DIGIT.search(line) is not None if line.isascii()
                 else any(ch.isdigit() for ch in line))
    if (not has_digit and _LABEL_MARKS.isdisjoint(line)
            and not line[:16].lower().startswith(lexicon.byline_starts)
            and _ROLE_BY.search(line) is None):
        return None
    rest = line
    dated = False
    if has_digit:
        rest, dated = _take_dates(rest, lexicon)
    rest, named = _take_labelled(rest, lexicon, has_digit)
    if not (dated or named):
        return None
    # any short label in front of a field that is already out ("Mise en ligne : <date>")
    rest = _ANY_LABEL.sub(_FIELD, rest)
    if has_digit:  # no number, no counter (the fields put in hold no digit)
        rest = _any_counter(rest)
    rest = lexicon.fillers.sub(" ", rest)
    if _SEPARATORS.sub("", rest.replace(_FIELD, "")):
        return None
    return MetaLineShape(dated, named)


def is_meta_line(line: str, lexicon: MetaFieldLexicon | None = None) -> bool:
    """Whether ``line`` is only meta fields (see :func:`meta_line_shape`)."""
    return meta_line_shape(line, lexicon) is not None


def _reads_as_sentence(line: str) -> bool:
    """A cheap first look (the field patterns are costly): a line that ends like a sentence
    ("… organisers said.") or has many words in lower case is prose, not fields."""
    end = line.rstrip()[-1:]
    if end in _SENTENCE_ENDS:
        return True
    words = line.split()
    if not words:
        return True
    if end == "." and len(words[-1]) > 3 and words[-1][:-1].isalpha() and words[-1].islower():
        return True
    lower = sum(1 for word in words if word[0].islower())
    return len(words) > _MAX_WORDS or lower > _MAX_LOWER_WORDS


def _take_dates(rest: str, lexicon: MetaFieldLexicon) -> tuple[str, bool]:
    dated = False
    for _ in range(_MAX_DATES):
        found = find_date(rest)
        if found is None:
            break
        rest = rest[: found.start] + f" {_FIELD} " + rest[found.end:]
        dated = True
    rest, relative = lexicon.relative.subn(f" {_FIELD} ", rest)
    rest, clocks = _CLOCK.subn(f" {_FIELD} ", rest)
    return rest, dated or relative > 0 or clocks > 0


def _take_labelled(rest: str, lexicon: MetaFieldLexicon, has_digit: bool = True
                   ) -> tuple[str, bool]:
    count = 0
    for pattern in (lexicon.counter_before, lexicon.counter_after, lexicon.person,
                    lexicon.section):
        if not has_digit and (pattern is lexicon.counter_before
                              or pattern is lexicon.counter_after):
            continue  # a counter is a number
        if pattern is lexicon.person:
            if _NAME_CHAR.search(rest) is None:
                continue  # the (slow) person pattern ends in a name: a capital or CJK characters
            if lexicon.role_stems.search(rest) is None:
                pattern = lexicon.person_without_role
        rest, found = pattern.subn(f" {_FIELD} ", rest)
        count += found
    return rest, count > 0


def _any_counter(rest: str) -> str:
    """A bare number beside known fields ("… Editor: Jane Doe 2310") is a counter."""
    return _BARE_NUMBER.sub(f" {_FIELD} ", rest)


def load_meta_fields(text: str) -> MetaFieldLexicon:
    """Build a :class:`MetaFieldLexicon` from TOML text (see ``data/metafields.toml``)."""
    data = tomllib.loads(text)
    counters = _alternation(data["counters"]["labels"])
    units = _alternation(data["counters"]["units"])
    people = _alternation(data["people"]["labels"])
    prefixes = _alternation(data["people"]["prefixes"])
    # any short label naming an editorial role ("Copy editor", "Chef vom Dienst", "来稿编辑")
    stem_list = [x.lower() for x in data["people"]["role_stems"]]
    stems = "|".join(re.escape(x) for x in stem_list)
    role = (rf"(?:[^\W\d_][\w'’\-]*\s+){{0,2}}[\w'’\-]*(?:{stems})[\w'’\-]*"
            rf"(?:\s+[^\W\d_][\w'’\-]*){{0,3}}")
    label_end = r"(?:[:：]|\s[|｜—–-]\s|[|｜/／丨—–])\s*"
    prefixed = rf"(?:{prefixes})(?:\s+|(?<=[/／{_CJK}])\s*)"
    sections = _alternation(data["sections"]["labels"])
    one_name = rf"(?:{_CJK_NAME}|{_LATIN_NAME})"
    # several names: "Jane Doe, John Roe", "Anna Schmidt und Tom Berg", "王明、李娜"
    name = rf"{one_name}(?:\s*(?:[,，、&]|\s(?:and|und|y|et)\s)\s*{one_name}){{0,3}}"
    return MetaFieldLexicon(
        counter_before=re.compile(
            rf"{_START}(?:{counters})\s*[:：(（]?\s*{_NUMBER}\s*(?:{units})?\s*[)）]?{_END}",
            re.IGNORECASE),
        counter_after=re.compile(
            rf"{_START}(?:(?:{counters})\s+)?{_NUMBER}\s*(?:{units}){_END}", re.IGNORECASE),
        person=re.compile(
            rf"{_START}(?i:(?:{people}|{role})\s*{label_end}"
            rf"|{prefixed}|{role}\s+(?:by|von|por|par)\s+){name}{_END}"),
        person_without_role=re.compile(
            rf"{_START}(?i:(?:{people})\s*{label_end}|{prefixed}){name}{_END}"),
        # as a trie ("correc(?:t|…)"): at each position re tries a branch or two, not fifty
        role_stems=re.compile(literal_finder(stem_list).pattern, re.IGNORECASE),
        section=re.compile(
            rf"{_START}(?:{sections})\s*[:：]\s*[^\W\d_][\w'’\-]*(?:\s+[\w'’\-]+){{0,3}}{_END}",
            re.IGNORECASE),
        relative=re.compile("|".join(f"(?:{p})" for p in data["relative"]["patterns"]),
                            re.IGNORECASE),
        fillers=re.compile(rf"{_START}(?:{_alternation(data['fillers']['words'])}){_END}",
                           re.IGNORECASE),
        byline_starts=tuple(p.lower() + (" " if p[-1].isascii() and p[-1].isalpha() else "")
                            for p in data["people"]["prefixes"]),
    )


# A field starts and ends at a word boundary; CJK text has no spaces, so next to a CJK
# character is a boundary too.
_START = rf"(?:(?<![^\W\d_])|(?<=[{_CJK}]))"
_END = rf"(?:(?![^\W\d_])|(?=[{_CJK}]))"


def _alternation(phrases: list[str]) -> str:
    unique = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique)


def _load_default() -> MetaFieldLexicon:
    text = resources.files("extractors").joinpath("data/metafields.toml").read_text("utf-8")
    return load_meta_fields(text)


META_FIELDS: MetaFieldLexicon = _load_default()
