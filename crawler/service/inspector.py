"""The extraction inspector's data: one record, its page, and what extraction removed.

The page is the archived raw HTML of the record's URL when the crawl kept pages (see
``pages.py``), made inert for display: no scripts, no event handlers, no frames, forms or
external resources (images and stylesheets would make the viewer's browser fetch from the
crawled site). The browser then marks each removed text inside it (``inspector.js``).
Without an archived page the view is a reconstruction, and says so: the record's text, with
the removed segments shown after it (their places in the page are not known).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree
from lxml_html_clean import Cleaner

from .pages import PageArchive

MAX_PAGE_CHARS = 2_000_000
_RESOURCE_ATTRIBUTES = ("src", "srcset", "data-src", "poster", "background", "href")
_CLEANER = Cleaner(
    scripts=True, javascript=True, comments=True, style=True, inline_style=True, links=True,
    meta=True, page_structure=False, processing_instructions=True, embedded=True,
    frames=True, forms=True, annoying_tags=True, safe_attrs_only=True,
)


@dataclass(frozen=True)
class Inspection:
    record: dict[str, Any]
    page_html: str | None  # inert HTML of the archived page; None: not archived
    page_url: str | None
    removed: tuple[dict[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "removed": list(self.removed),
            "page": {
                "available": self.page_html is not None,
                "view": "archived" if self.page_html is not None else "reconstructed",
                "url": self.page_url,
                "html": self.page_html,
            },
        }


def inspect_record(record: dict[str, Any], archive: PageArchive | None) -> Inspection:
    removed = tuple(
        {"rule": str(item.get("rule", "")), "text": str(item.get("text", ""))}
        for item in (record.get("extraction") or {}).get("removed") or ()
        if isinstance(item, dict))
    page = None
    if archive is not None:
        page = archive.find((record.get("final_url"), record.get("url"),
                             record.get("canonical_url")))
    html = inert_html(page.html) if page is not None else None
    return Inspection(record, html, page.url if page else None, removed)


def inert_html(html: str) -> str:
    """The page with everything active or remote taken out; text and structure kept."""
    if not html.strip():
        return "<html><body></body></html>"
    try:
        document = lxml.html.document_fromstring(html[:MAX_PAGE_CHARS])
        document = _CLEANER.clean_html(document)
    except (etree.ParserError, ValueError):
        return "<html><body><p>(the archived page could not be parsed)</p></body></html>"
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _RESOURCE_ATTRIBUTES:
            if attribute in element.attrib:
                del element.attrib[attribute]
    return lxml.html.tostring(document, encoding="unicode", method="html")
