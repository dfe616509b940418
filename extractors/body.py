"""The article body: structural pre-cleaning, trafilatura, then line-level clutter rules.

1. ``clean_dom``: comments out, boxes of links out (rules in ``data/structure.toml``);
   ``<br><br>`` runs made paragraphs and quotes in table cells flattened, so that old table
   layouts reach trafilatura in a shape it keeps whole.
2. trafilatura once, in its fast mode (no readability/jusText comparison: on news pages
   it costs a third of the time and loses quality), leaning to recall, since steps 1 and 3
   take care of precision. On CJK pages its "too short" threshold is a third.
3. Its XML body flattened to blocks (``structure``); lists the story introduces and its
   subheadings put back if trafilatura lost them (``structure_lists``), a data table nested
   in a layout table put back after its lead-in (``structure_tables``), lists typed as
   paragraphs ("• item", "1. step") made lists; clutter lines dropped (``clean_blocks``),
   then the section's name above the headline (``structure_page``); both ``text`` and
   ``markdown`` rendered from the same blocks.
"""

from __future__ import annotations

import re
from configparser import ConfigParser
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import DEFAULT_CONFIG, Extractor

from .clean_blocks import clean_blocks
from .clean_dom import clean_dom
from .lexicon import Lexicon
from .metalines import PageScan
from .options import ExtractOptions
from .record import RemovedText
from .structure import blocks_from_xml, render_markdown, render_text
from .structure_lists import (
    introduced_lists,
    restore_headings,
    restore_lists,
    subheadings,
    typed_lists,
)
from .structure_page import drop_section_labels, page_facts
from .structure_tables import nested_tables, restore_table_positions

# trafilatura swaps its extraction for a dump of the whole <article> (one paragraph, the
# headline and dateline inside) when the extraction is under MIN_EXTRACTED_SIZE characters.
# A CJK character carries about three Latin ones' worth of text, so on CJK pages a short
# but complete story trips that rescue: there the minimum is a third.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_SAMPLE = etree.XPath("substring(normalize-space(.), 1, 3000)")  # of the first <body>
_CJK_PAGE_SHARE = 0.3  # of the sampled characters (spaces aside)
_CJK_WEIGHT = 3


def _config_with_min_size(divisor: int) -> ConfigParser:
    config = ConfigParser()
    config.read_dict(DEFAULT_CONFIG)
    size = DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(size // divisor))
    return config


_CJK_CONFIG = _config_with_min_size(_CJK_WEIGHT)


def _trafilatura_config(tree: lxml_html.HtmlElement) -> ConfigParser:
    sample = _body_sample(tree).replace(" ", "")
    is_cjk = bool(sample) and len(_CJK.findall(sample)) >= _CJK_PAGE_SHARE * len(sample)
    return _CJK_CONFIG if is_cjk else DEFAULT_CONFIG


def _body_sample(tree: lxml_html.HtmlElement) -> str:
    """What ``substring(normalize-space(//body), 1, 3000)`` gives, with the first <body>
    found by a walk of the elements before it only: "//body" walked the whole page (the
    body's subtree is most of it), a sixth of the time. (Reading text nodes until there
    are 3000 characters costs twice the XPath's folding of the whole body, in C.)"""
    body = _first_body(tree.getroottree().getroot())
    return "" if body is None else str(_SAMPLE(body))


def _first_body(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The first <body> in document order (the one "//body" reaches first): mostly the
    root's child after <head>, which the search of <head> leads to."""
    if root.tag == "body":
        return root
    for child in root.iterchildren(etree.Element):
        if child.tag == "body":  # not found by iter(), which goes on to look for the next
            return child
        found = next(child.iter("body"), None)
        if found is not None:
            return found
    return None


# The trafilatura releases whose bare_extraction trafilatura_body was checked against. Any
# other (a fresh install takes the newest) gets bare_extraction itself: slower by a copy of
# the page, never different.
TRAFILATURA_VERSIONS_CHECKED = frozenset({"2.3.1"})
_SEQUENCE_CHECKED = (trafilatura.__version__ in TRAFILATURA_VERSIONS_CHECKED
                     and hasattr(trafilatura.core, "trafilatura_sequence"))
# trafilatura is run one level below ``bare_extraction``: that entry point copies
# the tree it is handed (a whole page, ~0.27 ms, a fiftieth of an extraction) so as to leave
# the caller's tree as it was, and this one's tree is not read again. Everything else it
# does for our arguments is kept below, in its order. trafilatura_sequence is internal
# (not a stable API): tests/extractors/test_body_trafilatura_speed.py holds this function
# to bare_extraction on every fixture page and checks the signatures it relies on.
def trafilatura_body(tree: lxml_html.HtmlElement, url: str | None, options: ExtractOptions,
                     config: ConfigParser) -> etree._Element | None:
    """trafilatura's XML body of ``tree`` (its ``<body>``), or ``None`` when it finds
    none: what ``bare_extraction(tree, fast=True, with_metadata=False, ...).body`` gives,
    without its copy of ``tree``, which is pruned in place instead."""
    if not _SEQUENCE_CHECKED:
        return bare_extraction_body(tree, url, options, config)
    extractor = _extractor(url, options, config)
    try:
        body, text, _, comments = trafilatura.core.trafilatura_sequence(tree, extractor,
                                                                        url or None)
        return _checked_size(body, text, comments, extractor)
    except (TypeError, ValueError):  # what bare_extraction turns into "no document"
        return None


def bare_extraction_body(tree: lxml_html.HtmlElement, url: str | None,
                         options: ExtractOptions, config: ConfigParser) -> etree._Element | None:
    """trafilatura's XML body of ``tree`` through its public entry point (which copies
    ``tree`` first): what trafilatura_body stands in for on the versions checked."""
    precision, recall, comments, tables = _extractor_flags(options)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=True,
        include_comments=comments,
        include_tables=tables,
        favor_precision=precision,
        favor_recall=recall,
        with_metadata=False,
        output_format="txt",  # only .body is read: skips trafilatura's own text rendering
        config=config,
    )
    return None if document is None else document.body


def _extractor(url: str | None, options: ExtractOptions, config: ConfigParser) -> Extractor:
    """The options bare_extraction builds from our arguments."""
    return _new_extractor(config, *_extractor_flags(options), url=url)


def _extractor_flags(options: ExtractOptions) -> tuple[bool, bool, bool, bool]:
    """(precision, recall, comments, tables) as bare_extraction is asked for them."""
    return (options.favor == "precision", options.favor in ("balanced", "recall"),
            options.include_comments, options.include_tables)


def _new_extractor(config: ConfigParser, precision: bool, recall: bool, comments: bool,
                   tables: bool, url: str | None) -> Extractor:
    """What bare_extraction builds. Format "txt": only the body is read, trafilatura's own
    rendering is skipped."""
    return Extractor(config=config, output_format="txt", fast=True, precision=precision,
                     recall=recall, comments=comments, tables=tables, url=url,
                     with_metadata=False)


def _checked_size(body: etree._Element, text: str, comments: str,
                  extractor: Extractor) -> etree._Element | None:
    """bare_extraction's checks on the result's size, as it makes them (no language,
    duplicate or metadata checks: their options are off)."""
    if extractor.max_tree_size and len(body) > extractor.max_tree_size:
        etree.strip_tags(body, "hi")
        if len(body) > extractor.max_tree_size:
            return None
    if len(text) < extractor.min_output_size and len(comments) < extractor.min_output_comm_size:
        return None
    return body


@dataclass(frozen=True)
class Body:
    text: str
    markdown: str
    removed: tuple[RemovedText, ...]
    rules_fired: tuple[str, ...]


def extract_body(tree: lxml_html.HtmlElement, url: str | None, options: ExtractOptions,
                 lexicon: Lexicon, scan: PageScan | None = None) -> Body | None:
    """Main text of ``tree`` as plain text and markdown, or ``None`` when there is none.

    ``tree`` is used up: cleaned in place (boxes of links removed), then handed to
    trafilatura, which prunes it further. Pass a copy to keep it.
    ``scan``: the metadata's walk of ``tree`` as it is now (see ``page_facts``).
    """
    page = page_facts(tree, url, scan)  # before clean_dom: the scan's elements are as found
    removed = list(clean_dom(tree, lexicon))
    lists, headings = introduced_lists(tree), subheadings(tree)
    tables = nested_tables(tree)
    xml = trafilatura_body(tree, url, options, _trafilatura_config(tree))  # tree given away
    if xml is None:
        return None
    blocks, _ = restore_lists(blocks_from_xml(xml), lists)
    blocks, _ = restore_headings(blocks, headings)
    blocks, _ = restore_table_positions(blocks, tables)
    blocks, _ = typed_lists(blocks)
    blocks, dropped = clean_blocks(blocks, lexicon, page)
    removed.extend(dropped)
    blocks, dropped = drop_section_labels(blocks, page)
    removed.extend(dropped)
    return Body(
        text=render_text(blocks),
        markdown=render_markdown(blocks),
        removed=tuple(removed),
        rules_fired=tuple(sorted({r.rule for r in removed})),
    )
