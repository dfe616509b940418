"""Bytes to text: BOM, then the HTTP header, then <meta>, then detection.

A declared charset that contradicts the bytes loses. Pages declare gb2312 over UTF-8,
utf-8 over windows-1252, utf-16 over plain ASCII, so every declaration is checked against
the bytes before it is believed:

- valid multi-byte UTF-8 beats any other declaration (it is almost never an accident);
- a declaration must decode the bytes with at most a few bad sequences (a truncated last
  character, one stray byte), otherwise it is ignored;
- a single-byte declaration (latin-1, windows-1252) over bytes that look multi-byte
  (unlabelled GBK behind a template's iso-8859-1) is checked by detection;
- ``<meta charset=utf-16>`` in an ASCII-compatible page means UTF-8 (WHATWG rule).

Detection is charset-normalizer, except that a Western page that decodes identically (or
as plausibly) as windows-1252 is reported as windows-1252, the label browsers would use.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from types import MappingProxyType

from charset_normalizer import from_bytes

from .errors import DecodingFailed

# <meta charset=...>, <meta http-equiv content="...; charset=...">, <?xml encoding="..."?>
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""",
    re.IGNORECASE,
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
    "cp936": "gb18030",
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "iso-8859-9": "windows-1254",
    "iso-8859-11": "windows-874",
    "tis-620": "windows-874",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "big5": "big5hkscs",
    "unicode-1-1-utf-8": "utf-8",
    "utf8": "utf-8",
})
# Python codec names reported under the label a browser would show.
_REPORTED_NAMES = MappingProxyType({
    "cp1250": "windows-1250", "cp1251": "windows-1251", "cp1252": "windows-1252",
    "cp1253": "windows-1253", "cp1254": "windows-1254", "cp1255": "windows-1255",
    "cp1256": "windows-1256", "cp1257": "windows-1257", "cp1258": "windows-1258",
    "cp874": "windows-874", "cp932": "shift_jis", "cp949": "euc-kr", "big5hkscs": "big5",
    "utf-8-sig": "utf-8", "utf-16-le": "utf-16le", "utf-16-be": "utf-16be",
    "utf-32-le": "utf-32le", "utf-32-be": "utf-32be",
})
_MULTIBYTE_CODECS = frozenset({
    "utf-8", "gb18030", "big5hkscs", "cp932", "cp949", "euc_jp", "euc_kr", "gb2312", "gbk",
    "big5", "shift_jis", "hz", "iso2022_jp", "iso2022_kr", "johab", "cp950",
})
_WIDE_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                          "utf-32-be"})
_DETECTION_SAMPLE = 200_000
# A declared (or UTF-8) decoding may leave this many bad sequences: a truncated last
# character or a stray byte is damage, a bad sequence in every other word is a wrong codec.
_TOLERATED_BAD_SHARE = 0.02
_TOLERATED_BAD_MIN = 3


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    source: str  # "bom" | "http" | "meta" | "detected" | "default"


def decode_html(raw: bytes, http_charset: str | None = None, url: str | None = None) -> Decoded:
    """Decode ``raw`` to text, trusting a declaration only if the bytes agree with it."""
    decoded = _decode_bom(raw)
    if decoded is not None:
        return decoded
    wide = sniff_utf16(raw)
    if wide is not None:
        return _decoded(raw.decode(wide, errors="replace"), wide, "detected")
    for label, source in ((http_charset, "http"), (declared_charset(raw), "meta")):
        if label:
            decoded = _try_declared(raw, label, source)
            if decoded is not None:
                return decoded
    return _detect(raw, url)


def declared_charset(raw: bytes) -> str | None:
    """The charset a ``<meta>`` tag or XML declaration in the first 8 KB claims, if any."""
    match = _DECLARED_CHARSET.search(raw[:8192])
    if match is None:
        return None
    label = match.group(1) or match.group(2)
    return label.decode("ascii", "ignore") or None


def sniff_utf16(raw: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` for BOM-less UTF-16 markup, judged by its NUL bytes.

    ASCII markup in UTF-16 puts a NUL beside almost every character, always on the same
    side; binary data has NULs scattered on both sides.
    """
    sample = raw[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    for codec, ascii_side, other_side in (("utf-16-le", odd_nuls, even_nuls),
                                          ("utf-16-be", even_nuls, odd_nuls)):
        if ascii_side >= pairs * 0.3 and other_side <= pairs * 0.02:
            head = sample.decode(codec, errors="replace")
            if "<" in head and head.count("\ufffd") <= pairs * 0.02:
                return codec
    return None


def _decode_bom(raw: bytes) -> Decoded | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text, bad = _decode_counting(raw, codec)
            if _tolerable(bad, len(text)):
                return _decoded(text, codec, "bom")
            return None
    return None


def _try_declared(raw: bytes, label: str, source: str) -> Decoded | None:
    codec = _normalise(label)
    if codec is None or codec in _WIDE_CODECS:
        # No BOM and no UTF-16 NUL pattern (sniffed before): the declaration is wrong.
        return None
    if codec == "utf-8":
        # Damaged UTF-8 is still UTF-8 only when good multi-byte sequences outnumber the bad:
        # a windows-1252 page labelled utf-8 has bad sequences and no good ones.
        if not _is_mostly_utf8(raw):
            return None
        return _decoded(raw.decode("utf-8", errors="replace"), "utf-8", source)
    if _has_non_ascii(raw) and _is_mostly_utf8(raw):
        return None  # valid multi-byte UTF-8 is almost never an accident: the label lies
    if codec not in _MULTIBYTE_CODECS and _looks_multibyte(raw):
        detected = _detect_codec(raw)
        if detected is not None and detected in _MULTIBYTE_CODECS:
            return None  # e.g. unlabelled GBK behind a template's iso-8859-1
    text, bad = _decode_counting(raw, codec)
    if not _tolerable(bad, _non_ascii_count(text)):
        return None
    return _decoded(text, codec, source)


def _detect(raw: bytes, url: str | None) -> Decoded:
    if _is_mostly_utf8(raw):
        return _decoded(raw.decode("utf-8", errors="replace"), "utf-8", "detected")
    codec = _detect_codec(raw)
    if codec is not None:
        text, bad = _decode_counting(raw, codec)
        if _tolerable(bad, _non_ascii_count(text)):
            return _decoded(text, codec, "detected")
    text, bad = _decode_counting(raw, "cp1252")
    if bad > max(_TOLERATED_BAD_MIN, len(text) // 5):
        raise DecodingFailed("no charset turns the bytes into text", url=url)
    return _decoded(text, "cp1252", "default")


def _detect_codec(raw: bytes) -> str | None:
    """charset-normalizer's best guess, preferring windows-1252 when it fits as well."""
    matches = from_bytes(raw[:_DETECTION_SAMPLE])
    best = matches.best()
    if best is None or not best.encoding:
        return None
    codec = _normalise(best.encoding)
    if codec is None or codec in _MULTIBYTE_CODECS or codec in _WIDE_CODECS:
        return codec
    # Single-byte: charset-normalizer often ranks windows-1250 first for French or German
    # text; windows-1252 is what such a page means when it decodes as well.
    for match in matches:
        if _normalise(match.encoding) == "cp1252" and match.chaos <= best.chaos + 0.01:
            return "cp1252"
    sample = raw[:_DETECTION_SAMPLE]
    try:
        if sample.decode("cp1252") == sample.decode(codec):
            return "cp1252"
    except UnicodeDecodeError:
        pass
    return codec


def _normalise(label: str) -> str | None:
    """Python codec name for a charset label, widened the way browsers widen it."""
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_SUPERSETS.get(label, label)).name
        return codecs.lookup(_SUPERSETS.get(name, name)).name
    except LookupError:
        return None


def _decoded(text: str, codec: str, source: str) -> Decoded:
    return Decoded(text, _REPORTED_NAMES.get(codec, codec), source)


def _decode_counting(raw: bytes, codec: str) -> tuple[str, int]:
    """``raw`` decoded with replacement, and how many bad sequences were replaced."""
    try:
        return raw.decode(codec), 0
    except UnicodeDecodeError:
        pass
    except LookupError:
        return "", len(raw)
    text = raw.decode(codec, errors="replace")
    return text, max(0, text.count("\ufffd") - raw.count(b"\xef\xbf\xbd"))


def _tolerable(bad: int, non_ascii: int) -> bool:
    return bad <= max(_TOLERATED_BAD_MIN, non_ascii * _TOLERATED_BAD_SHARE)


def _is_mostly_utf8(raw: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few damaged sequences among many good ones."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return True
    text, bad = _decode_counting(raw, "utf-8")
    good = _non_ascii_count(text) - bad
    return good >= 4 * _TOLERATED_BAD_MIN and _tolerable(bad, good)


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _has_non_ascii(raw: bytes) -> bool:
    return not raw[:_DETECTION_SAMPLE].isascii()


def _looks_multibyte(raw: bytes) -> bool:
    """Most high bytes come in pairs or runs: GBK/Big5/Shift_JIS, not Latin text."""
    sample = raw[:_DETECTION_SAMPLE]
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    if high < 16:
        return False
    paired = sum(len(run) for run in _HIGH_RUN.findall(sample))
    return paired >= high * 0.7


_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")
_HIGH_BYTES = bytes(range(0x80, 0x100))
