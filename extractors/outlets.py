"""Credits named by a known outlet, whatever their label ("Via Reuters", "Crédits : AFP").

The credit lexicon (``data/attribution.toml``) knows labels and phrases; a copy that credits
its outlet with a wording nobody listed ("Courtesy of NBC News", "稿件提供：新华社", "D'après
l'AFP") is missed by it. The outlets themselves are few and known: ``data/outlets.toml`` lists
real news outlets and wire agencies. A line at the edge of a body is a credit when it holds
one of them and nothing else but:

- a short lead-in before the name (at most a few words, or a few CJK characters) and perhaps
  a word or two after it ("新华社 供稿"), none of them a verb or subject of a sentence, a
  picture credit ("Photo: AFP"), a box or call to action ("More from Reuters"), a
  copyright notice or a tag list;
- separators, and meta fields (a date, a counter, a person: see
  :func:`extractors.metafields.is_meta_line`) when the line is a meta line.

Prose that names an outlet ("Speaking to the BBC, the minister said …", "Reuters reported
on Monday that …") keeps words around the name that are none of these, so it is never taken.

The gazetteer also ends a name that a lexicon credit ran on too far: "Source: Le Parisien
Nombre de vues" names "Le Parisien".
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from types import MappingProxyType

from .dates import find_date
from .metafields import is_meta_line

MAX_LINE_CHARS = 120  # a credit line is short; longer lines are not looked at
_MAX_LEAD_WORDS = 4  # "Mit freundlicher Genehmigung von" is four
_MAX_ARTICLE_LEAD_WORDS = 8  # "This story was provided to us by"
_MAX_LEAD_CJK = 6  # "稿件提供", "本文内容来自"
_MAX_TRAIL_CJK = 3  # "新华社 供稿", "人民网 独家"
_MAX_CJK_NAME = 12
_CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{_CJK_CHARS}]")
# Latin words (no CJK inside: "据Reuters报道" holds the word "Reuters").
_LATIN_WORD = re.compile(rf"[^\W_{_CJK_CHARS}]+")
_WORD = re.compile(r"[^\W_]+")
_CJK_TRAILER = re.compile(rf"[ \t\u3000]?([{_CJK_CHARS}]+)(?=[\s|｜·•,，;；。]|$)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}[:h：]\d{2}(?:[:：]\d{2})?(?!\d)", re.IGNORECASE)
# A view counter ending a meta line: "Vues : 16187", "16187 vues", "阅读 2310".
_COUNTER_TAIL = re.compile(
    r"[\s|｜·•,，;；-]*(?:[^\W\d_]+\s*[:：]?\s*)?\d[\d.,\s]*(?:[^\W\d_]+\s*){0,2}$")
_MAX_DATE_LABEL_WORDS = 3  # "Mis à jour le", "Zuletzt aktualisiert am"
# What the cheap look at a line splits words on besides spaces (as _LATIN_WORD does).
_GATE_CHARS = ".,;:!?()[]{}\"'«»“”‘’|/\\-–—&·•…_*#@+=<>：；，。、｜（）【】《》「」『』！？"
_GATE = MappingProxyType(str.maketrans({ch: " " for ch in _GATE_CHARS}))
# The words of that look: what ``text.translate(_GATE).split()`` gives, found in one pass
# (a translate through a table of many characters costs several times more).
_GATE_WORDS = re.compile(f"[^\\s{re.escape(_GATE_CHARS)}]+")
_OPENING = " \t\"'“‘«‹《「『【[(（<"
_CLOSING = " \t\"'”’»›》」』】])）>"
_LABEL_END = re.compile(r"(?:[:：]|\s[-–—]+|^[-–—]+)\s*$")
# The last "Label:" of a run of words: a word (or a few CJK characters after a space) and
# a colon.
_LAST_LABEL = re.compile(
    rf"(?:(?<![^\s])[^\W\d_]+|(?:^|(?<=\s))[{_CJK_CHARS}]{{1,6}})\s*[:：]\s*$")
# What ends a lead-in or a trailer: a field separator, a digit (a date or counter is a
# field of its own), a sentence's end, brackets and quotes that enclose other text.
_HARD_STOP = re.compile(r"[|｜·•/\\;；,，、()\[\]（）【】<>《》«»\"“”\d]|\s[-–—]\s"
                        r"|[.!?。！？](?:\s|$)")


@dataclass(frozen=True)
class OutletCredit:
    outlet: str  # the name as written on the page
    start: int  # the span of lead-in + name (+ trailer) in the line
    end: int


@dataclass(frozen=True)
class Gazetteer:
    """Outlet names and the lead-in words that rule a credit out, compiled once."""

    # folded words -> the names' words as written; first word -> name lengths, longest first
    latin: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]]
    latin_lengths: Mapping[str, tuple[int, ...]]
    cjk: re.Pattern[str]  # any CJK name, the longest first (one matcher, scanned in C)
    cjk_first: frozenset[str]  # the first characters of CJK names
    anchors: frozenset[str]  # each Latin name's first word that is not an article, folded
    suffixes: frozenset[str]
    banned_words: frozenset[str]  # prose, media and box words, folded (Latin, one word)
    banned_phrases: tuple[str, ...]  # several Latin words, folded
    banned_cjk: tuple[str, ...]  # CJK words, matched inside the text
    media_words: frozenset[str]  # picture credits' words ("Photo: Jane Doe, AP")
    media_cjk: tuple[str, ...]
    article_leads: tuple[str, ...]  # "this story", "本文": a lead-in about the article
    byline_words: frozenset[str]  # "by", "von", "por", "par": a byline, not a label
    lead_ends: frozenset[str]  # "by", "of", "von", "par": a label's last word before a name
    articles: frozenset[str]  # "the", "l", "der": may stand between a label and the name
    auxiliaries: frozenset[str]  # "was", "wurde", "fue": allowed after an article lead


@dataclass(frozen=True)
class _Name:
    text: str
    start: int
    end: int


def find_outlet_credit(line: str, gazetteer: Gazetteer | None = None, *,
                       labelled: bool = False, byline: bool = False) -> OutletCredit | None:
    """A credit made of a known outlet and a short lead-in in ``line`` (one line at a body's
    edge or a page's meta line), or ``None``. The line must hold nothing else but meta
    fields and separators.

    ``labelled``: the name needs a lead-in other than a byline's "By" (for meta lines outside
    the body, where a bare name or a byline is mostly the site's own, "USA TODAY" or "By Jane
    Doe, CNN" on cnn.com, or a sidebar's: "By REUTERS" under another story's link);
    ``byline``: a labelled credit may be led by "By" after all ("Par AFP" in an info line
    that is the page's only byline)."""
    gazetteer = gazetteer or GAZETTEER
    line = line.strip()
    if not line or len(line) > MAX_LINE_CHARS:
        return None
    for name in _names_in(line, gazetteer):
        credit = _credit_around(line, name, gazetteer, labelled and not byline,
                                labelled and byline)
        if credit is not None:
            return credit
    return None


def edge_outlet_credits(lines: Iterable[str], gazetteer: Gazetteer | None = None
                        ) -> dict[str, OutletCredit]:
    """The credits of :func:`find_outlet_credit` in a body's edge lines, by line; none at all
    when they name more than one outlet: a round-up that quotes several ("… [Engadget]",
    "… [CNBC]") credits no single one."""
    found = {line: credit for line in lines
             if (credit := find_outlet_credit(line, gazetteer)) is not None}
    if len({credit.outlet.casefold() for credit in found.values()}) > 1:
        return {}
    return found


def page_outlet_credits(lines: Iterable[str], gazetteer: Gazetteer | None = None
                        ) -> dict[str, OutletCredit]:
    """The credits of :func:`find_outlet_credit` in a page's meta lines outside the body, by
    line. They need a lead-in; "By X" counts only in the page's one line led by that word: a
    sidebar credits each of its stories alike ("By REUTERS", "By JERUSALEM POST STAFF")."""
    gazetteer = gazetteer or GAZETTEER
    unique = set(lines)
    first_words = {line: _first_word(line) for line in unique}  # each line's, found once
    leads = Counter(first_words.values())
    found = {}
    for line in unique:
        first = first_words[line]
        byline = first in gazetteer.byline_words and leads[first] == 1
        credit = find_outlet_credit(line, gazetteer, labelled=True, byline=byline)
        if credit is not None:
            found[line] = credit
    return found


def is_known_outlet(name: str, gazetteer: Gazetteer | None = None) -> bool:
    """Whether ``name`` is, as written, one outlet of the gazetteer ("franceinfo", "epd")."""
    gazetteer = gazetteer or GAZETTEER
    name = name.strip()
    return any(found.start == 0 and found.end == len(name)
               for found in _names_in(name, gazetteer))


def prose_lead_in(lead: str, gazetteer: Gazetteer | None = None) -> bool:
    """Whether the words before a credited name make a sentence, a picture credit or a box
    ("The source code is published on", "Photo courtesy of"); an article's own lead-in may
    use an auxiliary ("This story was first published by")."""
    gazetteer = gazetteer or GAZETTEER
    allowed = gazetteer.auxiliaries if _about_article(lead, gazetteer) else frozenset()
    return _banned(lead, gazetteer, allowed)


def _first_word(line: str) -> str:
    word = _LATIN_WORD.search(line)
    return word.group(0).casefold() if word else ""


def known_outlet_prefix(name: str, gazetteer: Gazetteer | None = None) -> str:
    """``name`` cut to the longest known outlet it starts with, when what follows is not a
    word that continues outlets' names ("Le Parisien Nombre" -> "Le Parisien"; "CNN
    Business" stays). CJK names and unknown names are returned unchanged."""
    gazetteer = gazetteer or GAZETTEER
    words = list(_LATIN_WORD.finditer(name))
    if _CJK.search(name) or not words or words[0].start() > 0:
        return name
    found = _latin_name_at(name, words, [m.group(0).casefold() for m in words], 0, gazetteer)
    if found is None or found.end >= len(name.rstrip()):
        return name
    following = _LATIN_WORD.search(name, found.end)
    if following is None or following.group(0).casefold() in gazetteer.suffixes:
        return name
    if name[found.end: following.start()].strip():
        return name  # "Reuters/AFP", "Yahoo! News": punctuation joins more to the name
    return found.text


def _names_in(line: str, gazetteer: Gazetteer) -> list[_Name]:
    """Known outlets in ``line``, left to right, the longest at each place."""
    names: list[_Name] = []
    # Every CJK name holds a CJK character, but some start with a Latin one ("BBC中文网",
    # "IT之家"): a line without CJK holds no CJK name, whatever its first characters.
    has_cjk = _CJK.search(line) is not None and not gazetteer.cjk_first.isdisjoint(line)
    if not has_cjk and gazetteer.anchors.isdisjoint(_GATE_WORDS.findall(line.casefold())):
        return names  # the cheap look first: no word of any name's own (not "the", "die")
    words = list(_LATIN_WORD.finditer(line))
    folded = [m.group(0).casefold() for m in words]
    starts = gazetteer.latin_lengths  # a word no name starts with is passed over at once
    index = 0
    while index < len(words):
        found = (_latin_name_at(line, words, folded, index, gazetteer)
                 if folded[index] in starts else None)
        if found is None:
            index += 1
            continue
        names.append(found)
        while index < len(words) and words[index].start() < found.end:
            index += 1
    if has_cjk:
        names.extend(_cjk_names(line, gazetteer))
        names.sort(key=lambda n: n.start)
    return names


def _latin_name_at(line: str, words: list[re.Match[str]], folded: list[str], index: int,
                   gazetteer: Gazetteer) -> _Name | None:
    """The longest known name whose words start at ``words[index]``."""
    for length in gazetteer.latin_lengths.get(folded[index], ()):
        forms = gazetteer.latin.get(tuple(folded[index: index + length]), ())
        span = words[index: index + length]
        for candidate in forms:
            if _same_name(span, candidate, line):
                start, end = span[0].start(), span[-1].end()
                return _Name(line[start:end], start, end)
    return None


def _same_name(span: list[re.Match[str]], candidate: tuple[str, ...], line: str) -> bool:
    """The words are the name's words, in its case or in capitals ("the" for its "The"),
    with only spaces or the name's own punctuation between them ("Ouest-France", "L'Obs",
    "Mail & Guardian")."""
    written = [m.group(0) for m in span]
    if written[0] == "the" and candidate[0] == "The":
        written[0] = "The"
    if written != list(candidate) and not (all(w.isupper() for w in written)
                                           and [w.upper() for w in candidate] == written):
        return False
    gaps = [line[a.end(): b.start()] for a, b in pairwise(span)]
    return all(len(gap) <= 3 and gap.strip(" -'’&.") == "" for gap in gaps)


def _cjk_names(line: str, gazetteer: Gazetteer) -> list[_Name]:
    return [_Name(m.group(0), m.start(), m.end()) for m in gazetteer.cjk.finditer(line)]


def _credit_around(line: str, name: _Name, gazetteer: Gazetteer, labelled: bool,
                   led: bool) -> OutletCredit | None:
    # Quotes or brackets around the name belong to it ("来源：《人民日报》", "Via [Reuters]").
    name_start = len(line[: name.start].rstrip(_OPENING))
    name_end = len(line) - len(line[name.end:].lstrip(_CLOSING))
    lead_start = _lead_start(line, name_start, gazetteer)
    lead = line[lead_start: name_start]
    about_article = _about_article(lead, gazetteer)
    max_words = _MAX_ARTICLE_LEAD_WORDS if about_article else _MAX_LEAD_WORDS
    allowed = gazetteer.auxiliaries if about_article else frozenset()
    if (not _short(lead, max_words, _MAX_LEAD_CJK) or _banned(lead, gazetteer, allowed)
            or not _leads_to_a_name(lead, gazetteer)):
        return None
    if _banned_media(line[:name.start] + " " + line[name.end:], gazetteer):
        return None  # "Photo: Jane Doe, AP": a picture's credit, whatever stands before
    ends = [name_end]
    # Only a CJK word may follow the name ("新华社 供稿"): a Latin one makes a headline
    # ("BBC Proms") or a sentence ("Reuters reports").
    trailer = _CJK_TRAILER.match(line, name_end)
    if (trailer is not None and len(trailer.group(1)) <= _MAX_TRAIL_CJK
            and not _banned(trailer.group(1), gazetteer)):
        ends.append(trailer.end())
    if (labelled and not _is_label(lead, gazetteer)) or (led and not _has_label(lead, gazetteer)):
        ends = ends[1:]  # the label can only be the CJK word after the name
    for end in ends:
        before, after = line[:lead_start], line[end:]
        if _rest_ok(before + " " + after):
            return OutletCredit(_outlet_text(name.text), lead_start, end)
        if (not _WORD.search(after) or _COUNTER_TAIL.match(after)) and _has_label(
                lead, gazetteer) and _dated_label(before, gazetteer):
            return OutletCredit(_outlet_text(name.text), 0, len(line))
    return None


def _has_label(lead: str, gazetteer: Gazetteer) -> bool:
    """A lead-in with a word of its own, articles aside ("Avec", "Crédit :", "稿件提供")."""
    words = [w.casefold() for w in _LATIN_WORD.findall(lead)]
    return _CJK.search(lead) is not None or any(w not in gazetteer.articles for w in words)


def _dated_label(text: str, gazetteer: Gazetteer) -> bool:
    """A date and at most a few label words ("Créé le 31/10/2021 13:48", "更新于 2019-09-17"):
    the head of a meta line whose labels no lexicon knows (its tail may be a counter:
    "Vues : 16187")."""
    found = find_date(text)
    if found is None:
        return False
    rest = _CLOCK.sub(" ", text[: found.start] + " " + text[found.end:])
    if _banned(rest, gazetteer) or any(ch in rest for ch in ".!?。！？"):
        return False
    return len(_LATIN_WORD.findall(rest)) <= _MAX_DATE_LABEL_WORDS and len(
        _CJK.findall(rest)) <= _MAX_LEAD_CJK


def _leads_to_a_name(lead: str, gazetteer: Gazetteer) -> bool:
    """A credit's lead-in is a label: it ends with a colon or a dash ("Crédits : AFP",
    "Credit — AFP"), or with a word that leads to a name ("Courtesy of", "Provided by",
    "Bereitgestellt von", "D'après l'"), articles aside; or it is CJK, or nothing. Other
    words before a name make a title or a person ("Why the BBC", "Michael Bloomberg")."""
    words = [w.casefold() for w in _LATIN_WORD.findall(lead)]
    while words and words[-1] in gazetteer.articles:
        words.pop()
    if not words or _CJK.search(lead) or _LABEL_END.search(lead):
        return True
    return words[-1] in gazetteer.lead_ends


def _is_label(lead: str, gazetteer: Gazetteer) -> bool:
    """A lead-in that is more than a byline's "By" ("By REUTERS" is also how a sidebar's list
    of other stories credits each one)."""
    words = {w.casefold() for w in _LATIN_WORD.findall(lead)}
    return _CJK.search(lead) is not None or bool(words - gazetteer.byline_words)


def _lead_start(line: str, name_start: int, gazetteer: Gazetteer) -> int:
    """Where the lead-in before a name starts: after the last separator, digit or
    sentence end before it (the start of the line when there is none); in a longer run of
    words, at the last label with a colon ("Editor: Jane Doe Credit: Reuters") or at the last
    few words."""
    start = 0
    for stop in _HARD_STOP.finditer(line, 0, name_start):
        start = stop.end()
    segment = line[start:name_start]
    if _about_article(segment, gazetteer):
        return start
    if len(_LATIN_WORD.findall(segment)) > _MAX_LEAD_WORDS or len(
            _CJK.findall(segment)) > _MAX_LEAD_CJK:
        label = _LAST_LABEL.search(segment)
        if label is not None:
            return start + label.start()
        words = list(_LATIN_WORD.finditer(segment))
        if len(words) > _MAX_LEAD_WORDS:  # its last words ("… 01:06 Uhr Mit freundlicher
            start += words[-_MAX_LEAD_WORDS].start()  # Genehmigung von"): the rest is meta
    return start


def _about_article(lead: str, gazetteer: Gazetteer) -> bool:
    """A lead-in about the article itself ("This story was provided by", "本文由") may be
    longer and use an auxiliary verb."""
    folded = " ".join(lead.casefold().split())
    return folded.startswith(gazetteer.article_leads)


def _short(text: str, max_words: int, max_cjk: int) -> bool:
    cjk = len(_CJK.findall(text))
    return len(_LATIN_WORD.findall(text)) <= max_words and cjk <= max_cjk


def _banned(text: str, gazetteer: Gazetteer, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether lead-in or trailer words make the line prose, a picture credit, a box, a
    copyright notice."""
    if "©" in text:
        return True
    words = [w.casefold() for w in _LATIN_WORD.findall(text)]
    if any(w in gazetteer.banned_words and w not in allowed for w in words):
        return True
    folded = " " + " ".join(words) + " "
    if any(f" {phrase} " in folded for phrase in gazetteer.banned_phrases):
        return True
    return any(word in text for word in gazetteer.banned_cjk)


def _banned_media(text: str, gazetteer: Gazetteer) -> bool:
    words = {w.casefold() for w in _LATIN_WORD.findall(text)}
    return bool(words & gazetteer.media_words) or any(w in text for w in gazetteer.media_cjk)


def _rest_ok(rest: str) -> bool:
    """What the credit leaves of its line: nothing but separators, or a meta line."""
    return _WORD.search(rest) is None or is_meta_line(" ".join(rest.split()))


def _outlet_text(name: str) -> str:
    return " ".join(name.split())


def load_gazetteer(text: str) -> Gazetteer:
    """Build a :class:`Gazetteer` from TOML text (see ``data/outlets.toml``)."""
    data = tomllib.loads(text)
    names = {n.strip() for values in data["names"].values() for n in values if n.strip()}
    cjk = frozenset(n for n in names if _CJK.search(n) and len(n) <= _MAX_CJK_NAME)
    latin: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    lengths: dict[str, set[int]] = {}
    for name in names - cjk:
        words = tuple(m.group(0) for m in _LATIN_WORD.finditer(name))
        if words:
            latin.setdefault(tuple(w.casefold() for w in words), set()).add(words)
            lengths.setdefault(words[0].casefold(), set()).add(len(words))
    banned = [w.casefold() for key in ("prose", "media", "boxes") for w in data["lead_in"][key]]
    articles = frozenset(w.casefold() for w in data["lead_in"]["articles"])
    media = data["lead_in"]["media"]
    return Gazetteer(
        latin=MappingProxyType({key: tuple(sorted(forms)) for key, forms in latin.items()}),
        latin_lengths=MappingProxyType({key: tuple(sorted(n, reverse=True))
                                        for key, n in lengths.items()}),
        cjk=re.compile("|".join(re.escape(n) for n in sorted(cjk, key=len, reverse=True))),
        cjk_first=frozenset(name[0] for name in cjk),
        anchors=frozenset(_anchor(key, articles) for key in latin),
        suffixes=frozenset(w.casefold() for w in data["name_suffixes"]["words"]),
        banned_words=frozenset(w for w in banned if not _CJK.search(w) and " " not in w),
        banned_phrases=tuple(w for w in banned if not _CJK.search(w) and " " in w),
        banned_cjk=tuple(w for w in banned if _CJK.search(w)),
        media_words=frozenset(w.casefold() for w in media if not _CJK.search(w)),
        media_cjk=tuple(w for w in media if _CJK.search(w)),
        article_leads=tuple(w.casefold() for w in data["lead_in"]["article"]),
        byline_words=frozenset(w.casefold() for w in data["lead_in"]["byline"]),
        lead_ends=frozenset(w.casefold() for w in data["lead_in"]["ends"]),
        articles=articles,
        auxiliaries=frozenset(w.casefold() for w in data["lead_in"]["auxiliaries"]),
    )


def _anchor(words: tuple[str, ...], articles: frozenset[str]) -> str:
    return next((w for w in words if w not in articles), words[0])


def _load_default() -> Gazetteer:
    text = resources.files("extractors").joinpath("data/outlets.toml").read_text("utf-8")
    return load_gazetteer(text)


GAZETTEER: Gazetteer = _load_default()
