"""Bytes to text: BOM, then the HTTP header, then <meta>, then detection.

A declared charset that contradicts the bytes loses: pages declare gb2312 over UTF-8 or
utf-8 over windows-1252, so every declaration is tried strictly and must decode cleanly.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from types import MappingProxyType

from charset_normalizer import from_bytes

from .errors import DecodingFailed

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels that browsers (WHATWG Encoding Standard) map to a wider encoding.
_SUPERSETS = MappingProxyType({
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "tis-620": "cp874",
})


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    source: str  # "bom" | "http" | "meta" | "detected" | "default"


def decode_html(raw: bytes, http_charset: str | None = None, url: str | None = None) -> Decoded:
    """Decode ``raw`` to text, trusting a declaration only if the bytes agree with it."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(codec), codec.replace("-sig", ""), "bom")
            except UnicodeDecodeError:
                break
    if http_charset:
        decoded = _try_declared(raw, http_charset, "http")
        if decoded:
            return decoded
    match = _META_CHARSET.search(raw[:8192])
    if match:
        decoded = _try_declared(raw, match.group(1).decode("ascii", "ignore"), "meta")
        if decoded:
            return decoded
    if _is_utf8(raw):
        return Decoded(raw.decode("utf-8"), "utf-8", "detected")
    best = from_bytes(raw[:200_000]).best()
    if best is not None and best.encoding:
        codec = _normalise(best.encoding)
        return Decoded(raw.decode(codec, errors="replace"), codec, "detected")
    try:
        return Decoded(raw.decode("windows-1252"), "windows-1252", "default")
    except UnicodeDecodeError as exc:  # windows-1252 leaves 5 bytes undefined
        raise DecodingFailed(f"no charset decodes the bytes: {exc}", url=url) from exc


def _try_declared(raw: bytes, label: str, source: str) -> Decoded | None:
    codec = _normalise(label)
    if codec is None:
        return None
    if codec != "utf-8" and _is_utf8(raw) and _has_non_ascii(raw):
        # Valid multi-byte UTF-8 is almost never an accident: the declaration lies.
        return None
    try:
        return Decoded(raw.decode(codec), codec, source)
    except (UnicodeDecodeError, LookupError):
        return None


def _normalise(label: str) -> str | None:
    label = label.strip().lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _has_non_ascii(raw: bytes) -> bool:
    return any(b > 127 for b in raw[:200_000])
