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
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from .dates import DATES, find_date
from .lexicon import DEFAULT_LEXICON, fold_line
from .metafields import is_meta_line
from .outlets import OutletCredit, edge_outlet_credits, known_outlet_prefix, page_outlet_credits

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
_WORD = re.compile(r"[^\W_]+")
# Where an outlet name ends inside a longer line.
_OUTLET_END = re.compile(
    r"\s*(?:[|｜;；，。、·•\\(\[（【「《<>»«]|,\s|,$|\s{2,}|\s[-–—/]\s|(?<=\w{3})[.!?](?:\s|$)"
    r"|\s(?:and|und|y|et|with|mit|con|avec|where|which|under|here)\s(?=[a-zà-ÿ])|\svia\s)"
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
    has_colon = ":" in line or "：" in line
    has_cjk = _CJK.search(line) is not None
    lowered = line.lower()
    has_phrase = any(anchor in lowered for anchor in lexicon.phrase_anchors)
    found = []
    if has_colon:
        found.append(_labelled(line, lexicon.latin_labels, lexicon, check_word_before=True))
        if has_cjk:
            found.append(_labelled(line, lexicon.cjk_labels, lexicon, check_word_before=False))
    if has_cjk:
        found.append(_labelled(line, lexicon.bare_labels, lexicon, check_word_before=False))
    if has_phrase:
        found.append(_phrased(line, lexicon))
    # "Fuente: pequeño | mediano | grande", alone or at the end of a meta line, names no outlet
    candidates = [credit for credit in found
                  if credit is not None and not _font_size_switch(line[credit.start:])]
    return min(candidates, key=lambda c: c.start) if candidates else None


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
                         lexicon: CreditLexicon | None = None) -> Attribution:
    """Find the credited outlet; take credit lines out of the body's edges.

    ``page_lines`` are the page's short meta lines (see :mod:`extractors.metalines`), used
    when the body itself carries no credit; ``tagged_outlets`` the texts of elements the
    page marks as the source (``class="source"``), used when no line carries a label.
    """
    lexicon = lexicon or CREDITS
    lines = text.split("\n")
    body_credits: list[Credit] = []
    edits: dict[int, str | None] = {}  # line index -> replacement (None: drop the line)
    taken: dict[int, str] = {}  # line index -> the text taken out of it
    edge = _edge_indexes(lines)
    lexical = {i: find_credit(lines[i].strip(), lexicon) for i in edge}
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
    middle = _middle_lines(lines)
    page_credits = []
    page_outlets = page_outlet_credits(page_lines)
    for line in page_lines:
        if _fold(line) in middle:
            continue  # a caption or chart credit inside the article, not the copy's credit
        credit = find_credit(line, lexicon) or _gazetteer_credit(page_outlets.get(line))
        # A meta line is short, or starts with its credit; a long caption ending in
        # "(Source: NASA)" credits a picture.
        if credit is not None and (len(line) <= PAGE_LINE_CHARS or credit.start == 0):
            page_credits.append(credit)
    dateline = _dateline_credit(lines, lexicon)
    outlet, provenance = _best_outlet(body_credits + dateline, page_credits, tagged_outlets)
    if not edits:
        return Attribution(outlet, text, markdown, (), provenance)
    new_text = _apply(lines, edits)
    removed = tuple(taken[i] for i in sorted(taken))
    return Attribution(outlet, new_text, _edit_markdown(markdown, lines, edits), removed,
                       provenance)


def _best_outlet(body: list[Credit], page: list[Credit], tagged: tuple[str, ...]
                 ) -> tuple[str | None, str | None]:
    """A labelled credit ("source: X", the copier's own) beats an element marked as the
    source, which beats a phrase in the story's text ("Originally published on Y"); the
    body's edges beat the rest of the page. A gazetteer credit ("Via Reuters": a label the
    lexicon lacks) comes after the element, before the phrases."""
    found = _first_credit(body, page, "label")
    if found[0] is None and tagged:
        return tagged[0], "tagged"
    if found[0] is None:
        found = _first_credit(body, page, "gazetteer")
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
    for line in [x.strip() for x in lines if x.strip()][:DATELINE_LINES]:
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
        outlet = _outlet(line[match.end():], lexicon)
        if outlet is not None:
            name, length = outlet
            return Credit(name, match.start("label"), match.end() + length)
    return None


def _phrased(line: str, lexicon: CreditLexicon) -> Credit | None:
    matches = sorted([*lexicon.phrases.finditer(line), *lexicon.cjk_phrases.finditer(line)],
                     key=lambda m: m.start())
    for match in matches:
        before = line[: match.start()]
        cjk_phrase = bool(_CJK.search(match.group("label")))
        about_article = cjk_phrase or not _WORD.search(before) or bool(
            {w.casefold() for w in _WORD.findall(before)} & lexicon.article_words
            or any(w in before for w in lexicon.article_words if _CJK.search(w))
        )
        if not about_article or len(_WORD.findall(line)) > _MAX_PHRASE_LINE_WORDS:
            continue
        outlet = _outlet(line[match.end():], lexicon)
        if outlet is not None:
            name, length = outlet
            return Credit(name, match.start("label"), match.end() + length, "phrase")
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
        for pattern in (_OUTLET_END, lexicon.stop_labels, lexicon.counters, _NEXT_FIELD):
            match = pattern.search(candidate, 1, cut)
            if match:
                cut = match.start()
        if _CJK.match(candidate):
            space = _SPACE.search(candidate, 0, cut)  # CJK names hold no spaces
            cut = space.start() if space else cut
        name = _TRAILING_WORDS.sub("", candidate[:cut].strip()).strip(_STRIP_CHARS)
        name = known_outlet_prefix(name)  # "Le Parisien Nombre" -> "Le Parisien"
    if not _plausible_outlet(name, lexicon):
        return None
    return name, leading + len(candidate[:cut].rstrip())


def _plausible_outlet(name: str, lexicon: CreditLexicon) -> bool:
    if not name or not _WORD.search(name) or name.casefold() in lexicon.not_outlets:
        return False
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
    if loose or not _WORD.search(rest) or is_meta_line(rest):
        return None
    if _SENTENCE_END.search(before) and not _WORD.search(after):
        return before.rstrip(" |｜·•,，;；-–—")
    if not _WORD.search(before) and _SENTENCE_START.match(after):
        return after.lstrip(" .!?。！？|｜·•")  # "Source: Reuters. The company said …"
    return line


def _is_meta_only(rest: str, lexicon: CreditLexicon) -> bool:
    """Whether what remains is dates, labels, names of fields and separators only."""
    while (found := find_date(rest)) is not None:
        rest = rest[: found.start] + " " + rest[found.end:]
    rest = _DATE_LABELS.sub(" ", lexicon.stop_labels.sub(" ", rest))
    words = _WORD.findall(_META_FILLER.sub(" ", rest))
    cjk_chars = len(_CJK.findall(rest))
    return len(words) <= 3 and cjk_chars <= 8


def _edge_indexes(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    head, tail = filled[:EDGE_TOP_LINES], filled[-EDGE_BOTTOM_LINES:]
    return head + [i for i in tail if i not in head]


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
    latin_stops = [x for x in stops if not _CJK.search(x)]
    cjk_stops = [x for x in stops if _CJK.search(x)]
    return CreditLexicon(
        latin_labels=re.compile(rf"(?<!\w)(?P<label>{_alternation(latin)})\s*[:：]\s*",
                                re.IGNORECASE),
        cjk_labels=re.compile(rf"(?P<label>{_alternation(cjk)})\s*[:：]\s*"),
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
            rf"\s*\d[\d,.\s]*\s*(?:{_alternation(data['counters']['words'])})(?!\w)",
            re.IGNORECASE,
        ),
        phrase_anchors=tuple(sorted({_anchor(p) for p in phrases})),
        datelines=tuple(re.compile(p) for p in data["datelines"]["patterns"]),
        agencies=frozenset(w.casefold() for w in data["datelines"]["agencies"]),
    )


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
