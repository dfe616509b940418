"""Downloader middleware: sitemaps and feeds that declare XML entities are refused unread.

A sitemap or feed has no use for ``<!ENTITY>`` declarations, and they are exactly what
"billion laughs" (entity expansion) and XXE (external entities that read local files or
reach internal URLs) need. The parsers behind discovery are configured not to expand them
(Scrapy's sitemap reader: lxml with ``resolve_entities=False``; feedparser: expat without
external entities), but a document that declares them is hostile or broken either way: it
ends as an errors entry of its kind (``sitemap``/``feed``) with reason ``xml_entities``
before any parser sees it. Only the prolog (up to the root element) is read; a gzip body is
opened for its first ``_PROLOG_BYTES`` only. A plain ``<!DOCTYPE rss PUBLIC ...>`` (old RSS
0.91 feeds) declares no entity and passes.
"""

from __future__ import annotations

import re
import zlib

from scrapy import Request
from scrapy.http import Response

from .refusals import FetchRefused, request_kind

_PROLOG_BYTES = 64 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ROOT = re.compile(rb"<(?![?!])")  # the first element's start tag ends the prolog


def xml_prolog(body: bytes) -> bytes:
    """The bytes before the root element (of the gunzipped body when it is gzip)."""
    head = body[:_PROLOG_BYTES]
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, _PROLOG_BYTES)
        except zlib.error:
            return b""  # not gzip after all: the sitemap reader reports it
    text = head.decode("utf-16", "replace") if head[:2] in (b"\xff\xfe", b"\xfe\xff") else None
    if text is not None:
        head = text.encode("utf-8", "replace")
    doctype = _DOCTYPE.search(head)
    if doctype is None:
        return b""
    end = head.find(b"]>", doctype.end())
    root = _ROOT.search(head, end + 2 if end >= 0 else doctype.end())
    return head[: root.start()] if root else head


def declares_entities(body: bytes) -> bool:
    return _ENTITY.search(xml_prolog(body)) is not None


class XmlSafetyMiddleware:
    def process_response(self, request: Request, response: Response) -> Response:
        kind = request_kind(request.meta)
        if kind in ("sitemap", "feed") and declares_entities(response.body):
            raise FetchRefused("xml_entities", f"{kind} declares XML entities (<!ENTITY>): "
                                               "refused unparsed", stage="extract")
        return response
