"""Cheap checks before any parsing: refuse what is not an HTML page, and say why.

``check_input`` looks at the raw bytes (size first, so a 20 MB upload is refused before a
single byte is decoded); ``check_markup`` looks at the decoded text.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from .decoding import sniff_utf16
from .errors import BinaryInput, EmptyInput, InputError, InputTooLarge, NotHTML
from .options import ExtractOptions

# Magic numbers of formats servers like to label text/html.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x01\x00", "ICO image"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"(\xb5/\xfd", "zstd data"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media"),
    (b"\x1aE\xdf\xa3", "WebM/Matroska media"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BOM_CHARS = "\ufeff\ufffe"
# Markup that proves an HTML document (a fragment is fine: trafilatura wraps it).
_HTML_TAG = re.compile(
    r"<(?:html|head|body|p|div|article|br|h[1-6]|table|span|section|main|li|title|meta|"
    r"a|font|td|center|pre|blockquote|header|strong|em|b|i|img)[\s>/]",
    re.IGNORECASE,
)
# A first element that names another format: feeds, sitemaps, images, office XML.
_OTHER_ROOT = re.compile(
    r"\A(?:\s|<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^>]*>)*"
    r"<(rss|feed|rdf:RDF|urlset|sitemapindex|svg|kml|gpx|opml|methodCall|methodResponse)\b",
    re.IGNORECASE | re.DOTALL,
)
_CONTROL_BYTES = bytes(list(range(0, 9)) + list(range(14, 32)))


def check_input(raw: bytes, options: ExtractOptions, url: str | None = None) -> None:
    """Raise an :class:`InputError` subclass when ``raw`` cannot be an HTML page."""
    _check_url(url)
    if len(raw) > options.max_input_bytes:
        raise InputTooLarge(
            f"{len(raw)} bytes, over the limit of {options.max_input_bytes}", url=url
        )
    if _is_blank(_strip_boms(raw)):
        raise EmptyInput("the document is empty", url=url)
    head = raw[:64].lstrip()
    for magic, kind in _BINARY_SIGNATURES:
        if head.startswith(magic):
            raise BinaryInput(f"the bytes are a {kind}, not HTML", url=url)
    sample = raw[:4096]
    if sample.startswith(_TEXT_BOMS) or sniff_utf16(raw) is not None:
        return  # UTF-16/32 text: its NUL bytes are characters, not binary
    if b"\x00" in sample:
        raise BinaryInput("the bytes contain NUL bytes (binary data), not HTML", url=url)
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if control > len(sample) * 0.05:
        raise BinaryInput(
            f"{control} control bytes in the first {len(sample)}: binary data, not HTML", url=url
        )


def check_markup(text: str, url: str | None = None) -> None:
    """Raise :class:`EmptyInput` / :class:`NotHTML` when decoded text is no HTML page."""
    if not text.strip(_BOM_CHARS + " \t\r\n\f\v\x00"):
        raise EmptyInput("the document is empty once decoded", url=url)
    sample = text[:200_000]
    other = _OTHER_ROOT.match(sample)
    if other:
        raise NotHTML(f"the document is <{other.group(1)}> XML, not HTML", url=url)
    if _is_json(text):
        raise NotHTML("the document is JSON, not HTML", url=url)
    if _HTML_TAG.search(sample) is None:
        raise NotHTML("no HTML markup found (plain text or another format)", url=url)


def _check_url(url: str | None) -> None:
    """Every later stage splits the URL; one that cannot be split is refused here, by name."""
    if url is None:
        return
    try:
        parts = urlsplit(url)
        parts.hostname, parts.port  # noqa: B018 - these raise on "http://[::1/", "a://::x"
    except ValueError as exc:
        raise InputError(f"the page URL cannot be parsed ({exc})", url=url) from exc


def _is_json(text: str) -> bool:
    stripped = text.strip(_BOM_CHARS + " \t\r\n")
    if stripped[:1] not in ("{", "[") or stripped[-1:] not in ("}", "]"):
        return False  # no HTML page starts with "{" and ends with "}"
    try:
        json.loads(stripped)
    except ValueError:
        return _HTML_TAG.search(stripped[:2000]) is None
    return True


def _is_blank(raw: bytes) -> bool:
    """``not raw.strip()`` without copying the page: isspace() knows the same whitespace
    and stops at the first byte that is not."""
    return not raw or raw.isspace()


def _strip_boms(raw: bytes) -> bytes:
    for bom in _TEXT_BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].replace(b"\x00", b"")
    return raw
