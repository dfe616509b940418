"""The page's short visible "meta lines": date, byline and credit lines, wherever they sit.

Aggregator pages put "Published on 2023-06-04 15:52:03 source:NBC News" in a div beside the
headline, which the body extractor drops. This module walks the text of the page once
(before the body extractor touches the tree), keeps the text nodes that carry a date label,
a credit label or a byline label, and returns the short block each one sits in, as one
whitespace-folded line, in document order. The few blocks right after the first <h1> are
kept too (the dateline under a headline often has no label at all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from .attribution import CREDITS
from .authors import BYLINES
from .dates import DATES

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
_TEXT_NODES = (
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template or ancestor::select or ancestor::textarea or ancestor::svg"
    " or ancestor::button or ancestor::option)]"
)
_DIGIT = re.compile(r"\d")
_DIGITS_DATE = re.compile(r"\d{1,4}\s*[-/.年]\s*\d{1,2}|\d{1,2}\.?\s+[^\W\d_]{3,}\.?,?\s+\d{4}"
                          r"|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4}")


@dataclass(frozen=True)
class MetaLine:
    text: str  # the block's text, whitespace-folded
    near_headline: bool  # among the first text nodes after the page's first <h1>
    in_chrome: bool  # inside a footer, sidebar, navigation, comments or related links


def collect_meta_lines(tree: lxml_html.HtmlElement) -> tuple[MetaLine, ...]:
    """Short visible lines that may carry a date, a byline or a credit, in document order."""
    headline_nodes = _headline_nodes(tree)
    lines: list[MetaLine] = []
    seen_blocks: set[lxml_html.HtmlElement] = set()  # elements, not id()s: ids get reused
    after_headline = -1  # text nodes seen since the headline ended; -1: not reached yet
    for node in tree.xpath(_TEXT_NODES):
        text = str(node)
        if not text.strip():
            continue
        owner = node.getparent()
        if owner is None:
            continue
        in_headline = owner in headline_nodes if not node.is_tail else False
        if in_headline:
            after_headline = 0
            continue
        near = 0 <= after_headline < NEAR_HEADLINE_NODES
        if after_headline >= 0:
            after_headline += 1
        if len(text) > MAX_LINE_CHARS or not (
            _INTERESTING.search(text) or (near and _DIGIT.search(text))
        ):
            continue
        block = _block_of(owner.getparent() if node.is_tail else owner)
        if block is None or block in seen_blocks:
            continue
        seen_blocks.add(block)
        line = _block_text(block, text)
        if line:
            lines.append(MetaLine(line, near, _in_chrome(block)))
            if len(lines) >= _MAX_LINES:
                break
    return tuple(lines)


def _headline_nodes(tree: lxml_html.HtmlElement) -> frozenset:
    h1 = tree.find(".//body//h1")
    return frozenset(h1.iter()) if h1 is not None else frozenset()


def _block_of(element: lxml_html.HtmlElement | None) -> lxml_html.HtmlElement | None:
    while element is not None and isinstance(element.tag, str) and element.tag in _INLINE_TAGS:
        element = element.getparent()
    return element


def _block_text(block: lxml_html.HtmlElement, node_text: str) -> str:
    parts: list[str] = []
    size = 0
    for piece in block.itertext():
        parts.append(piece)
        size += len(piece)
        if size > MAX_LINE_CHARS * 2:
            return " ".join(node_text.split())  # a big block: the node alone is the line
    line = " ".join(" ".join(parts).split())
    return line if len(line) <= MAX_LINE_CHARS else " ".join(node_text.split())


def _in_chrome(element: lxml_html.HtmlElement) -> bool:
    ancestors = [a for a in element.iterancestors() if isinstance(a.tag, str)]
    chain = [element, *ancestors]
    in_article = any(a.tag in ("article", "main") for a in chain)
    for node in chain:
        if node.tag in _CHROME_TAGS and not (in_article and node.tag in ("header", "footer")):
            return True
        names = f"{node.get('class', '')} {node.get('id', '')}".lower()
        words = set(_NAME_TOKENS.split(names)) & _CHROME_WORDS if names.strip() else set()
        if words and not (in_article and words <= _FOOT_WORDS):
            return True
    return False


def _interesting_pattern() -> re.Pattern[str]:
    """One pattern for "this text node may be part of a meta line" (a cheap first test)."""
    date_labels = [label for label, _ in DATES.published_labels + DATES.modified_labels]
    labels = sorted(set(date_labels), key=len, reverse=True)
    alternation = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in labels)
    borrowed = [CREDITS.latin_labels, CREDITS.cjk_labels, CREDITS.phrases, CREDITS.cjk_phrases,
                BYLINES.colon_labels, _DIGITS_DATE]
    parts = [rf"(?:{alternation})\s*[:：]?[^\d\n]{{0,25}}\d", r"^\s*by\s+\w"]
    parts += [_UNNAME_GROUPS.sub("(?:", p.pattern) for p in borrowed]
    return re.compile("|".join(parts), re.IGNORECASE)


_UNNAME_GROUPS = re.compile(r"\(\?P<\w+>")


_INTERESTING = _interesting_pattern()
