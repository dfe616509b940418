"""What the page says about itself: its headline, its own name and its section.

All three turn up as lines of the extracted body (the headline above the story, the site's
name as logo text or in the footer, the section's name as a kicker above the headline) and
none is article text: the record carries the title in its own field. Read from the parsed
page before trafilatura runs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from .metalines import PageScan
from .record import RemovedText
from .regex_literals import required_literals
from .structure import Block
from .structure_lists import text_before
from .titles import TITLE_RULES

# The <meta> names each fact is read from (the attribute must equal one of these exactly).
_TITLE_METAS = frozenset({("property", "og:title"), ("name", "twitter:title"), ("name", "title"),
                          ("property", "twitter:title")})
_SITE_NAME_METAS = frozenset({("property", "og:site_name"), ("name", "application-name"),
                              ("name", "apple-mobile-web-app-title"), ("name", "twitter:site")})
_SECTION_METAS = frozenset({("property", "article:section"), ("name", "article:section"),
                            ("name", "section"), ("property", "og:section"),
                            ("name", "category")})
_TEXT_NODES = etree.XPath(".//text()", smart_strings=False)
_MAX_TITLE_H1S = 3  # the first <h1>s of the page may hold the headline
# "Headline | Site", "Headline_Site", "Headline,Outlet" (a comma with no space after it,
# between letters: "1,000" and "Paris, France" stay whole).
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»·•]\s+|\s*[_｜]\s*|\s+::\s+|(?<=[^\d\s]),(?=[^\d\s])")
_MIN_TITLE_CHARS = 12  # a shorter "headline" ("Home", "News", "体育") is a section name
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_PROSE_CHARS = 150  # a line this long (CJK counted thrice) is prose: the lead is over
_MAX_TITLE_PIECES = 8  # spans of pieces are tried; a "title" cut into more is a menu
_WORD = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_TRAILING_NUMBER = re.compile(r"\d+$")
# Host labels that never name a site: "www.", "m.", and second-level public suffixes.
_HOST_NOISE = frozenset({"www", "m", "amp", "mobile", "news", "co", "com", "org", "net", "gov",
                         "ac", "edu", "ne", "or"})
_MIN_HOST_NAME = 5  # shorter host names ("bbc", "cnn") are too easily a word of the story
_MAX_SITE_NAME = 60


@dataclass(frozen=True)
class PageFacts:
    titles: frozenset[str] = frozenset()  # headline keys (title_key)
    site_names: frozenset[str] = frozenset()  # site-name keys (site_key)
    sections: frozenset[str] = frozenset()  # section-name keys (site_key) the page shows

    def is_title(self, line: str) -> bool:
        return bool(self.titles) and title_key(line) in self.titles

    def is_site_name(self, line: str) -> bool:
        if not self.site_names or len(line) > _MAX_SITE_NAME:
            return False
        key = site_key(line)
        return bool(key) and (key in self.site_names
                              or _TRAILING_NUMBER.sub("", key) in self.site_names)


def page_facts(tree: lxml_html.HtmlElement, url: str | None,
               scan: PageScan | None = None) -> PageFacts:
    """The page's facts; ``scan``: the metadata's walk of this same tree, still unchanged
    (:func:`extractors.metalines.scan_page`), whose notes spare two walks of the page."""
    from_scan = scan is not None and scan.body is not None
    marks = _scanned_landmarks(tree, scan) if from_scan else _landmarks(tree)
    body = _scanned_body_marks(scan) if from_scan else None
    titles: set[str] = set()
    parts: list[str] = []
    # A text read twice (the <title>, og:title and the <h1> are mostly one headline) adds
    # nothing the first reading did not: its keys and parts fill sets.
    for text in dict.fromkeys(_title_texts(marks)):
        pieces = _title_pieces(text)
        titles.update(key for span in _spans(text, pieces)
                      if _title_length(key := title_key(span)) >= _MIN_TITLE_CHARS)
        if len(pieces) > 1:  # "Headline | Site": every part but the headline may be the site
            longest = max(pieces, key=lambda p: p[1] - p[0])
            parts.extend(text[a:b] for a, b in pieces if (a, b) != longest)
    site_names = _meta_contents(marks.metas, _SITE_NAME_METAS)
    names = {site_key(n) for n in (*site_names, *parts) if len(n) <= _MAX_SITE_NAME}
    names.update(_host_names(url))
    return PageFacts(frozenset(titles), frozenset(n for n in names if n),
                     section_names(tree, url, frozenset(titles), landmarks=marks,
                                   body_marks=body))


@dataclass(frozen=True)
class _Landmarks:
    """The elements the page facts are read from, found in one walk of the document by tag
    (in C): the XPaths this replaced ("//meta[...]", "(//h1)[...]", "//body//nav",
    "//head/title") each walked every node of the page again."""

    head_titles: tuple[etree._Element, ...]  # <title> elements right inside <head>
    metas: tuple[tuple[str | None, str | None, str], ...]  # (property, name, content)
    h1s: tuple[etree._Element, ...]  # every <h1>, in document order
    body_h1s: tuple[etree._Element, ...]  # the <h1>s inside <body>
    body_navs: tuple[etree._Element, ...]  # the <nav>s inside <body>


def _landmarks(tree: lxml_html.HtmlElement) -> _Landmarks:
    titles, metas, h1s, body_h1s, navs = [], [], [], [], []
    # "//x" starts at the document's root, whichever element the tree is given as.
    for element in tree.getroottree().getroot().iter("title", "meta", "h1", "nav"):
        tag = element.tag
        if tag == "meta":
            content = element.get("content")
            if content is not None:
                metas.append((element.get("property"), element.get("name"), content))
        elif tag == "h1":
            h1s.append(element)
            if _in_body(element):
                body_h1s.append(element)
        elif tag == "nav":
            if _in_body(element):
                navs.append(element)
        elif (parent := element.getparent()) is not None and parent.tag == "head":
            titles.append(element)
    return _Landmarks(tuple(titles), tuple(metas), tuple(h1s), tuple(body_h1s), tuple(navs))


def _scanned_landmarks(tree: lxml_html.HtmlElement, scan: PageScan) -> _Landmarks:
    """What :func:`_landmarks` finds, from the elements ``scan`` noted (its ``body`` is
    the document's only <body>, so "inside a <body>" is "inside it")."""
    titles = tuple(title for title in scan.elements(tree, "title")
                   if (parent := title.getparent()) is not None and parent.tag == "head")
    metas = tuple((meta.get("property"), meta.get("name"), content)
                  for meta in scan.elements(tree, "meta")
                  if (content := meta.get("content")) is not None)
    navs = tuple(nav for nav in scan.elements(tree, "nav") if _in_body(nav))
    return _Landmarks(titles, metas, tuple(scan.elements(tree, "h1")), scan.headlines, navs)


def _in_body(element: etree._Element) -> bool:
    """Whether a <body> holds ``element`` (an XPath "//body//x" step)."""
    return next(element.iterancestors("body"), None) is not None


def _meta_contents(metas: tuple[tuple[str | None, str | None, str], ...],
                   wanted: frozenset[tuple[str, str | None]]) -> list[str]:
    return [content for prop, name, content in metas
            if ("property", prop) in wanted or ("name", name) in wanted]


def _title_texts(marks: _Landmarks) -> list[str]:
    """The texts a headline is read from: the ``<title>``'s text nodes, the title metas,
    and the first ``<h1>``s of the page (in no particular order: they fill sets)."""
    texts = [text for title in marks.head_titles for text in _TEXT_NODES(title)]
    texts.extend(_meta_contents(marks.metas, _TITLE_METAS))
    texts.extend(h1.text_content() for h1 in marks.h1s[:_MAX_TITLE_H1S])
    return texts


def _separator_marks(*patterns: re.Pattern[str]) -> re.Pattern[str] | None:
    """A search for the characters one of which every match of ``patterns`` holds (the
    first characters of their required literals), or ``None`` when one cannot tell."""
    literals = [required_literals(pattern) for pattern in patterns]
    if not all(literals):  # None: cannot tell; an empty set would be no better
        return None
    firsts = sorted({literal[0] for found in literals for literal in found})
    return re.compile("[" + "".join(map(re.escape, firsts)) + "]")


# A title holding no separator mark is one piece: the two separator searches, which try
# each of their branches at every character, are not made (on ~40% of the title texts).
_SEPARATOR_MARKS = _separator_marks(_TITLE_SEPARATORS, TITLE_RULES.separators)


def _title_pieces(text: str) -> list[tuple[int, int]]:
    """Where the parts of a ``<title>`` are: split at this module's separators and at the
    title rules' ("Headline--Site", "标题-新浪网"), as (start, end) offsets."""
    if _SEPARATOR_MARKS is not None and _SEPARATOR_MARKS.search(text) is None:
        return [(0, len(text))] if text.strip() else []  # what no cut leaves below
    cuts = sorted(m.span() for rx in (_TITLE_SEPARATORS, TITLE_RULES.separators)
                  for m in rx.finditer(text) if m.end() > m.start())
    pieces, start = [], 0
    for cut_start, cut_end in cuts:
        if cut_start >= start:
            pieces.append((start, cut_start))
        start = max(start, cut_end)
    pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def _spans(text: str, pieces: list[tuple[int, int]]) -> list[str]:
    """The whole text and every run of adjacent pieces: a headline may itself hold a
    separator ("Jazz en grange : le festival affiche complet - Le Courrier")."""
    if len(pieces) > _MAX_TITLE_PIECES:
        return [text, *(text[a:b] for a, b in pieces)]
    return [text, *(text[pieces[i][0]:pieces[j][1]]
                    for i in range(len(pieces)) for j in range(i, len(pieces)))]


def _title_length(key: str) -> int:
    """Length with each CJK character counted twice: "百年老茶馆重新开门迎客" is a
    headline, "体育新闻" a section."""
    return len(key) + len(_CJK.findall(key))


def title_key(text: str) -> str:
    """A headline compared on its words only: case, punctuation and spacing ignored."""
    return " ".join(_WORD.findall(text)).lower()


def site_key(text: str) -> str:
    """A site name compared on letters and digits only ("Info Direct" == "InfoDirect")."""
    return _NOT_ALNUM.sub("", str(text).lstrip("@")).lower()


def _host_names(url: str | None) -> set[str]:
    host = urlsplit(url).hostname if url else None
    if not host:
        return set()
    labels = [x for x in host.split(".")[:-1] if x not in _HOST_NOISE]
    return {site_key(x) for x in labels[-1:] if len(x) >= _MIN_HOST_NAME}


@dataclass(frozen=True)
class SectionLabelRule:
    max_words: int = 3
    max_chars: int = 40
    max_cjk_chars: int = 8
    sentence_marks: str = ".!?;,:。！？；，："
    class_prefixes: tuple[str, ...] = ()
    sentence_mark_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentence_mark_set", frozenset(self.sentence_marks))


def _load_section_rule() -> SectionLabelRule:
    text = resources.files("extractors").joinpath("data/structure.toml").read_text("utf-8")
    spec = dict(tomllib.loads(text).get("section_label", {}))
    spec["class_prefixes"] = tuple(spec.get("class_prefixes", ()))
    try:
        return SectionLabelRule(**spec)
    except TypeError as exc:
        raise ValueError(f"extractors/data/structure.toml [section_label]: {exc}") from exc


SECTION_RULE: SectionLabelRule = _load_section_rule()
_MAX_HEADLINE_SEARCH = 300  # the headline is near the top: later text nodes are not read
_MIN_FOLDER_CHARS = 3  # "/a/", "/p/": a URL scheme's letter, not a section
_LONG_TEXT_NODES = etree.XPath("//body//text()[string-length(normalize-space(.)) >= 6]"
                               "[not(parent::script or parent::style)]", smart_strings=True)
_LINK_TEXTS = etree.XPath(".//a//text()", smart_strings=False)


def _substring_needles(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The prefixes a class or id value is searched for as substrings (a cheap first cut:
    :func:`_has_class_prefix` checks that a word of it starts with one)."""
    # A prefix that holds another one adds nothing to a substring test ("rubri" has "rub").
    return tuple(p for p in prefixes if not any(q != p and q in p for q in prefixes))


_SECTION_NEEDLES = _substring_needles(SECTION_RULE.class_prefixes)
# One XPath for the three attributes read in <body>: each "//body//@x" walks every node.
_BODY_ATTRIBUTES = etree.XPath("//body//@class | //body//@id | //body//@role")
_JOIN = "\0"  # no attribute value holds a NUL (libxml2's strings end at one)


@dataclass(frozen=True)
class _BodyMarks:
    section_boxes: tuple[etree._Element, ...]  # class or id holds a section prefix
    menus: tuple[etree._Element, ...]  # role="navigation", below <body>


def _body_marks(tree: lxml_html.HtmlElement) -> _BodyMarks:
    """The section-class elements (in document order, each once) and the menus of <body>.

    The values are joined into one string and searched with str.find: a regex alternation
    of the ten prefixes tries each at every character (it cost more than the XPath), and
    a search per value more still. An element's attributes come together, so a repeat is
    the last one found.
    """
    values = _BODY_ATTRIBUTES(tree)
    joined = _JOIN.join(values)
    boxes: list[etree._Element] = []
    for index in _indexes_holding(joined, _SECTION_NEEDLES):
        value = values[index]
        if value.attrname != "role":
            element = value.getparent()
            if not boxes or boxes[-1] is not element:
                boxes.append(element)
    menus = tuple(element for value in _values_holding(values, joined, ("navigation",))
                  if value == "navigation" and value.attrname == "role"
                  and _in_body(element := value.getparent()))  # "//body/descendant::*"
    return _BodyMarks(tuple(boxes), menus)


def _scanned_body_marks(scan: PageScan) -> _BodyMarks:
    """What :func:`_body_marks` finds, from the class and id values and the menus the
    metadata's walk noted (the XPath's role values never make a section box)."""
    boxes: list[etree._Element] = []
    owners = scan.owners
    for index in _indexes_holding(_JOIN.join(scan.names), _SECTION_NEEDLES):
        element = owners[index]
        if not boxes or boxes[-1] is not element:  # its class and its id both hold one
            boxes.append(element)
    return _BodyMarks(tuple(boxes), scan.menus)


def _values_holding(values: list[str], joined: str, needles: tuple[str, ...]) -> list[str]:
    """The values (joined by ``_JOIN`` into ``joined``) that hold one of ``needles``, in
    order, each once."""
    return [values[index] for index in _indexes_holding(joined, needles)]


def _indexes_holding(joined: str, needles: tuple[str, ...]) -> list[int]:
    """Where the values joined by ``_JOIN`` into ``joined`` that hold one of ``needles``
    are in their list, in order, each once. A value is found by counting the separators
    before a match."""
    starts = sorted(at for needle in needles for at in _occurrences(joined, needle))
    found: list[int] = []
    index, counted_to = 0, 0
    for start in starts:
        index += joined.count(_JOIN, counted_to, start)
        counted_to = start
        if not found or found[-1] != index:
            found.append(index)
    return found


def _occurrences(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _section_class_elements(tree: lxml_html.HtmlElement) -> list[etree._Element]:
    """Elements whose class or id holds a section prefix, in document order, each once."""
    return list(_body_marks(tree).section_boxes)


_CLASS_WORDS = re.compile(r"[\s_-]+")
_MAX_SECTION_BOX_CHARS = 200  # a breadcrumb or a kicker, not a container of the story


def _has_class_prefix(element: etree._Element, prefixes: tuple[str, ...]) -> bool:
    words = _CLASS_WORDS.split(f"{element.get('class', '')} {element.get('id', '')}".lower())
    return any(word.startswith(prefixes) for word in words if word)


def section_names(tree: lxml_html.HtmlElement, url: str | None,
                  titles: frozenset[str] = frozenset(),
                  rule: SectionLabelRule = SECTION_RULE,
                  landmarks: _Landmarks | None = None,
                  body_marks: _BodyMarks | None = None) -> frozenset[str]:
    """Keys (``site_key``) of the short names the page gives its section."""
    marks = landmarks or _landmarks(tree)
    body = body_marks or _body_marks(tree)
    names: list[str] = _meta_contents(marks.metas, _SECTION_METAS)
    names.extend(_menu_links(marks, body))
    for element in body.section_boxes:
        if not _has_class_prefix(element, rule.class_prefixes) \
                or len(box := element.text_content()) > _MAX_SECTION_BOX_CHARS:
            continue
        names.extend(element.itertext())  # a breadcrumb's links one by one
        names.append(box)
    headline = _headline_element(tree, titles, marks)
    if headline is not None:
        names.append(text_before(headline))
    names.extend(_url_folders(url))
    # Menus and breadcrumbs repeat their links: each distinct text is judged once.
    return frozenset(key for name in set(map(str, names))
                     if is_label_shaped(name, rule) and (key := site_key(name)))


def _menu_links(marks: _Landmarks, body: _BodyMarks) -> list[str]:
    """The link texts of the body's <nav>s and role="navigation" boxes (repeats allowed:
    they fill a set)."""
    return [text for menu in (*marks.body_navs, *body.menus) for text in _LINK_TEXTS(menu)]


def is_label_shaped(text: str, rule: SectionLabelRule = SECTION_RULE) -> bool:
    """One to a few words with no sentence punctuation: a name, not a sentence."""
    words = str(text).split()
    if not words or len(words) > rule.max_words:  # most menu texts stop here, before a join
        return False
    text = " ".join(words)
    if len(text) > rule.max_chars or not rule.sentence_mark_set.isdisjoint(text):
        return False
    if any(map(str.isdigit, text)):
        return False  # a date or a count, not a name
    if _CJK.search(text) is None:
        return True
    return len(_CJK.findall(text)) <= rule.max_cjk_chars


def _headline_element(tree: lxml_html.HtmlElement, titles: frozenset[str],
                      marks: _Landmarks) -> etree._Element | None:
    """The element of the body whose whole text is the headline: an ``<h1>``, or else the
    widest element around the first text node that reads as the headline."""
    if not titles:
        return None
    for element in marks.body_h1s:
        if title_key(element.text_content()) in titles:
            return element
    longest = max(len(t) for t in titles) * 2 + 20
    for node in _LONG_TEXT_NODES(tree)[:_MAX_HEADLINE_SEARCH]:
        if len(node) <= longest and title_key(node) in titles:
            element = node.getparent()
            while (parent := element.getparent()) is not None and parent.tag != "body" \
                    and title_key(parent.text_content()) == title_key(node):
                element = parent
            return element
    return None


def _url_folders(url: str | None) -> list[str]:
    """The folders of the URL's path ("/vie-locale/story" gives "vie-locale"), as words."""
    path = urlsplit(url).path if url else ""
    folders = [f for f in path.split("/") if f][:-1]
    return [f.replace("-", " ").replace("_", " ") for f in folders
            if len(f) >= _MIN_FOLDER_CHARS]


def drop_section_labels(blocks: tuple[Block, ...], page: PageFacts
                        ) -> tuple[tuple[Block, ...], tuple[RemovedText, ...]]:
    """``blocks`` without section-name lines before the first prose paragraph."""
    if not page.sections:
        return blocks, ()
    kept: list[Block] = []
    removed: list[RemovedText] = []
    in_lead = True
    for block in blocks:
        if not in_lead or block.kind not in ("p", "head"):
            in_lead = in_lead and block.kind not in ("list", "table", "quote", "code")
            kept.append(block)
            continue
        lines = []
        for line in block.lines:
            if in_lead and _prose_length(line.text) >= _PROSE_CHARS:
                in_lead = False
            if in_lead and is_label_shaped(line.text) and site_key(line.text) in page.sections:
                removed.append(RemovedText("structure:section_label", line.text))
            else:
                lines.append(line)
        if lines:
            kept.append(block if len(lines) == len(block.lines) else block.with_lines(tuple(lines)))
    return tuple(kept), tuple(removed)


def _prose_length(text: str) -> int:
    return len(text) + 2 * len(_CJK.findall(text))
