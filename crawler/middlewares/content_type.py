"""Downloader middleware: an empty 200, a PDF or an image is never handed on as a page.

Servers label anything ``text/html``. The first bytes of the body say what it really is
(magic numbers), so a PDF or an image ends as an errors entry (``not_html``) whose message
names the type found and the type claimed, and a 2xx answer without a body ends as
``empty_body``, instead of reaching extraction and becoming an empty or garbage record. Only
page requests are checked: sitemaps may be gzip, robots.txt is text.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response

from .refusals import FetchRefused, request_kind

# (offset, magic bytes, media type): the formats that turn up where pages are expected.
MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "application/pdf"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (8, b"WEBP", "image/webp"),
    (4, b"ftypavif", "image/avif"),
    (4, b"ftyp", "video/mp4"),
    (0, b"PK\x03\x04", "application/zip"),
    (0, b"\x1f\x8b", "application/gzip"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"OggS", "audio/ogg"),
    (0, b"wOFF", "font/woff"),
    (0, b"wOF2", "font/woff2"),
    (0, b"\x00\x00\x01\x00", "image/x-icon"),
)


def sniff_binary_type(body: bytes) -> str | None:
    """The media type the body's magic number says, when it is a known non-HTML format."""
    for offset, magic, media_type in MAGIC:
        if body[offset:offset + len(magic)] == magic:
            return media_type
    return None


class ContentTypeMiddleware:
    def process_response(self, request: Request, response: Response) -> Response:
        if request_kind(request.meta) != "page" or not 200 <= response.status < 300:
            return response
        claimed = response.headers.get(b"Content-Type", b"").decode("latin-1") or "missing"
        if not response.body.strip():
            raise FetchRefused("empty_body", f"HTTP {response.status} with an empty body "
                                             f"(Content-Type {claimed})")
        found = sniff_binary_type(response.body)
        if found is not None:
            raise FetchRefused("not_html", f"content is {found} (labelled {claimed})")
        return response
