"""The outlet a copied article credits ("source: NBC News", "来源：新华社", "Quelle: dpa").

A credit is a label with a colon and a name ("Source : AFP"), or a phrase and a name
("This article first appeared on The Guardian"). Labels and phrases are data
(``data/attribution.toml``). Prose uses the same words ("sources said", "a source close to
the minister", "open source", "source code", "the virus first appeared in Wuhan"), so:

- a label needs its colon, and is not prose when the word before it is not one that makes
  it a noun phrase ("open source: ...");
- a phrase only counts in a short line that starts with it or is about the article itself;
- the body is searched only in its first and last lines, where credits sit, and then the
  page's short meta lines outside the body (a byline div the body extractor dropped).

Credit lines found in the body are removed from its text and markdown.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from types import MappingProxyType
from urllib.parse import urlsplit

from .dates import DATES, find_date
from .lexicon import DEFAULT_LEXICON, fold_line
from .metafields import is_meta_line
from .outlets import (
    OutletCredit,
    edge_outlet_credits,
    is_known_outlet,
    page_outlet_credits,
    prose_lead_in,
)

# How many non-empty lines at each end of the body may hold a credit (the bottom reaches
# further: copies often keep a few lines of related links after the credit).
EDGE_TOP_LINES = 6
EDGE_BOTTOM_LINES = 10
DATELINE_LINES = 2  # a wire dateline opens the story: its first lines only
_MAX_DATELINE_WORDS = 4
MAX_LINE_CHARS = 300
PAGE_LINE_CHARS = 150
_MAX_OUTLET_CHARS = 60
_MAX_OUTLET_WORDS = 8
_MAX_CJK_OUTLET_CHARS = 20
_MAX_PHRASE_LINE_WORDS = 40
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# A few CJK characters of its own before a CJK label ("素材来源：", "新闻来源丨"), not a date's.
_CJK_LABEL_HEAD = r"(?:(?![年月日时分秒号])[\u4e00-\u9fff]){0,4}?"
_WORD = re.compile(r"[^\W_]+")
# Where an outlet name ends inside a longer line.
_OUTLET_END = re.compile(
    r"\s*(?:[|｜;；，。、·•\\(\[（【「《<>»«\])）】]|,\s|,$|\s{2,}|\s[-–—/]\s|(?<=\w{3})[.!?](?:\s|$)"
    r"|\s(?:and|und|y|et|with|mit|con|avec|where|which|under|here)\s(?=[a-zà-ÿ])|\svia\s"
    # a byline runs on after the name ("Grist Story by Jane Doe", "HNA Von Anna Schmidt")
    # ("Rassemblé par Jean Roy": a role word and a lower-case "par"; or "Von Anna Schmidt")
    r"|\s[^\W\d_][\w'’-]*\s(?:by|von|por|par)\s(?=[^\W\d_])|\s(?:By|Von|Por|Par|BY|VON)\s"
    r"(?=[^\W\d_])|\u3000)"
)
# The next "Label:" of a meta line ("... Author: Jane Doe"), or a long number (a counter).
_NEXT_FIELD = re.compile(r"\s(?:[^\W\d_][\w.-]{1,24}\s?[:：]|\d{3,}(?![\w.,]))")
_SPACE = re.compile(r"\s")
_URL = re.compile(r"(?:https?://|www\.)[^\s|｜,，;；。]+", re.IGNORECASE)
_TRAILING_WORDS = re.compile(r"(?:\s+(?:on|at|in|am|im|el|le|la|en|the|de|del|du|a|à))+$",
                             re.IGNORECASE)
_STRIP_CHARS = " \t\"'“”‘’«»「」『』【】[]()（）<>《》.,:：;；!！?？*_-–—|｜/·•"
# Where a sentence ends: a credit after this is a sentence of its own.
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’)）]*\s*$")
# ...and where one ends right after a credit that opens the line.
_SENTENCE_START = re.compile(r"\s*(?:[.!?。！？]|\s[|｜·•])\s*\S")
# A label may be followed by one of these instead of a colon ("Source | X", "来源丨X").
_LABEL_SEPARATORS = frozenset("|｜/／丨—–»›】·•-")
_LEAD_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CLOCK_OR_ZONE = re.compile(r"\d{1,2}[:h.]\d{2}(?::\d{2})?\s*(?:[A-Za-z]{2,4})?", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
# A CJK outlet right before a trailing word, perhaps after "据" ("据滨江晚报报道").
_CJK_NAME_BEFORE = re.compile(r"(?<![\u4e00-\u9fff])(?:本文经|本文由|本稿由|经|由|据|據)?"
                              r"(?P<name>[\u4e00-\u9fff]{2,12})$")
_GOVERNED_ARTICLE = re.compile(r"\s*(?:(?:dem|der|den|des|einem|einer)\s+|[lL]['’])(?=[^\W\d_])")
_ELISION = re.compile(r"^(?:l|d|qu|s|n)['’](?=\w)")
_MAX_LED_CHARS = 160
_MAX_LABEL_NAME_WORDS = 3
_MIN_TRAILED_NAME = 2  # "As reported": a name of two letters must be a known one
_MAX_LED_SENTENCE_WORDS = 18  # "<date> Este artículo apareció primero en El Heraldo de México."
_MAX_DATE_LABEL_WORDS = 3
_MAX_LED_WORDS = 24
_MAX_LEAD_WORDS = 6  # "Este artículo apareció primero en", "Nach einem Bericht von"
_META_FILLER = re.compile(r"[\s|｜/·•:：,，;；\-–—()\[\]【】（）]+")


@dataclass(frozen=True)
class Credit:
    outlet: str
    start: int  # the span of label + outlet in the line
    end: int
    kind: str = "label"  # "label" ("Source: X") | "phrase" ("first appeared on X")


@dataclass(frozen=True)
class CreditLexicon:
    """Credit labels and phrases compiled once from the data file."""

    latin_labels: re.Pattern[str]
    cjk_labels: re.Pattern[str]
    bare_labels: re.Pattern[str]
    phrases: re.Pattern[str]
    cjk_phrases: re.Pattern[str]
    article_words: frozenset[str]
    not_outlets: frozenset[str]
    preceding_words: frozenset[str]
    stop_labels: re.Pattern[str]
    counters: re.Pattern[str]  # "65353 views", "Lu 16187 fois": a counter after the name
    phrase_anchors: tuple[str, ...]  # one distinctive word of each phrase, lower case
    datelines: tuple[re.Pattern[str], ...]  # a wire dateline opening a line, group "outlet"
    agencies: frozenset[str]  # agencies written in lower case ("dpa"), folded
    lead_ends: frozenset[str]  # [leads]: the last word of a lead-in before a name, folded
    lead_alone: frozenset[str]  # lead-ins of one word ("Via", "Selon")
    byline_leads: frozenset[str]  # "By", "Von": a lead-in only before a known outlet
    trails: re.Pattern[str]  # "reports", "berichtet", "供稿": after the name, ending the field
    cjk_outlet_ends: tuple[str, ...]  # "社", "网", "报", "新闻": how CJK outlets' names end
    cjk_name_suffixes: re.Pattern[str]  # "客户端", "微信公众号": the outlet's channel, not a name
    lead_stems: tuple[str, ...]  # a lead-in word starting so names a credit ("originally")
    place_stems: tuple[str, ...]  # ... only before a place's preposition ("posted on")
    place_ends: frozenset[str]
    name_particles: frozenset[str]  # lower-case words inside a name ("de", "the")
    media_prefixes: tuple[str, ...]  # "Bildquelle:", "Fotoquelle:" credit a picture
    auxiliaries: frozenset[str]  # "was", "a été", "wurde": a credit sentence's verbs
    role_labels: re.Pattern[str]  # "editor:", "Bearbeitung:": a role's label ends a name
    role_prefixes: tuple[str, ...]  # "page", "copy", "redaktionelle": a role label's head
    role_word: re.Pattern[str]  # a word holding a role's stem ("Redacción", "Consulté")
    lead_gate: tuple[str, ...]  # any word a lead-in needs: the cheap look before _led
    # Derived (speed only): the literal lists above as one pattern each, found by one search
    # in C (``finder.search(x)`` answers exactly ``any(w in x for w in words)``; each word
    # matched at its rarest character, see _rare_letter_finder), and the words one of which
    # every ``latin_labels`` match holds (see _may_hold_latin_label).
    phrase_anchor_finder: re.Pattern[str] | None = None
    lead_gate_finder: re.Pattern[str] | None = None
    latin_label_words: re.Pattern[str] | None = None
    trail_words: re.Pattern[str] | None = None  # the same for ``trails``
    # All four word lists above (and the case twins' lower case) as one finder, searched in
    # " <lowered line> " (see _first_credit_word); ``None`` when a list has no finder. It
    # matches at a word's rarest letter, which is at most ``credit_word_reach`` into it.
    credit_word_finder: re.Pattern[str] | None = None
    credit_word_reach: int = 0


@dataclass(frozen=True)
class Attribution:
    original_source: str | None
    text: str  # the body without the credit line(s)
    markdown: str  # the markdown without them
    removed_lines: tuple[str, ...]  # what was taken out: whole lines, or the credit alone
    provenance: str | None  # "body" (a line of the body) | "page" (a meta line elsewhere)


def find_credit(line: str, lexicon: CreditLexicon | None = None) -> Credit | None:
    """The first credit in one line of text, or ``None``."""
    lexicon = lexicon or CREDITS
    if len(line) > MAX_LINE_CHARS:
        return None
    # Cheap gates first: this runs on every short line of every page.
    has_cjk = _CJK.search(line) is not None
    lowered = line.lower()
    # where the scans' words may start: the searches for them begin there
    start = 0 if has_cjk else _first_credit_word(lowered, lexicon)
    if start is None:
        return None
    has_colon = ":" in line or "：" in line or not _LABEL_SEPARATORS.isdisjoint(line)
    has_phrase = _holds_any(lowered, lexicon.phrase_anchor_finder, lexicon.phrase_anchors,
                            start)
    found = []
    if has_colon:
        if _may_hold_latin_label(line, lowered, lexicon, start):  # (None when skipped: same)
            found.append(_labelled(line, lexicon.latin_labels, lexicon, check_word_before=True))
        if has_cjk:
            found.append(_labelled(line, lexicon.cjk_labels, lexicon, check_word_before=False))
    if has_cjk:
        found.append(_labelled(line, lexicon.bare_labels, lexicon, check_word_before=False))
    if has_phrase:
        found.append(_phrased(line, lexicon))
    if not found or all(credit is None for credit in found):
        found.append(_led(line, lexicon, start))
    if (all(credit is None for credit in found)
            and _case_blind_word(line, lowered, lexicon.trail_words, start) is not None
            and lexicon.trails.search(line)):
        found.append(_trailed(line, lexicon))
    # "Fuente: pequeño | mediano | grande", alone or at the end of a meta line, names no outlet
    candidates = [credit for credit in found
                  if credit is not None and not _font_size_switch(line[credit.start:])]
    return min(candidates, key=lambda c: c.start) if candidates else None


def _first_credit_word(lowered: str, lexicon: CreditLexicon) -> int | None:
    """Where the first word one of the Latin scans needs may start in a line without CJK
    (``lowered``: its lower case), or ``None`` when it holds none: a phrase anchor, a label
    word, a lead-in word, a trailing word, or a case twin (then its label and trail words are
    looked for in another lower case). One search for all of them: most lines hold none and
    need none of the five scans. No word of theirs starts before the position, in
    ``lowered`` or in it between two spaces (as the lead-in words are looked for), so their
    own searches may begin there (speed only; 0 without the finder: nothing ruled out)."""
    finder = lexicon.credit_word_finder
    if finder is None:
        return 0
    found = finder.search(f" {lowered} ")
    # The first word found by its rarest letter starts at most ``reach`` before it, and no
    # word's rarest letter stands before it; then one less: from between the spaces to
    # ``lowered``.
    return None if found is None else max(0, found.start() - lexicon.credit_word_reach - 1)


def _holds_any(text: str, finder: re.Pattern[str] | None, words: tuple[str, ...],
               start: int = 0) -> bool:
    """``any(w in text for w in words)``, by one search when the lexicon has its finder
    (from ``start``, when the caller knows that none of the words begins before it)."""
    if finder is not None:
        return finder.search(text, start) is not None
    return any(word in text for word in words)


# Characters that re's IGNORECASE takes for a Latin letter but str.lower() does not lower to
# it: "İ" (lower() gives two characters), dotless "ı" and long "ſ" (re's case equivalents of
# "i" and "s"). Mapped first, a line lower-cased holds a label word wherever re would find it.
_RE_CASE_TWINS = MappingProxyType(str.maketrans({"İ": "i", "ı": "i", "ſ": "s"}))


_CASE_TWIN = re.compile("[İıſ]")
# What ends a ``latin_labels`` label: a colon or one of its separators.
_LABEL_SEPARATOR = re.compile(r"[:：|｜/／»›·•—–-]")


def _may_hold_latin_label(line: str, lowered: str, lexicon: CreditLexicon,
                          start: int = 0) -> bool:
    """Whether ``latin_labels`` may find something in ``line`` (``lowered``: its lower case):
    every match holds one of the label words (any case), then a colon or a separator. A
    literal search of the lower-cased line costs a fraction of the labels' own search, which
    tries a long case-blind alternation at every position (speed only: ``False`` only where
    ``latin_labels`` finds nothing). ``start``: as for :func:`_case_blind_word`."""
    found = _case_blind_word(line, lowered, lexicon.latin_label_words, start)
    # the separator comes after the label's word, so after where the first one is found
    # (every word found ends after it)
    return found is not None and _LABEL_SEPARATOR.search(line, found) is not None


def _case_blind_word(line: str, lowered: str, words: re.Pattern[str] | None,
                     start: int = 0) -> int | None:
    """Where the first of ``words`` (lower case) is in ``line`` as re's IGNORECASE sees it,
    or ``None``: searched in ``lowered``, the line's lower case (remapped first when the
    line holds a case twin, so that positions are the line's). The lexicon's finders match
    a word at its rarest character (see _rare_letter_finder): no word found ends at or
    before the position, and none has its rarest character before it. 0 when there are no words
    to look for: nothing is ruled out. ``start``: no word begins before it in ``lowered``
    (the search begins there; from the line's start in the remapped one, whose positions
    the twin "İ" shifts)."""
    if words is None:
        return 0
    if _CASE_TWIN.search(line):
        lowered, start = line.translate(_RE_CASE_TWINS).lower(), 0
    found = words.search(lowered, start)
    return None if found is None else found.start()


# Clutter rules for a text-size switch: "Fuente: pequeño / mediano / grande" names no outlet
# ("fuente" is Spanish for both "source" and "font"); the line goes as clutter instead.
# Only these two rules are tried (the whole lexicon per credit line cost ~5% of extract()).
_FONT_SIZE_RULES = tuple(rule for rule in DEFAULT_LEXICON.rules
                         if rule.id in ("font_size", "font_size_switch"))


def _font_size_switch(line: str) -> bool:
    key = fold_line(line)
    return any(rule.matches_folded(key) for rule in _FONT_SIZE_RULES)


def find_original_source(text: str, markdown: str = "", page_lines: tuple[str, ...] = (),
                         tagged_outlets: tuple[str, ...] = (),
                         lexicon: CreditLexicon | None = None,
                         known_credits: Mapping[str, Credit | None] | None = None
                         ) -> Attribution:
    """Find the credited outlet; take credit lines out of the body's edges.

    ``page_lines`` are the page's short meta lines (see :mod:`extractors.metalines`), used
    when the body itself carries no credit; ``tagged_outlets`` the texts of elements the
    page marks as the source (``class="source"``), used when no line carries a label.
    ``known_credits``: :func:`find_credit`'s answers (with this ``lexicon``) for lines an
    earlier stage already asked about (the metadata reads the same meta lines), by text.
    """
    lexicon = lexicon or CREDITS
    known = {} if known_credits is None else known_credits
    lines = text.split("\n")
    body_credits: list[Credit] = []
    edits: dict[int, str | None] = {}  # line index -> replacement (None: drop the line)
    taken: dict[int, str] = {}  # line index -> the text taken out of it
    edge = _edge_indexes(lines)
    # a sixth of the edge lines are meta lines too (a byline, a credit under the story)
    lexical = {i: known[line] if (line := lines[i].strip()) in known
               else find_credit(line, lexicon) for i in edge}
    outlet_lines = edge_outlet_credits([lines[i].strip() for i in edge if lexical[i] is None])
    for index in edge:
        line = lines[index].strip()
        credit = lexical[index] or _gazetteer_credit(outlet_lines.get(line))
        if credit is not None:
            body_credits.append(credit)
            edit = _without_credit(line, credit, lexicon)
            if edit == line:
                continue  # the credit is part of a sentence: the sentence stays whole
            edits[index] = edit
            taken[index] = line if edit is None else line[credit.start: credit.end]
    page_credits = _page_credits(page_lines, lines, lexicon, known)
    dateline = _dateline_credit(lines, lexicon)
    outlet, provenance = _best_outlet(body_credits + dateline, page_credits, tagged_outlets)
    if not edits:
        return Attribution(outlet, text, markdown, (), provenance)
    new_text = _apply(lines, edits)
    removed = tuple(taken[i] for i in sorted(taken))
    return Attribution(outlet, new_text, _edit_markdown(markdown, lines, edits), removed,
                       provenance)


def _page_credits(page_lines: tuple[str, ...], lines: list[str], lexicon: CreditLexicon,
                  known: Mapping[str, Credit | None]) -> list[Credit]:
    """The credits of the page's meta lines, in their order, but for lines that are also in
    the middle of the body (a caption or chart credit inside the article, not the copy's
    credit). The middle lines are folded only when a meta line has a credit (few pages):
    whether a line is in the middle matters only then (speed only: both are pure tests)."""
    found = []
    middle: frozenset[str] | None = None
    page_outlets = page_outlet_credits(page_lines)
    for line in page_lines:
        credit = (known[line] if line in known else find_credit(line, lexicon)) \
            or _gazetteer_credit(page_outlets.get(line))
        # A meta line is short, or starts with its credit; a long caption ending in
        # "(Source: NASA)" credits a picture.
        if credit is None or (len(line) > PAGE_LINE_CHARS and credit.start != 0):
            continue
        if middle is None:
            middle = _middle_lines(lines)
        if _fold(line) not in middle:
            found.append(credit)
    return found


def _best_outlet(body: list[Credit], page: list[Credit], tagged: tuple[str, ...]
                 ) -> tuple[str | None, str | None]:
    """A labelled credit ("source: X", the copier's own) beats an element marked as the
    source, which beats a phrase in the story's text ("Originally published on Y"); the
    body's edges beat the rest of the page. A gazetteer credit ("Via Reuters": a label the
    lexicon lacks) comes after the element, before the phrases."""
    found = _first_credit(body, page, "label")
    if found[0] is None and tagged:
        return tagged[0], "tagged"
    for kind in ("gazetteer", "lead"):
        if found[0] is None:
            found = _first_credit(body, page, kind)
    return found if found[0] is not None else _first_credit(body, page, None)


def _first_credit(body: list[Credit], page: list[Credit], kind: str | None
                  ) -> tuple[str | None, str | None]:
    for credits, provenance in ((body, "body"), (page, "page")):
        for credit in credits:
            if kind is None or credit.kind == kind:
                return credit.outlet, provenance
    return None, None


def _gazetteer_credit(found: OutletCredit | None) -> Credit | None:
    """A short line naming a known outlet, whatever its label (see outlets.py)."""
    return Credit(found.outlet, found.start, found.end, "gazetteer") if found else None


def _dateline_credit(lines: list[str], lexicon: CreditLexicon) -> list[Credit]:
    """The agency of a wire dateline opening the story ("LONDON (Reuters) - …", "(AP) —",
    "Berlin (dpa) -", "新华社北京3月5日电", "（新华社）…"): a credit of kind "dateline",
    weaker than any label or phrase. The sentence stays as it is."""
    # the first non-blank lines alone, not every line of the body stripped first
    for line in islice((x.strip() for x in lines if x.strip()), DATELINE_LINES):
        match = next(filter(None, (p.match(line) for p in lexicon.datelines)), None)
        if match is None:
            continue
        name = match.group("outlet").strip()
        if not _dateline_place(line[: match.start("outlet")], lexicon):
            continue
        known = name.casefold() in lexicon.agencies
        latin_ok = name[:1].isupper() and len(name.split()) <= _MAX_DATELINE_WORDS
        if (known or latin_ok or _CJK.match(name)) and _plausible_outlet(name, lexicon):
            return [Credit(name, match.start("outlet"), match.end("outlet"), "dateline")]
    return []


def _dateline_place(before: str, lexicon: CreditLexicon) -> bool:
    """What precedes the agency is a place: nothing, capitals ("LONDON", "MADRID, 5 Jul."),
    or a word or two that does not start like a sentence ("Berlin", not "The United
    Nations (UN) - …")."""
    place = before.rstrip(" (（").split(",")[0].strip()
    if not place or place.isupper() or _CJK.search(place):
        return True
    words = place.split()
    return len(words) <= 2 and words[0].casefold() not in lexicon.preceding_words


def outlet_of_tagged_text(text: str, lexicon: CreditLexicon | None = None) -> str | None:
    """The outlet in the text of an element marked as the source: "来源：新华网" or "新华网"."""
    lexicon = lexicon or CREDITS
    text = " ".join(text.split())
    credit = find_credit(text, lexicon)
    if credit is not None:
        return credit.outlet
    found = _outlet(text, lexicon)
    if found is None or len(found[0]) < len(text) - 2:
        return None  # more than a name: a sentence or a caption
    return found[0]


def _labelled(line: str, pattern: re.Pattern[str], lexicon: CreditLexicon,
              check_word_before: bool) -> Credit | None:
    for match in pattern.finditer(line):
        if check_word_before and _prose_word_before(line, match.start("label"), lexicon):
            continue
        if match.groupdict().get("sep") and not _separator_label_ok(line, match.start("label")):
            continue  # "Source | X", "Quelle — X" open a field; inside words they are prose
        if _media_label(match.group("label"), lexicon) or _quoted(line, match.start("label")):
            continue
        outlet = _outlet(line[match.end():], lexicon)
        if outlet is not None and _label_name(outlet[0], lexicon):
            name, length = outlet
            return Credit(name, match.start("label"), match.end() + length)
    return None


def _separator_label_ok(line: str, start: int) -> bool:
    """A label followed by a bar, slash or dash instead of a colon opens the line or a field
    (nothing but brackets, separators or a date's digits before it)."""
    before = line[:start].rstrip(" \t\u3000[(（【「")
    return not before or not before[-1].isalpha() or _meta_or_nothing(before)


def _quoted(line: str, start: int) -> bool:
    """A label in quotes is mentioned, not used ("凡本网注明“来源：XXX”的作品")."""
    before = line[:start].rstrip()
    return bool(before) and before[-1] in "“\"'‘「『"


def _media_label(label: str, lexicon: CreditLexicon) -> bool:
    """"Bildquelle:", "Fotoquelle:", "Imagesource:" credit a picture, not the article."""
    return label.casefold().startswith(lexicon.media_prefixes)


def _led(line: str, lexicon: CreditLexicon, words_from: int = 0) -> Credit | None:
    """A line that is a short lead-in and a name: the lead-in holds a credit's word and ends
    with a preposition ("Originally posted on Grist", "Tomado de El Heraldo", "Nach einem
    Bericht von HNA", "Via Axios", "Selon Le Monde"), the name is capitalised, and nothing
    but meta fields stands around them. A sentence goes on after the name ("Selon Le Monde,
    la France …"), so it is never taken. ``words_from``: no lead-in word begins before it in
    the lower-cased line between two spaces."""
    if len(line) > _MAX_LED_CHARS:
        return None
    lowered = f" {line.lower()} "
    if not _holds_any(lowered, lexicon.lead_gate_finder, lexicon.lead_gate,
                      words_from):
        return None  # the cheap look first: no credit word, no byline word
    if len(line.split()) > _MAX_LED_WORDS or (
            _SENTENCE_END.search(line) and len(line.split()) > _MAX_LED_SENTENCE_WORDS):
        return None
    words = list(_LEAD_WORD.finditer(line))
    folded = [w.group(0).casefold() for w in words]
    for end, word in enumerate(folded[:-1]):
        if word not in lexicon.lead_ends:
            continue
        for start in range(max(0, end - _MAX_LEAD_WORDS + 1), end + 1):
            if (not _credit_lead(folded[start: end + 1], lexicon)
                    or ":" in line[words[start].start(): words[end].end()]  # a label's field
                    or _names_inside(words, folded, start, end, lexicon)
                    or prose_lead_in(line[words[start].start(): words[end].end()])
                    or not _meta_or_nothing(line[: words[start].start()])):
                continue
            rest = line[words[end].end():]
            article = _GOVERNED_ARTICLE.match(rest)  # "aus dem Nordsee Boten"
            skip = words[end].end() + (article.end() if article else 0)
            found = _outlet(line[skip:], lexicon)
            if found is None or not _name_shaped(found[0], lexicon):
                break  # "Published on <date> …": a date's label, perhaps a credit after it
            if start == end and word in lexicon.byline_leads and not (
                    _known(found[0], lexicon) and _WORD.search(
                        line[: words[start].start()] + line[skip + found[1]:])):
                break  # "Von Anna Schmidt" is a byline; "<date> Von ZDF" in a meta line a credit
            stop = skip + found[1]
            if not _meta_or_nothing(line[stop:]):
                return None
            return Credit(found[0], words[start].start(), stop, "lead")
    return None


def _names_inside(words: list[re.Match[str]], folded: list[str], start: int, end: int,
                  lexicon: CreditLexicon) -> bool:
    """A lead-in holds a name of its own ("Distributed by Grist Story by"): a preposition
    inside it followed by a capitalised word that is no credit word ("Mit Material von")."""
    for index in range(start, end):
        if folded[index] in lexicon.lead_ends:
            following = words[index + 1].group(0)
            if following[:1].isupper() and not following.casefold().startswith(
                    lexicon.lead_stems):
                return True
    # a capitalised word inside that is neither a credit word nor the article ("Fuente - El
    # País Editado por": the name stands inside; "Nach einem Bericht von", "Dieser Artikel")
    return any(words[i].group(0)[:1].isupper() and not folded[i].startswith(lexicon.lead_stems)
               and folded[i] not in lexicon.article_words for i in range(start + 1, end))


def _known(name: str, lexicon: CreditLexicon) -> bool:
    return name.casefold() in lexicon.agencies or is_known_outlet(name)


def _trailed(line: str, lexicon: CreditLexicon) -> Credit | None:
    """A name followed by a word that says it reports the story, alone or among meta fields:
    "Harzer Tageblatt berichtet", "Coastal Weekly reports", "滨江晚报供稿", "据滨江晚报报道"."""
    for match in lexicon.trails.finditer(line):
        head = line[: match.start()]
        if _CJK.search(match.group(0)):
            name_match = _CJK_NAME_BEFORE.search(head)
            if name_match is None:
                continue
            start, name = name_match.start(), name_match.group("name")
            if not (name.endswith(lexicon.cjk_outlet_ends) or is_known_outlet(name)):
                continue  # "最新消息", "官方消息": no outlet's name
        else:
            words = list(_TOKEN.finditer(head))
            count = 0
            while count < min(len(words), _MAX_OUTLET_WORDS) and (
                    words[-count - 1].group(0)[:1].isupper()
                    or words[-count - 1].group(0).casefold() in lexicon.name_particles):
                count += 1
            while count and words[-count].group(0).islower():
                count -= 1  # a name starts with a capital ("the" only inside it)
            if not count:
                continue
            start = words[-count].start()
            name = head[start:].strip()
        if not (_plausible_outlet(name, lexicon) and _name_shaped(name, lexicon)):
            continue
        after = line[match.end():]
        following = _WORD.search(after)
        if following and following.group(0).casefold() in lexicon.lead_ends:
            continue  # "As reported by X": the name comes after
        if len(name) <= _MIN_TRAILED_NAME and not _known(name, lexicon):
            continue
        if _meta_or_nothing(line[:start]) and _meta_or_nothing(after):
            return Credit(name, start, match.end(), "lead")
    return None


def _credit_lead(lead: list[str], lexicon: CreditLexicon) -> bool:
    if len(lead) == 1 and lead[0] in lexicon.lead_alone:
        return True  # "D'après"
    lead = [_ELISION.sub("", w) for w in lead]  # "l'autorisation" -> "autorisation"
    if len(lead) == 1:
        return lead[0] in lexicon.lead_alone or lead[0] in lexicon.byline_leads
    if lead[-1] in lexicon.lead_alone and len(lead) <= 3:
        return True  # "Story via X", "Noticia vía X"
    if any(w.startswith(lexicon.lead_stems) for w in lead[:-1]):
        return True
    return lead[-1] in lexicon.place_ends and any(
        w.startswith(lexicon.place_stems) for w in lead[:-1])


def _meta_or_nothing(text: str) -> bool:
    """Nothing but separators, meta fields, or a date with a few label words of its own
    ("Added March 11, 2021")."""
    folded = " ".join(text.split())
    text = folded.strip(_STRIP_CHARS)
    if not _WORD.search(text) or is_meta_line(text) or is_meta_line(folded.lstrip(_STRIP_CHARS)):
        return True  # (the brackets of "Anna Schmidt (dpa)" stay)
    found = find_date(text)
    if found is None:
        return False
    rest = text[: found.start] + " " + text[found.end:]
    return not _SENTENCE_END.search(rest) and len(_WORD.findall(rest)) <= _MAX_DATE_LABEL_WORDS


def _label_name(name: str, lexicon: CreditLexicon) -> bool:
    """After a label a name may be a short description ("SOURCE: News agencies"), but not a
    headline ("Unwetter sorgt für Chaos auf Autobahnen")."""
    return _name_shaped(name, lexicon) or (
        name[:1].isupper() and len(name.split()) <= _MAX_LABEL_NAME_WORDS)


def _name_shaped(name: str, lexicon: CreditLexicon) -> bool:
    """An outlet's name as a credit writes it: capitalised words (lower-case particles
    between them: "El Heraldo de México"), a domain ("ntv.de"), a lower-case agency."""
    if _CJK.search(name):
        return True
    words = name.split()
    first = words[0]
    if _CLOCK_OR_ZONE.match(name):
        return False  # "23:11 UTC Source/…": a time, no name
    if len(words) > 1 and first.casefold() in lexicon.name_particles:
        first = words[1]  # "the Guardian", "l' Obs"
    if not (first[0].isupper() or first[0].isdigit() or "." in first
            or any(ch.isupper() for ch in first[1:]) or name.casefold() in lexicon.agencies
            or is_known_outlet(name)):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in lexicon.name_particles
               or w in "&-–" for w in words[1:])


def _phrased(line: str, lexicon: CreditLexicon) -> Credit | None:
    matches = sorted([*lexicon.phrases.finditer(line), *lexicon.cjk_phrases.finditer(line)],
                     key=lambda m: m.start())
    for match in matches:
        before = line[: match.start()]
        about_article = _meta_or_nothing(before) or bool(
            {w.casefold() for w in _WORD.findall(before)} & lexicon.article_words
            or any(w in before for w in lexicon.article_words if _CJK.search(w))
        )
        if not about_article or len(_WORD.findall(line)) > _MAX_PHRASE_LINE_WORDS:
            continue
        outlet = _outlet(line[match.end():], lexicon)
        if outlet is not None and _name_shaped(outlet[0], lexicon):
            name, length = outlet
            # in a meta line ("<date> Republished with permission from X") it is the page's
            # credit, as strong as a lead-in; in a sentence about the article, a phrase
            kind = "lead" if _WORD.search(before) and _meta_or_nothing(before) else "phrase"
            return Credit(name, match.start("label"), match.end() + length, kind)
    return None


def _prose_word_before(line: str, start: int, lexicon: CreditLexicon) -> bool:
    words = _WORD.findall(line[:start][-40:])
    if not words:
        return False
    return words[-1].casefold() in lexicon.preceding_words


def _outlet(rest: str, lexicon: CreditLexicon) -> tuple[str, int] | None:
    """The outlet name at the start of ``rest`` and how many characters it spans."""
    leading = len(rest) - len(rest.lstrip(" \t:："))
    candidate = rest[leading:]
    url = _URL.match(candidate)
    if url:
        name, cut = _host_name(url.group(0)), url.end()
    else:
        cut = len(candidate)
        found = find_date(candidate)
        if found is not None:
            cut = found.start
        ran_on = False
        for pattern in (_OUTLET_END, lexicon.stop_labels, lexicon.counters, _NEXT_FIELD,
                        lexicon.role_labels):
            match = pattern.search(candidate, 1)  # the whole field, even past an earlier cut
            if match and match.start() < cut:
                cut = match.start()
                ran_on = pattern in (_NEXT_FIELD, lexicon.role_labels, lexicon.stop_labels)
        role = _first_role_word(candidate, cut, lexicon)
        if role is not None:  # "Reuters Editor", "AFP Redacción": the next field's label
            cut, ran_on = role, False  # cut at a word: the name is whole ("… Kultur Aufrufe")
        if ran_on or role is not None:  # "ABC News Page editor:": a label's first words
            cut = _without_role_words(candidate, cut, lexicon)
        if _CJK.match(candidate):
            space = _SPACE.search(candidate, 0, cut)  # CJK names hold no spaces
            cut = space.start() if space else cut
            suffix = lexicon.cjk_name_suffixes.search(candidate, 2, cut)
            cut = suffix.start() if suffix else cut  # "滨江晚报客户端" names "滨江晚报"
        name = _TRAILING_WORDS.sub("", candidate[:cut].strip()).strip(_STRIP_CHARS)
    if not _plausible_outlet(name, lexicon):
        return None
    return name, leading + len(candidate[:cut].rstrip())


def _first_role_word(candidate: str, cut: int, lexicon: CreditLexicon) -> int | None:
    """Where the first word naming a role or a counter ("Editor", "Redacción", "Consulté")
    stands after the name's first word, or ``None``."""
    first = _WORD.search(candidate, 0, cut)
    if first is None:
        return None
    found = lexicon.role_word.search(candidate, first.end(), cut)
    return found.start() if found else None


def _without_role_words(candidate: str, cut: int, lexicon: CreditLexicon) -> int:
    """Move a cut before a label back over the words that start a role's label ("Page" of
    "Page editor:", "Redaktionelle" of "Redaktionelle Bearbeitung:")."""
    words = list(_TOKEN.finditer(candidate, 0, cut))  # "ntv.de" is one token
    while len(words) > 1 and (words[-1].group(0).casefold().startswith(lexicon.role_prefixes)
                              or words[-1].group(0).casefold() in lexicon.name_particles):
        cut = words[-1].start()
        words.pop()
    return cut


def _plausible_outlet(name: str, lexicon: CreditLexicon) -> bool:
    if not name or not _WORD.search(name) or name.casefold() in lexicon.not_outlets:
        return False
    if _CLOCK_OR_ZONE.fullmatch(name.strip()):
        return False  # "14:01 UTC": a time after "at", no outlet
    if not any(ch.isalpha() for ch in name):
        return False
    if _CJK.search(name):
        return len(name) <= _MAX_CJK_OUTLET_CHARS
    return len(name) <= _MAX_OUTLET_CHARS and len(name.split()) <= _MAX_OUTLET_WORDS


def _host_name(url: str) -> str:
    host = urlsplit(url if "//" in url else "http://" + url).hostname or ""
    return host.removeprefix("www.")


def _without_credit(line: str, credit: Credit, lexicon: CreditLexicon) -> str | None:
    """``None`` when the line is only the credit and meta fields (it goes whole); the line
    without the credit when the credit is a sentence of its own at the line's end ("…
    on Friday. Source: Reuters"); else the line unchanged: a credit inside a sentence
    ("This article was originally published by Futurism.") is never cut out of it."""
    before, after = line[: credit.start], line[credit.end:]
    rest = before + " " + after
    # A phrase credit's other words are its sentence ("This article was …"); a label's
    # neighbours may be a meta line's fields ("Published on <date> source:X 2310 views").
    loose = credit.kind == "label" and _is_meta_only(rest, lexicon)
    if loose or _meta_or_nothing(rest):
        return None
    if credit.kind != "label" and _article_subject(before, lexicon) and _meta_or_nothing(after):
        return None  # "This article originally appeared on Axios.": the line is the credit
    if _SENTENCE_END.search(before) and not _WORD.search(after):
        return before.rstrip(" |｜·•,，;；-–—")
    if not _WORD.search(before) and _SENTENCE_START.match(after):
        return after.lstrip(" .!?。！？|｜·•")  # "Source: Reuters. The company said …"
    return line


def _article_subject(before: str, lexicon: CreditLexicon) -> bool:
    """The words before a credit phrase are only its subject, the article ("This article",
    "Cet article a été", "Dieser Beitrag")."""
    words = list(_WORD.finditer(before))
    folded = [w.group(0).casefold() for w in words]
    for first in range(len(words)):
        subject = folded[first:]
        if (any(w in lexicon.article_words for w in subject)
                and all(w in lexicon.article_words or w in lexicon.auxiliaries for w in subject)
                and _meta_or_nothing(before[: words[first].start()])):
            return True  # a meta line may stand before it: "Written on <date> This article …"
    return False


def _is_meta_only(rest: str, lexicon: CreditLexicon) -> bool:
    """Whether what remains is dates, labels, names of fields and separators only."""
    while (found := find_date(rest)) is not None:
        rest = rest[: found.start] + " " + rest[found.end:]
    rest = _DATE_LABELS.sub(" ", lexicon.stop_labels.sub(" ", rest))
    words = _WORD.findall(_META_FILLER.sub(" ", rest))
    cjk_chars = len(_CJK.findall(rest))
    return len(words) <= 3 and cjk_chars <= 8


def _edge_indexes(lines: list[str]) -> list[int]:
    """The first EDGE_TOP_LINES non-blank lines, then those of the last EDGE_BOTTOM_LINES that
    are not among them, by index. Each end is read from its side until enough are found,
    not every line of the body (the tail, read backwards, is the last ones in reverse)."""
    head = _filled_indexes(range(len(lines)), lines, EDGE_TOP_LINES)
    tail = _filled_indexes(range(len(lines) - 1, -1, -1), lines, EDGE_BOTTOM_LINES)[::-1]
    return head + [i for i in tail if i not in head]


def _filled_indexes(order: range, lines: list[str], count: int) -> list[int]:
    """The first ``count`` indexes, in ``order``, of non-blank lines."""
    return list(islice((i for i in order if lines[i].strip()), count))


def _middle_lines(lines: list[str]) -> frozenset[str]:
    edges = set(_edge_indexes(lines))
    return frozenset(_fold(line) for i, line in enumerate(lines) if line.strip()
                     and i not in edges)


def _apply(lines: list[str], edits: dict[int, str | None]) -> str:
    kept = [edits.get(i, line) for i, line in enumerate(lines)]
    return _tidy("\n".join(line for line in kept if line is not None))


def _edit_markdown(markdown: str, lines: list[str], edits: dict[int, str | None]) -> str:
    """Apply the text edits to the markdown lines that carry the same words."""
    if not markdown or not edits:
        return markdown
    targets = {_fold(lines[i]): replacement for i, replacement in edits.items()}
    out: list[str] = []
    for line in markdown.split("\n"):
        key = _fold(_plain_markdown(line))
        if key not in targets:
            out.append(line)
            continue
        replacement = targets[key]
        if replacement:
            out.append(line[: len(line) - len(line.lstrip("#>-*| "))] + replacement)
    return _tidy("\n".join(out))


def _plain_markdown(line: str) -> str:
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    return line.lstrip("#>-*| ").replace("**", "").replace("*", "").replace("__", "").strip()


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _fold(line: str) -> str:
    return " ".join(line.split()).casefold()


def load_credit_lexicon(text: str) -> CreditLexicon:
    """Build a :class:`CreditLexicon` from TOML text (see ``data/attribution.toml``)."""
    data = tomllib.loads(text)
    labels = _flatten(data["labels"])
    latin = [x for x in labels if not _CJK.search(x)]
    cjk = [x for x in labels if _CJK.search(x)]
    bare = _flatten(data["bare_labels"])
    phrases = _flatten(data["phrases"])
    latin_phrases = [x for x in phrases if not _CJK.search(x)]
    cjk_phrases = [x for x in phrases if _CJK.search(x)]
    stops = _flatten(data["stop_labels"])
    # any word holding a source's stem is a label ("Nachrichtenquelle:", "Quellenangabe:"),
    # perhaps with a few words of its own before the colon ("Fuente de la noticia:")
    stems = "|".join(re.escape(x) for x in data["label_stems"]["stems"])
    tails = _alternation(data["label_stems"]["tail_words"])
    stem_label = (rf"[^\W\d_]*(?:{stems})[^\W\d_]*(?:\s+(?:{tails})(?!\w)){{0,3}}"
                  rf"(?=\s*[:：])|[^\W\d_]*(?:{stems})[^\W\d_]*")
    leads = data["leads"]
    trails = leads["trails"]
    latin_stops = [x for x in stops if not _CJK.search(x)]
    cjk_stops = [x for x in stops if _CJK.search(x)]
    phrase_anchors = tuple(sorted({_anchor(p) for p in phrases}))
    label_words = _label_words([*latin, *data["label_stems"]["stems"]])
    trail_words = _label_words(trails)
    lead_gate = tuple(sorted({*(w.lower() for w in (*leads["stems"], *leads["place_stems"],
                                                      *leads["alone"])),
                              *(f" {w.lower()} " for w in leads["byline"])}))
    gate = _credit_word_finder(phrase_anchors, label_words, lead_gate, trail_words)
    return CreditLexicon(
        latin_labels=re.compile(
            rf"(?<!\w)(?P<label>{_alternation(latin)}|{stem_label})"
            rf"\s*(?:[:：]|(?P<sep>[|｜/／»›·•]|[—–]+|-+(?=\s)))\s*", re.IGNORECASE),
        cjk_labels=re.compile(rf"(?P<label>{_CJK_LABEL_HEAD}(?:{_alternation(cjk)}))"
                              rf"\s*(?:[:：]|(?P<sep>[|｜/／丨】\]]))\s*"),
        bare_labels=re.compile(rf"(?:^|(?<=[\s|｜\]】）)]))(?P<label>{_alternation(bare)})"
                               rf"[ \t\u3000]+(?=\S)"),
        phrases=re.compile(
            rf"(?<!\w)(?P<label>{_alternation(latin_phrases)})(?!\w)\s*[:：]?\s*", re.IGNORECASE
        ),
        cjk_phrases=re.compile(rf"(?P<label>{_alternation(cjk_phrases)})\s*[:：]?\s*"),
        article_words=frozenset(w.casefold() for w in data["article_words"]["words"]),
        not_outlets=frozenset(w.casefold() for w in data["not_outlets"]["words"]),
        preceding_words=frozenset(w.casefold() for w in data["preceding_words"]["words"]),
        stop_labels=re.compile(
            rf"(?:(?<!\w)(?:{_alternation(latin_stops)})(?!\w)"
            rf"(?=(?:\s+[^\s:：]+){{0,2}}\s*[:：]|\s+\d)"
            rf"|(?:{_alternation(cjk_stops)}))",
            re.IGNORECASE,
        ),
        counters=re.compile(
            rf"\s*(?:(?:{_alternation(data['counters']['leads'])})\s+)?"
            rf"\d[\d,.\s]*\s*(?:{_alternation(data['counters']['words'])})(?!\w)",
            re.IGNORECASE,
        ),
        phrase_anchors=phrase_anchors,
        datelines=tuple(re.compile(p) for p in data["datelines"]["patterns"]),
        agencies=frozenset(w.casefold() for w in data["datelines"]["agencies"]),
        lead_ends=frozenset(w.casefold() for w in leads["ends"]),
        lead_alone=frozenset(w.casefold() for w in leads["alone"]),
        byline_leads=frozenset(w.casefold() for w in leads["byline"]),
        cjk_outlet_ends=tuple(leads["cjk_outlet_ends"]),
        cjk_name_suffixes=re.compile(
            rf"(?:{_alternation(leads['cjk_name_suffixes'])})(?=$|[\s（(【\[|｜，,。])",
            re.IGNORECASE),
        trails=re.compile(
            rf"(?:(?<=\s)(?:{_alternation([x for x in trails if not _CJK.search(x)])})(?!\w)"
            rf"|(?<=[\u4e00-\u9fff])(?:{_alternation([x for x in trails if _CJK.search(x)])}))"
            r"\s*[.。]?", re.IGNORECASE),
        lead_stems=tuple(w.casefold() for w in leads["stems"]),
        place_stems=tuple(w.casefold() for w in leads["place_stems"]),
        place_ends=frozenset(w.casefold() for w in leads["place_ends"]),
        name_particles=frozenset(w.casefold() for w in leads["name_particles"]),
        media_prefixes=tuple(w.casefold() for w in data["label_stems"]["media_prefixes"]),
        auxiliaries=frozenset(w.casefold() for w in data["article_words"]["auxiliaries"]),
        role_labels=re.compile(
            rf"\s[^\W\d_]*(?:{'|'.join(re.escape(x) for x in data['roles']['stems'])})"
            r"[^\W\d_]*\.?\s?[:：]", re.IGNORECASE),
        role_prefixes=tuple(w.casefold() for w in data["roles"]["prefixes"]),
        role_word=re.compile(
            rf"(?<![^\W\d_])[^\W\d_]*?(?:{'|'.join(re.escape(x) for x in data['roles']['stems'])})",
            re.IGNORECASE),
        lead_gate=lead_gate,
        # (found by their rarest characters: only whether they are found matters)
        phrase_anchor_finder=_rare_letter_search(phrase_anchors),
        lead_gate_finder=_rare_letter_search(lead_gate),
        latin_label_words=None if label_words is None else _rare_letter_search(label_words),
        trail_words=None if trail_words is None else _rare_letter_search(trail_words),
        credit_word_finder=gate[0] if gate else None,
        credit_word_reach=gate[1] if gate else 0,
    )


def _label_words(labels: list[str]) -> frozenset[str] | None:
    """The longest word of each label (or stem, or trailing word), lower case, for
    :func:`_case_blind_word`; ``None`` (no shortcut) when a word holds a character whose
    case re and str.lower() could see differently."""
    words = frozenset(max(label.lower().split(), key=len) for label in labels)
    if any(not _RE_CASE_SAFE.fullmatch(word) for word in words):
        return None
    return words


# What the case twins become in a line's lower case ("İ" two characters, the second a
# combining dot): a line holding one is looked at by every scan, which map the twins first.
_CASE_TWINS_LOWERED = ("\u0307", "ı", "ſ")


def _credit_word_finder(phrase_anchors: tuple[str, ...], label_words: frozenset[str] | None,
                        lead_gate: tuple[str, ...], trail_words: frozenset[str] | None
                        ) -> tuple[re.Pattern[str], int] | None:
    """One finder for every word list a Latin scan needs one of (see
    :func:`_first_credit_word`), and its reach (see :func:`_rare_letter_finder`). Searched
    in the lowered line between two spaces: the lead gate's byline words carry their
    spaces, the other words none, so each is found there exactly when its own scan finds it.
    ``None`` when a list has no finder."""
    if label_words is None or trail_words is None:
        return None
    return _rare_letter_finder([*phrase_anchors, *label_words, *lead_gate, *trail_words,
                                *_CASE_TWINS_LOWERED])


# Characters from the most to the least common in European text (a generic ranking; any
# other character, digits, accents and punctuation included, counts as rarer still).
_COMMON_CHARACTERS = " etaoinsrhldcumfpgwybvkxjqz"


def _rare_letter_finder(words: list[str]) -> tuple[re.Pattern[str], int]:
    """A pattern whose ``search`` finds a text exactly when it holds one of ``words``, and
    how far into a word it matches at most. Each word is matched at its rarest character,
    then checked behind ("u(?<=sou)rce" for "source"): re skips in C the places whose
    character starts no word, and a rare character leaves most places to skip (a search
    for the words from their first characters stops at nearly every letter). A match is
    where the rarest character of a word found stands: no word found has its own before."""
    by_letter: dict[str, list[str]] = {}
    reach = 0
    for word in sorted(set(words)):
        at = _rarest_index(word)
        reach = max(reach, at)
        behind = f"(?<={re.escape(word[: at + 1])})" if at else ""
        by_letter.setdefault(word[at], []).append(behind + re.escape(word[at + 1:]))
    branches = [re.escape(letter) + "(?:" + "|".join(rests) + ")"
                for letter, rests in sorted(by_letter.items())]
    return re.compile("|".join(branches)), reach


def _rare_letter_search(words: Iterable[str]) -> re.Pattern[str] | None:
    """:func:`_rare_letter_finder`'s pattern, for whether a text holds one of ``words``;
    ``None`` for none. Searched from a position before which no word begins, it answers
    as from the start (it may find a word begun before any other position)."""
    listed = list(words)
    return _rare_letter_finder(listed)[0] if listed else None


def _rarest_index(word: str) -> int:
    """Where the rarest character of ``word`` is (the first of the rarest)."""
    def commonness(index: int) -> int:
        found = _COMMON_CHARACTERS.find(word[index])
        return len(_COMMON_CHARACTERS) - (len(_COMMON_CHARACTERS) if found < 0 else found)

    return min(range(len(word)), key=commonness)


# Lower-case Latin letters (ASCII and Latin-1, "ß" aside), plain punctuation and caseless CJK:
# for these re's IGNORECASE and str.lower() agree, given _RE_CASE_TWINS.
_RE_CASE_SAFE = re.compile(r"[a-z\u00e0-\u00f6\u00f8-\u00ff'’.&\u3040-\u30ff\u3400-\u9fff-]+")


def _anchor(phrase: str) -> str:
    """The longest word of a phrase (the whole phrase in CJK), to test lines cheaply."""
    return max(phrase.lower().split(), key=len)


def _flatten(by_language: dict[str, list[str]]) -> list[str]:
    return sorted({x for values in by_language.values() for x in values}, key=len, reverse=True)


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in
                    sorted(phrases, key=len, reverse=True))


def _load_default() -> CreditLexicon:
    text = resources.files("extractors").joinpath("data/attribution.toml").read_text("utf-8")
    return load_credit_lexicon(text)


CREDITS: CreditLexicon = _load_default()
_DATE_LABELS = re.compile(
    rf"(?<!\w)(?:{_alternation([x for x, _ in DATES.published_labels + DATES.modified_labels])})"
    rf"(?!\w)",
    re.IGNORECASE,
)


def attribution_provenance(attribution: Attribution) -> tuple[tuple[str, str], ...]:
    """``(("original_source", "body"|"page"),)`` when a credit was found, else ``()``."""
    if attribution.original_source is None or attribution.provenance is None:
        return ()
    return (("original_source", attribution.provenance),)
