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
from collections.abc import Iterator
from dataclasses import dataclass

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
_NAME_TOKENS = re.compile(r"[\s_\-]+")
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "select", "option",
                           "textarea", "svg", "button", "title"})
_SHORT_DATE_NODE = 100
_MIN_HINT_CHARS = 6
# A year, or day and month in numbers: cheap, and enough to make a short node worth a look.
_DATE_LIKE = re.compile(r"(?:19|20)\d\d|\d{1,2}[./-]\d{1,2}[./-]")


@dataclass(frozen=True)
class MetaLine:
    text: str  # the block's text, whitespace-folded
    near_headline: bool  # among the first text nodes after the page's first <h1>
    in_chrome: bool  # inside a footer, sidebar, navigation, comments or related links


def collect_meta_lines(tree: lxml_html.HtmlElement, headline_hints: tuple[str, ...] = ()
                       ) -> tuple[MetaLine, ...]:
    """Short visible lines that may carry a date, a byline or a credit, in document order.

    This runs on every page: one walk over the elements, cheap string tests on each text,
    and the surrounding block only for the few texts that pass.
    """
    body = tree.find("body")
    if body is None:
        return ()
    lines: list[MetaLine] = []
    seen_blocks: set[lxml_html.HtmlElement] = set()  # elements, not id()s: ids get reused
    big_blocks: set[lxml_html.HtmlElement] = set()  # too long to be one line
    regions: dict[lxml_html.HtmlElement, tuple[bool, bool]] = {}
    hints = frozenset(h for h in (" ".join(x.split()) for x in headline_hints)
                      if len(h) >= _MIN_HINT_CHARS)
    for text, container, near in _texts(body, hints):
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
    return tuple(lines)


def _texts(body: lxml_html.HtmlElement, headline_hints: frozenset[str]
           ) -> Iterator[tuple[str, lxml_html.HtmlElement, bool]]:
    """``(text, element holding it, near the headline)`` for texts worth a look.

    The headline is the first <h1>; a page without one (table and div layouts) shows it
    as a text equal to a part of its <title> (``headline_hints``).
    """
    h1 = body.find(".//h1")
    in_headline = False
    after_headline = -1  # non-empty texts since the headline; -1: headline not reached yet
    # "start" gives an element's text, "end" its tail: document order, tails included.
    for event, element in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            in_headline = in_headline or element is h1
            text, holder = element.text, element
        else:
            if element is h1:
                in_headline = False
            text, holder = element.tail, None
        if not text or text.isspace() or (element is body and holder is None):
            continue
        if in_headline or (h1 is None and after_headline < 0
                           and " ".join(text.split()) in headline_hints):
            after_headline = 0  # the headline's own words
            continue
        near = 0 <= after_headline < NEAR_HEADLINE_NODES
        if after_headline >= 0:
            after_headline += 1
        if near or _worth_a_look(text):
            container = holder if holder is not None else element.getparent()
            if container is not None:
                yield text, container, near


def _worth_a_look(text: str) -> bool:
    if len(text) > MAX_LINE_CHARS:
        return False
    if ":" in text or "：" in text:
        return True
    return len(text) <= _SHORT_DATE_NODE and _DATE_LIKE.search(text) is not None


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
    size = 0
    for piece in _pieces(block):
        parts.append(piece)
        size += len(piece)
        if size > MAX_LINE_CHARS * 2:
            return None
    return " ".join(parts)


def _pieces(element: lxml_html.HtmlElement) -> Iterator[str]:
    """Texts in document order, with "\n" for each <br>."""
    if element.text:
        yield element.text
    for child in element:
        if child.tag == "br":
            yield "\n"
        elif isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS:
            yield from _pieces(child)
        if child.tail:
            yield child.tail


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
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    if not names.strip():
        return False
    words = set(_NAME_TOKENS.split(names)) & _CHROME_WORDS
    return bool(words) and not (in_article and words <= _FOOT_WORDS)
