"""Text to one lxml tree, refusing trees deeper than the options (or libxml2) allow.

The tree is parsed once and shared by every later stage (metadata, body), with the same
parser settings trafilatura uses for itself, so the body is what bare trafilatura would see.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .errors import ParseError, TooDeeplyNested

# libxml2's HTML parser stops descending at this depth (without XML_PARSE_HUGE) and drops
# what lies deeper without raising; it only notes the fact in the parser's error log.
PARSER_DEPTH_LIMIT = 255
_XML_DECLARATION = re.compile(r"\A[\ufeff\s]*<\?xml[^>]*>", re.IGNORECASE)
# C0 control characters but tab, newline and carriage return. libxml2's HTML parser keeps
# them in text nodes, yet lxml refuses any string holding one (as an element's text, an
# attribute, an XPath variable), so the first later edit of such a text (ours or
# trafilatura's: drop_tree joins a tail to its neighbour's text) would raise. A form feed
# is HTML whitespace and becomes a space; the others show nothing and are dropped.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20)])
_ANY_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_INVISIBLE_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def parse_html(text: str, max_depth: int, url: str | None = None,
               utf8: bytes | None = None) -> lxml_html.HtmlElement:
    """Parse ``text``; raise :class:`ParseError` / :class:`TooDeeplyNested`.

    ``utf8``: ``text`` encoded to UTF-8, when the caller holds those bytes already (the page
    as it came, valid UTF-8: ``Decoded.utf8``); the same tree, without encoding ``text``.
    """
    # lxml refuses a str that carries an encoding declaration; the text is decoded already.
    text, declarations = _XML_DECLARATION.subn("", text, count=1)
    if utf8 is not None and not declarations and not text.startswith("<?xml"):
        markup, encoding = utf8, "utf-8"  # what _as_utf8(text) returns, as it is not copied
    else:
        markup, encoding = _as_utf8(text)
    if _has_control_characters(markup):
        markup, encoding = _as_utf8(without_control_characters(text))
    parser = _new_parser(encoding)  # one per call: it keeps its error log, and is not shared
    try:
        tree = lxml_html.document_fromstring(markup, parser=parser)
    except (etree.LxmlError, ValueError) as exc:  # ParserError, XMLSyntaxError, ...
        # Never let lxml's own exception out: it carries an error log that cannot be pickled,
        # and errors cross from extraction workers (ParseError pickles its message only).
        raise ParseError(f"the HTML parser gave up: {exc}", url=url) from exc
    limit_hit = _resource_limit_hit(parser)
    if limit_hit and "depth" in limit_hit.lower():
        limit = min(max_depth, PARSER_DEPTH_LIMIT)
        raise TooDeeplyNested(f"element nesting deeper than {limit}", url=url)
    if limit_hit:
        raise ParseError(f"the HTML parser hit a limit and dropped content: {limit_hit}", url=url)
    if max_depth < PARSER_DEPTH_LIMIT and _deeper_than(tree, max_depth, url):
        raise TooDeeplyNested(f"element nesting deeper than {max_depth}", url=url)
    return tree


def _has_control_characters(markup: str | bytes) -> bool:
    if isinstance(markup, bytes):
        # Deleting bytes in C is five times faster than a regex search (0.1 vs 0.5 ms on
        # a 100 KB page), and UTF-8 holds these characters as these very bytes only.
        return len(markup.translate(None, _CONTROL_BYTES)) != len(markup)
    return _ANY_CONTROL.search(markup) is not None


def without_control_characters(text: str) -> str:
    """``text`` with form feeds as spaces and the other C0 controls lxml refuses removed."""
    if _ANY_CONTROL.search(text) is None:  # nearly every page: one scan, no copy
        return text
    return _INVISIBLE_CONTROL.sub("", text.replace("\x0c", " "))


# Every element is a plain lxml.html HtmlElement, chosen in C. lxml.html's own lookup is a
# Python method run for each element Python touches (here and inside trafilatura, on the
# copies it makes of this tree), only to pick form-widget classes (<form>, <input>, <label>)
# whose extra methods nothing here calls. Stateless, so one is shared.
_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity,
)


def _as_utf8(text: str) -> tuple[str | bytes, str | None]:
    """``text`` as UTF-8 bytes, and the encoding the parser is told they are in.

    Given a str, lxml hands libxml2 its 2- or 4-byte characters to convert to UTF-8;
    Python encodes faster, and the parser then reads the same UTF-8 (the same tree). A text
    lxml treats otherwise stays a str: one starting with an XML declaration (lxml refuses
    it) or holding a lone surrogate (which UTF-8 cannot encode).
    """
    if text.startswith("<?xml"):
        return text, None
    try:
        return text.encode("utf-8"), "utf-8"
    except UnicodeEncodeError:
        return text, None


def _new_parser(encoding: str | None = None) -> lxml_html.HTMLParser:
    parser = lxml_html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True,
        encoding=encoding,
    )
    parser.set_element_class_lookup(_ELEMENT_CLASSES)
    return parser


def _resource_limit_hit(parser: lxml_html.HTMLParser) -> str | None:
    """The message of the first resource limit libxml2 hit (it truncates silently)."""
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            return entry.message.strip()
    return None


def _deeper_than(tree: lxml_html.HtmlElement, max_depth: int, url: str | None) -> bool:
    """Whether any element sits below ``max_depth`` levels (the root is level 1)."""
    try:
        return bool(tree.xpath("boolean(/" + "/".join(["*"] * (max_depth + 1)) + ")"))
    except etree.LxmlError as exc:  # an XPath too deep for libxml2 to evaluate
        raise TooDeeplyNested(f"element nesting could not be measured: {exc}", url=url) from exc
