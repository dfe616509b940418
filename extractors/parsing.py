"""Text to an lxml tree, refusing trees deeper than the options allow."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .errors import ParseError, TooDeeplyNested


def parse_html(text: str, max_depth: int, url: str | None = None) -> lxml_html.HtmlElement:
    """Parse ``text``; raise :class:`ParseError` / :class:`TooDeeplyNested`."""
    if _tag_depth_exceeds(text, max_depth):
        raise TooDeeplyNested(f"element nesting deeper than {max_depth}", url=url)
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"the HTML parser gave up: {exc}", url=url) from exc
    return tree


def _tag_depth_exceeds(text: str, max_depth: int) -> bool:
    """Nesting depth of non-void tags, measured in one regex pass before parsing.

    Parsing a 10,000-deep document first and measuring later costs deep recursion in every
    later stage (and lxml silently flattens past its own limit); one scan costs milliseconds.
    Unclosed tags only make the estimate larger, so a sloppy page with thousands of
    unclosed <p> is bounded by the lenient closing rule below.
    """
    depth = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing or name in _AUTO_CLOSED:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > max_depth:
                return True
    return False


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "frame", "keygen"})
# Elements whose end tag is optional: pages leave thousands unclosed, they never nest deep.
_AUTO_CLOSED = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "html", "head",
                          "body", "tbody", "thead", "tfoot", "colgroup", "rt", "rp", "optgroup"})
