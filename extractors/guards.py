"""Cheap checks on the raw bytes before any parsing: refuse what is not an HTML page."""

from __future__ import annotations

from .errors import BinaryInput, EmptyInput, InputTooLarge, NotHTML
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
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media"),
    (b"wOFF", "WOFF font"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_input(raw: bytes, options: ExtractOptions, url: str | None = None) -> None:
    """Raise an :class:`InputError` subclass when ``raw`` cannot be an HTML page."""
    if len(raw) > options.max_input_bytes:
        raise InputTooLarge(
            f"{len(raw)} bytes, over the limit of {options.max_input_bytes}", url=url
        )
    if not raw.strip():
        raise EmptyInput("the document is empty", url=url)
    head = raw[:64].lstrip()
    for magic, kind in _BINARY_SIGNATURES:
        if head.startswith(magic):
            raise BinaryInput(f"the bytes are a {kind}, not HTML", url=url)
    sample = raw[:4096]
    if not sample.startswith(_UTF16_BOMS) and _looks_binary(sample):
        raise BinaryInput("the bytes look binary (control bytes), not HTML", url=url)


def check_markup(text: str, url: str | None = None) -> None:
    """Raise :class:`NotHTML` when decoded text carries no markup at all."""
    sample = text[:200_000].lower()
    if "<" not in sample or not any(
        tag in sample for tag in ("<html", "<body", "<p", "<div", "<article", "<br", "<h1",
                                  "<table", "<head", "<span", "<section", "<main", "<li")
    ):
        raise NotHTML("no HTML markup found (plain text, JSON or another format)", url=url)


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05
