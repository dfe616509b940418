"""The page's short visible "meta lines": date, byline and credit lines, wherever they sit.

Aggregator pages put "Published on 2023-06-04 15:52:03 source:NBC News" in a div beside the
headline, which the body extractor drops. This module walks the text of the page once
(before the body extractor touches the tree), keeps the short text nodes that hold a colon
("Source:", "来源：", "Autor:", a time) or something like a date, plus the first few after
the first <h1> (a dateline often has no label at all), and returns the block each one sits
in as one whitespace-folded line, in document order, marked when it lies in page chrome
(footer, sidebar, navigation, comments, related links).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from lxml import etree
from lxml import html as lxml_html

MAX_LINE_CHARS = 300
NEAR_HEADLINE_NODES = 8
_MAX_LINES = 60
_INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em",
                          "font", "i", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
                          "strong", "sub", "sup", "time", "u", "var", "wbr", "br", "img"})
# Parts of a page that are chrome, not the article: a credit or date there is not ours.
_CHROME_TAGS = frozenset({"footer", "aside", "nav", "header", "form", "menu"})
_CHROME_WORDS = frozenset({
    "footer", "foot", "copyright", "sidebar", "aside", "widget", "widgets", "comment",
    "comments", "related", "recommend", "recommended", "recommendations", "popular", "trending",
    "ranking", "rank", "hot", "hotlist", "share", "sharing", "social", "menu", "nav", "navbar",
    "navigation", "cookie", "cookies", "banner", "advert", "ads", "promo", "breadcrumb",
    "breadcrumbs",
})
_FOOT_WORDS = frozenset({"footer", "foot"})  # an article's own footer is the article's
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "select", "option",
                           "textarea", "svg", "button", "title"})
_SHORT_DATE_NODE = 100
_MIN_HINT_CHARS = 6
# Tags whose elements the walk notes for later searches (see PageScan.elements).
INDEXED_TAGS = ("script", "link", "time", "meta", "title", "nav", "h1")
# A year, or day and month in numbers: cheap, and enough to make a short node worth a look.
# Only whether it is found matters: it is "(?:19|20)\d\d|\d{1,2}[./-]\d{1,2}[./-]" spelled
# to open with a digit, which lets re skip to the digits in C instead of trying the pattern
# at every character (a third of the time on the bench pages' short texts). It matches
# where the old one did: the year's first digit is checked to be "1" or "2" looking back,
# and the day-and-month branch is the old one with its first digit taken out in front.
_DATE_LIKE = re.compile(r"\d(?:(?<=1)9\d\d|(?<=2)0\d\d|\d?[./-]\d{1,2}[./-])")


@dataclass(frozen=True)
class MetaLine:
    text: str  # the block's text, whitespace-folded
    near_headline: bool  # among the first text nodes after the page's first <h1>
    in_chrome: bool  # inside a footer, sidebar, navigation, comments or related links


@dataclass(frozen=True)
class PageScan:
    """What the one walk over the page's <body> found.

    ``bylines`` and ``sources`` are the elements inside <body> (not <body> itself) whose
    attributes mark them as a byline (``class`` with "byline", "author", "auteur" or
    "autor"; ``rel="author"``; ``itemprop`` with "author") or as the source (``class`` with
    "source", "copyfrom" or "laiyuan"; ``id="ne_article_source"``;
    ``itemprop="sourceOrganization"``), in document order: the walk reads every element
    anyway, and an XPath search per kind would walk the page again (it costs more than
    the walk itself). ``None`` when the tree is not a plain page whose one <body> holds
    every element inside a <body> (then a caller searches the tree itself); ``body`` is
    that one <body>, or ``None`` then. The walk also notes the elements with a tag of
    :data:`INDEXED_TAGS`, so that their searches need no walk of their own (each
    ``tree.iter(tag)`` visits the whole page): see :meth:`elements`.

    For the page facts (:mod:`extractors.structure_page`), which an XPath over every
    attribute of the page cost more than this walk: ``names`` are the ``class`` and ``id``
    values of ``body`` and of every element inside it, in document order (an element's in
    the order of its attributes), ``owners`` the element holding each; ``menus`` the
    elements inside ``body`` with ``role="navigation"``. Empty when ``body`` is ``None``.
    """

    lines: tuple[MetaLine, ...]
    body: lxml_html.HtmlElement | None
    bylines: tuple[lxml_html.HtmlElement, ...] | None
    sources: tuple[lxml_html.HtmlElement, ...] | None
    indexed: Mapping[str, tuple[lxml_html.HtmlElement, ...]]
    headlines: tuple[lxml_html.HtmlElement, ...]  # the <h1>s in ``body``
    names: tuple[str, ...] = ()
    owners: tuple[lxml_html.HtmlElement, ...] = ()
    menus: tuple[lxml_html.HtmlElement, ...] = ()

    def elements(self, tree: lxml_html.HtmlElement, tag: str) -> Iterable[lxml_html.HtmlElement]:
        """The ``tag`` elements of ``tree``'s document, in document order, as
        ``tree.getroottree().iter(tag)`` gives them (``tree`` is the scanned one)."""
        if self.body is not None and tag in INDEXED_TAGS:
            return self.indexed.get(tag, ())
        return tree.getroottree().iter(tag)


def collect_meta_lines(tree: lxml_html.HtmlElement, headline_hints: tuple[str, ...] = ()
                       ) -> tuple[MetaLine, ...]:
    """Short visible lines that may carry a date, a byline or a credit, in document order."""
    return scan_page(tree, headline_hints).lines


def scan_page(tree: lxml_html.HtmlElement, headline_hints: Iterable[str] = (),
              max_bylines: int = 15) -> PageScan:
    """The meta lines (see :func:`collect_meta_lines`) and the marked elements of the page;
    at most ``max_bylines`` byline elements (the first ones).

    ``headline_hints`` are read only on a page without <h1> in its body (the only one that
    needs them): a generator that makes them is run only then.

    This runs on every page: one walk over the elements, cheap string tests on each text,
    and the surrounding block only for the few texts that pass.
    """
    body = tree.find("body")
    if body is None:
        return PageScan((), None, None, None, _NO_INDEX, ())  # callers walk the tree
    marks = _Marks(max_bylines)
    lines: list[MetaLine] = []
    seen_blocks: set[lxml_html.HtmlElement] = set()  # elements, not id()s: ids get reused
    big_blocks: set[lxml_html.HtmlElement] = set()  # too long to be one line
    regions: dict[lxml_html.HtmlElement, tuple[bool, bool]] = {}
    texts = _texts(body, _Hints(headline_hints), marks)
    for text, container, near in texts:
        if container.tag in _SKIPPED_TAGS or _in_skipped(container):
            continue
        block = _block_of(container)
        if block is None or block in seen_blocks:
            continue
        block_text = None if block in big_blocks else _block_text(block, text)
        if block_text is None:
            big_blocks.add(block)
            block_text = text  # a big block: this text alone is the line, the others too
        else:
            seen_blocks.add(block)
        chrome = None
        for line in block_text.split("\n"):  # <br> ends a line
            line = " ".join(line.split())
            if line:
                chrome = in_page_chrome(block, regions) if chrome is None else chrome
                lines.append(MetaLine(line, near, chrome))
        if len(lines) >= _MAX_LINES:
            break
    for _ in texts:  # enough lines: the rest of the walk only looks for marked elements
        pass
    if _only_body(tree) is not body:
        return PageScan(tuple(lines), None, None, None, _NO_INDEX, ())
    marks.find_marked(body)
    indexed: dict[str, list[lxml_html.HtmlElement]] = {tag: [] for tag in INDEXED_TAGS}
    for child in tree:  # <head> and the like, then <body>, in document order
        if child is body:
            for tag, found in marks.indexed.items():
                indexed[tag].extend(found)
        elif isinstance(child.tag, str):
            for element in child.iter(*INDEXED_TAGS):
                indexed[element.tag].append(element)
    return PageScan(tuple(lines), body, tuple(marks.bylines), tuple(marks.sources),
                    MappingProxyType({tag: tuple(found) for tag, found in indexed.items()}),
                    tuple(marks.indexed["h1"]), tuple(marks.names), tuple(marks.owners),
                    tuple(marks.menus))


class _Hints:
    """The headline hints, folded (and the short ones dropped) when first asked about."""

    def __init__(self, hints: Iterable[str]) -> None:
        self._hints = hints
        self._folded: frozenset[str] | None = None

    def __contains__(self, text: object) -> bool:
        if self._folded is None:
            self._folded = frozenset(h for h in (" ".join(x.split()) for x in self._hints)
                                     if len(h) >= _MIN_HINT_CHARS)
        return text in self._folded


_NO_INDEX: Mapping[str, tuple[lxml_html.HtmlElement, ...]] = MappingProxyType({})


class _Marks:
    """The marked elements the walk meets (see :class:`PageScan`).

    The walk only notes the class and id values and the elements with an ``itemprop``, a
    ``rel`` or ``id="ne_article_source"`` (``unusual``); :meth:`find_marked` picks the
    bylines and sources from them once the walk is over.
    """

    def __init__(self, max_bylines: int) -> None:
        self.bylines: list[lxml_html.HtmlElement] = []
        self.sources: list[lxml_html.HtmlElement] = []
        self.max_bylines = max_bylines
        self.indexed: dict[str, list[lxml_html.HtmlElement]] = {tag: [] for tag in INDEXED_TAGS}
        self.names: list[str] = []  # class and id values (see PageScan)
        self.owners: list[lxml_html.HtmlElement] = []
        self.menus: list[lxml_html.HtmlElement] = []
        # (2 * len(owners) when met, element): see _marked_candidates for the doubling
        self.unusual: list[tuple[int, lxml_html.HtmlElement]] = []

    def find_marked(self, body: lxml_html.HtmlElement) -> None:
        """Fills ``bylines`` and ``sources`` with the marked elements inside ``body``.

        Testing seven words in every class value as the walk met it cost a tenth of the
        walk; the words are now found in all the values at once, joined into one string.
        Every element the old per-element test kept is a candidate (its class holds a
        word, or it has one of the unusual attributes), and each candidate gets that very
        test, in document order: the same elements, in the same order.
        """
        for element in _marked_candidates(self.names, self.owners, self.unusual):
            if element is body:  # the body's own class is noted first; never a mark
                continue
            cls, itemprop = element.get("class"), element.get("itemprop")
            if (len(self.bylines) < self.max_bylines
                    and _is_byline_mark(cls, element.get("rel"), itemprop)):
                self.bylines.append(element)
            if _is_source_mark(cls, element.get("id"), itemprop):
                self.sources.append(element)


_JOIN = "\0"  # no attribute value holds a NUL (lxml refuses one, libxml2 ends strings at it)
# What every mark word holds ("aut" stands for "author", "auteur" and "autor": one search
# of the values, not three, each ~5 us on a page's); candidates get the full test anyway.
_MARK_WORDS = ("byline", "aut", "source", "copyfrom", "laiyuan")


def _marked_candidates(names: list[str], owners: list[lxml_html.HtmlElement],
                       unusual: list[tuple[int, lxml_html.HtmlElement]]
                       ) -> list[lxml_html.HtmlElement]:
    """The owners of the values holding a mark word and the unusual elements, in document
    order, each once.

    A value is found by counting the separators before a word's match. Positions are
    doubled so that one sort merges the two lists: the value at ``index`` sorts at
    ``2 * index + 1``, an unusual element at ``2 * len(owners)`` as the walk met it, that
    is after the values of every element before it and before those of every element
    after it; the sort is stable, so unusual elements at one position keep walk order.
    An element's own entries end up next to each other: one is kept.
    """
    joined = _JOIN.join(names)
    starts = sorted(at for word in _MARK_WORDS for at in _occurrences(joined, word))
    keyed = list(unusual)
    index, counted_to = 0, 0
    for start in starts:
        index += joined.count(_JOIN, counted_to, start)
        counted_to = start
        keyed.append((2 * index + 1, owners[index]))
    keyed.sort(key=_position)
    candidates: list[lxml_html.HtmlElement] = []
    for _, element in keyed:
        if not candidates or candidates[-1] is not element:
            candidates.append(element)
    return candidates


def _position(entry: tuple[int, lxml_html.HtmlElement]) -> int:
    return entry[0]


def _occurrences(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _is_byline_mark(cls: str | None, rel: str | None, itemprop: str | None) -> bool:
    # Plain substring tests: what XPath's contains() and = do on the attribute values.
    return ((cls is not None and ("byline" in cls or "author" in cls or "auteur" in cls
                                  or "autor" in cls))
            or rel == "author" or (itemprop is not None and "author" in itemprop))


def _is_source_mark(cls: str | None, id_: str | None, itemprop: str | None) -> bool:
    return ((cls is not None and ("source" in cls or "copyfrom" in cls or "laiyuan" in cls))
            or id_ == "ne_article_source" or itemprop == "sourceOrganization")


def _only_body(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The document's <body> when every element inside any <body> is inside this one: the
    root's only <body> child, and no <body> elsewhere (in <head>, say). libxml2's parser
    always builds such a tree; other trees get ``None``."""
    if tree.getparent() is not None or tree.tag == "body":
        return None  # a subtree: a search of its document reaches outside it
    body = None
    for child in tree:
        if child.tag == "body" and body is None:
            body = child
        elif next(child.iter("body"), None) is not None:
            return None
    return body


def _texts(body: lxml_html.HtmlElement, headline_hints: Container[str], marks: _Marks
           ) -> Iterator[tuple[str, lxml_html.HtmlElement, bool]]:
    """``(text, element holding it, near the headline)`` for texts worth a look; every
    element but <body> goes to ``marks`` on the way (those of :data:`INDEXED_TAGS` before
    the first text).

    The headline is the first <h1>; a page without one (table and div layouts) shows it
    as a text equal to a part of its <title> (``headline_hints``).

    Texts come in document order: an element's text where the element starts, its tail
    where the element ends; comments and their tails are skipped. Shaped for speed, as
    this loop sees every element: ``iter()`` gives starts only (twice as fast as a walk
    with "end" events), so a non-empty tail waits on a stack until the walk reaches the
    element after its own (``_after``).
    """
    h1 = body.find(".//h1")
    in_headline = False
    after_headline = -1  # non-empty texts since the headline; -1: headline not reached yet
    unusual = marks.unusual
    indexed, names, owners, menus = marks.indexed, marks.names, marks.owners, marks.menus
    for value in (body.get("class"), body.get("id")):  # the body's own, first
        if value is not None:
            names.append(value)
            owners.append(body)
    # Reading every element's tag here cost a tenth of the walk; lxml's search by tag
    # names reads them in C (the same elements, in document order).
    for element in body.iterdescendants(*INDEXED_TAGS):
        indexed[element.tag].append(element)
    # (element, its tail or None, the node after it); the h1 is always there: it ends the
    # headline. Inner elements end first and sit on top. ``next_end`` is the top's node
    # after (``None`` when nothing waits): one name to test per element, not two indexings.
    waiting: list[tuple[lxml_html.HtmlElement, str | None, lxml_html.HtmlElement | None]] = []
    next_end: lxml_html.HtmlElement | None = None

    def take(text: str, container: lxml_html.HtmlElement | None
             ) -> tuple[str, lxml_html.HtmlElement, bool] | None:
        nonlocal after_headline
        if in_headline or (h1 is None and after_headline < 0
                           and " ".join(text.split()) in headline_hints):
            after_headline = 0  # the headline's own words
            return None
        near = 0 <= after_headline < NEAR_HEADLINE_NODES
        if after_headline >= 0:
            after_headline += 1
        if container is not None and (near or _worth_a_look(text)):
            return text, container, near
        return None

    text = body.text
    if text and not text.isspace() and (found := take(text, body)) is not None:
        yield found
    # Comments are no part of the walk (nor were they of iterwalk). Every line below runs
    # for every element: keep it short.
    for element in body.iterdescendants(etree.Element):
        while element is next_end:  # elements that end here
            ended, tail, _ = waiting.pop()
            next_end = waiting[-1][2] if waiting else None
            if ended is h1:
                in_headline = False
            if tail is not None and (found := take(tail, ended.getparent())) is not None:
                yield found
        if element is h1:  # its end ends the headline, whatever its tail
            next_end = _after(element, body)
            waiting.append((element, _nonblank(element.tail), next_end))
            in_headline = True
        # The names in one keys() call, then get() for the few values needed: five get()s
        # cost a fifth more (most elements have one or two attributes), and items() turns
        # every value into a str (links, styles, SVG paths) for nothing. Names as items()
        # gives them, in their order; get() reads the same unnamespaced attribute.
        # Marks are picked after the walk (_Marks.find_marked): here only what it needs.
        for name in element.keys():  # noqa: SIM118 (an element iterates its children)
            if name == "class":
                names.append(element.get("class"))
                owners.append(element)
            elif name == "id":
                value = element.get("id")
                names.append(value)
                owners.append(element)
                if value == "ne_article_source":
                    unusual.append((2 * len(owners), element))
            elif name == "itemprop" or name == "rel":
                unusual.append((2 * len(owners), element))
            elif name == "role" and element.get("role") == "navigation":
                menus.append(element)
        tail = element.tail
        if tail and not tail.isspace() and element is not h1:
            next_end = _after(element, body)
            waiting.append((element, tail, next_end))
        text = element.text
        if not text or text.isspace():
            continue
        # Past the lines near the headline (or before an <h1> the page has), a text needs
        # only to be worth a look: that test inline, without take()'s call and counting.
        if not in_headline and (after_headline >= NEAR_HEADLINE_NODES
                                or (after_headline < 0 and h1 is not None)):
            if len(text) <= MAX_LINE_CHARS and (
                    ":" in text or "：" in text  # _worth_a_look(text)
                    or (len(text) <= _SHORT_DATE_NODE and _DATE_LIKE.search(text) is not None)):
                yield text, element, False
        elif (found := take(text, element)) is not None:
            yield found
    while waiting:  # elements that end with the body
        ended, tail, _ = waiting.pop()
        if ended is h1:
            in_headline = False
        if tail is not None and (found := take(tail, ended.getparent())) is not None:
            yield found


def _nonblank(text: str | None) -> str | None:
    return text if text and not text.isspace() else None


def _worth_a_look(text: str) -> bool:
    """Short, with a colon ("Source:", "来源：", a time) or something like a date."""
    return len(text) <= MAX_LINE_CHARS and (
        ":" in text or "：" in text
        or (len(text) <= _SHORT_DATE_NODE and _DATE_LIKE.search(text) is not None))


def _after(element: lxml_html.HtmlElement, body: lxml_html.HtmlElement
           ) -> lxml_html.HtmlElement | None:
    """The element ``body.iter(etree.Element)`` gives after ``element`` and all inside it;
    ``None`` at the end of the body."""
    while element is not body:
        following = element.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()  # a comment or processing instruction
        if following is not None:
            return following
        parent = element.getparent()
        if parent is None:
            return None
        element = parent
    return None


def _in_skipped(element: lxml_html.HtmlElement) -> bool:
    """Text inside <svg>, <select>, <button> ... sits a level or two deep."""
    parent = element.getparent()
    return parent is not None and parent.tag in _SKIPPED_TAGS


def _block_of(element: lxml_html.HtmlElement | None) -> lxml_html.HtmlElement | None:
    while element is not None and isinstance(element.tag, str) and element.tag in _INLINE_TAGS:
        element = element.getparent()
    return element


def _block_text(block: lxml_html.HtmlElement, node_text: str) -> str | None:
    """The block's text, one line per <br>; ``None`` when the block is too big to be one."""
    parts: list[str] = []
    if _pieces(block, parts, MAX_LINE_CHARS * 2) < 0:
        return None
    return " ".join(parts)


def _pieces(element: lxml_html.HtmlElement, parts: list[str], room: int) -> int:
    """Appends the texts in document order, with "\n" for each <br>, while their length
    stays within ``room``; returns the room left, negative once it ran out (then stops).
    A list filled by plain calls: a recursive generator paid a ``yield`` per level."""
    text = element.text
    if text:
        parts.append(text)
        room -= len(text)
        if room < 0:
            return room
    for child in element:
        tag = child.tag
        if tag == "br":
            parts.append("\n")
            room -= 1
        elif isinstance(tag, str) and tag not in _SKIPPED_TAGS:
            room = _pieces(child, parts, room)
        if room < 0:
            return room
        tail = child.tail
        if tail:
            parts.append(tail)
            room -= len(tail)
            if room < 0:
                return room
    return room


def in_page_chrome(element: lxml_html.HtmlElement,
                   regions: dict[lxml_html.HtmlElement, tuple[bool, bool]] | None = None
                   ) -> bool:
    """Inside a footer, sidebar, navigation, comments or related links (not the article).

    ``regions`` (one dict per page) remembers the answer for ancestors that blocks share.
    """
    return _region(element, {} if regions is None else regions)[0]


def _region(element: lxml_html.HtmlElement,
            regions: dict[lxml_html.HtmlElement, tuple[bool, bool]]) -> tuple[bool, bool]:
    """``(in chrome, in article)`` for ``element``, from its parent's answer."""
    known = regions.get(element)
    if known is not None:
        return known
    parent = element.getparent()
    # <body>/<html> classes describe the whole page ("one-sidebar"), not a region of it.
    if parent is None or parent.tag in ("body", "html"):
        above = (False, False)
    else:
        above = _region(parent, regions)  # depth is bounded by the parser (255 levels)
    tag = element.tag if isinstance(element.tag, str) else ""
    in_article = above[1] or tag in ("article", "main")
    answer = (above[0] or _is_chrome(element, tag, in_article), in_article)
    regions[element] = answer
    return answer


def _is_chrome(element: lxml_html.HtmlElement, tag: str, in_article: bool) -> bool:
    # An article's own <header>/<footer>, or a <header> holding the headline, is not chrome.
    if tag in _CHROME_TAGS and not (in_article and tag in ("header", "footer")) and not (
            tag == "header" and element.find(".//h1") is not None):
        return True
    cls, id_ = element.get("class"), element.get("id")
    if not cls and not id_:
        return False  # most elements: nothing to split
    names = f"{cls or ''} {id_ or ''}".lower()
    if not names.strip():
        return False
    # The words between runs of whitespace, "_" and "-" (what re.split(r"[\s_\-]+") gave,
    # but for empty ones at the ends, no chrome word): str.split() ends words at the very
    # characters "\s" matches (both ask str.isspace()). No regex, no set of all the words.
    words = _CHROME_WORDS.intersection(names.replace("_", " ").replace("-", " ").split())
    return bool(words) and not (in_article and words <= _FOOT_WORDS)
