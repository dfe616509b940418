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

Damaged UTF-8 stays UTF-8: when most of the non-ASCII bytes form valid multi-byte sequences
(legacy CJK codecs reach about 40% by accident, single-byte codecs none), the invalid runs
are replaced by U+FFFD and counted in ``Decoded.replaced`` — never handed to detection, which
reads the whole page as windows-1250. Bytes that are neither valid in their declared charset
nor plausible in any detected one, with more than a few non-ASCII bytes, raise
:class:`DecodingFailed` (reported) rather than becoming a garbled record.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
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
# Damaged UTF-8, judged by the share of non-ASCII bytes in valid multi-byte sequences (with
# at least a dozen accented letters' worth of them). Legacy CJK codecs reach ~40% by accident
# and single-byte codecs ~0%, so 80% is UTF-8 whatever else is claimed or detected, and a
# majority is UTF-8 where the alternative is a single-byte codec (or a utf-8 label).
# Between 20% and a majority the page mixes UTF-8 with something else: no single-byte
# reading of it is right, and with no multi-byte codec fitting either it is reported.
_UTF8_SHARE_ANYWAY = 0.8
_UTF8_SHARE_OVER_SINGLE_BYTE = 0.5
_UTF8_SHARE_MIXED = 0.2
_UTF8_MIN_GOOD_BYTES = 24
# With no plausible charset, a page may still fall back to windows-1252 when its non-ASCII
# bytes are this few (a stray byte in English text); more is text no decoding can vouch for.
_FALLBACK_HIGH_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    source: str  # "bom" | "http" | "meta" | "detected" | "default"
    replaced: int = 0  # invalid byte sequences replaced by U+FFFD (damaged UTF-8)
    # The page's bytes when ``text`` is their strict UTF-8 decoding, so that ``text`` encoded
    # to UTF-8 is these very bytes (the parser reads them instead of encoding the text again).
    utf8: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def provenance(self) -> tuple[tuple[str, str], ...]:
        """The record's note on the charset: only when bytes had to be replaced."""
        if not self.replaced:
            return ()
        return (("charset", f"{self.source}, {self.replaced} invalid byte sequences replaced"),)


def decode_html(raw: bytes, http_charset: str | None = None, url: str | None = None) -> Decoded:
    """Decode ``raw`` to text, trusting a declaration only if the bytes agree with it."""
    decoded = _decode_bom(raw)
    if decoded is not None:
        return decoded
    wide = sniff_utf16(raw)
    if wide is not None:
        return _decoded(raw.decode(wide, errors="replace"), wide, "detected")
    utf8 = _valid_utf8(raw)  # every later step asks whether the bytes are UTF-8: decode once
    for label, source in ((http_charset, "http"), (declared_charset(raw), "meta")):
        if label:
            decoded = _try_declared(raw, label, source, utf8)
            if decoded is not None:
                return decoded
    return _detect(raw, url, utf8)


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


def _try_declared(raw: bytes, label: str, source: str, utf8: str | None) -> Decoded | None:
    codec = _normalise(label)
    if codec is None or codec in _WIDE_CODECS:
        # No BOM and no UTF-16 NUL pattern (sniffed before): the declaration is wrong.
        return None
    utf8_share = _utf8_share(raw, utf8)
    if codec == "utf-8":
        # Damaged UTF-8 is still UTF-8 only when good multi-byte sequences outnumber the bad:
        # a windows-1252 page labelled utf-8 has bad sequences and no good ones.
        if utf8_share < _UTF8_SHARE_OVER_SINGLE_BYTE:
            return None
        return _decoded_utf8(raw, source, utf8)
    single_byte = codec not in _MULTIBYTE_CODECS
    enough = _UTF8_SHARE_MIXED if single_byte else _UTF8_SHARE_ANYWAY
    if _has_non_ascii(raw) and utf8_share >= enough:
        return None  # valid multi-byte UTF-8 is almost never an accident: the label lies
    if single_byte and _looks_multibyte(raw):
        detected = _detect_codec(raw)
        if detected is not None and detected in _MULTIBYTE_CODECS:
            return None  # e.g. unlabelled GBK behind a template's iso-8859-1
    text, bad = _decode_counting(raw, codec)
    if not _tolerable(bad, _non_ascii_count(text)):
        return None
    return _decoded(text, codec, source)


def _detect(raw: bytes, url: str | None, utf8: str | None) -> Decoded:
    utf8_share = _utf8_share(raw, utf8)
    if utf8_share >= _UTF8_SHARE_ANYWAY:
        return _decoded_utf8(raw, "detected", utf8)
    codec = _detect_codec(raw)
    if codec not in _MULTIBYTE_CODECS:
        # A single-byte guess over mostly valid UTF-8 (charset-normalizer likes windows-1250
        # for damaged UTF-8) would garble every accented letter to save a few bad runs.
        if utf8_share >= _UTF8_SHARE_OVER_SINGLE_BYTE:
            return _decoded_utf8(raw, "detected", utf8)
        if utf8_share >= _UTF8_SHARE_MIXED:
            codec = None  # UTF-8 mixed with something else: no single-byte reading is right
    if codec is not None:
        text, bad = _decode_counting(raw, codec)
        if _tolerable(bad, _non_ascii_count(text)):
            return _decoded(text, codec, "detected")
    high = _high_byte_count(raw)
    if high > max(_TOLERATED_BAD_MIN, len(raw) * _FALLBACK_HIGH_SHARE):
        guess = f" (detection's best guess, {codec}, leaves bad sequences)" if codec else ""
        raise DecodingFailed(f"{high} non-ASCII bytes are text neither in the declared charset "
                             f"nor in any charset detection finds plausible{guess}", url=url)
    text, _ = _decode_counting(raw, "cp1252")
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


def _decoded_utf8(raw: bytes, source: str, utf8: str | None) -> Decoded:
    if utf8 is not None:
        return Decoded(utf8, "utf-8", source, utf8=raw)
    text, bad = _decode_counting(raw, "utf-8")
    return Decoded(text, "utf-8", source, replaced=bad)


def _valid_utf8(raw: bytes) -> str | None:
    """``raw`` decoded when it is valid UTF-8, else None."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


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


def _utf8_share(raw: bytes, utf8: str | None) -> float:
    """How much of ``raw`` is UTF-8 (``utf8``: its text when valid, else None): 1.0 when
    valid (or damaged only by a few stray bytes), else the share of its non-ASCII bytes
    that form valid multi-byte sequences (0.0 with too few of those to judge).

    Damage is judged in bytes: GBK, Shift_JIS or EUC text read as UTF-8 has well over half
    of its high bytes invalid; single-byte Latin or Cyrillic text has nearly all of them.
    """
    if utf8 is not None:  # ``raw`` decoded, when it is valid UTF-8
        return 1.0
    text, bad = _decode_counting(raw, "utf-8")
    good = _non_ascii_count(text) - bad
    if good >= 4 * _TOLERATED_BAD_MIN and _tolerable(bad, good):
        return 1.0
    good_bytes = _high_byte_count(text.replace("\ufffd", "").encode("utf-8"))
    if good_bytes < _UTF8_MIN_GOOD_BYTES:
        return 0.0
    return good_bytes / _high_byte_count(raw)  # the other high bytes were replaced


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _high_byte_count(raw: bytes) -> int:
    return len(raw) - len(raw.translate(None, _HIGH_BYTES))


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
