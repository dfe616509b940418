"""Text to a set of shingle hashes: word 3-grams, or character 3-grams for Chinese/Japanese.

Chinese and Japanese are written without spaces, so a "word" regex would see whole sentences
as one token; overlapping character triples carry the same signal there. Hashes are stable
across processes and runs (crc32 of each token, mixed in numpy), never Python's salted
``hash()``: the index is persistent.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

WORD_SHINGLE = 3
CHAR_SHINGLE = 3
CHARACTER_LANGUAGES = frozenset({"zh", "ja"})

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NOT_LETTER = re.compile(r"[\W_]+", re.UNICODE)
# Odd 64-bit multipliers: position i of a shingle is weighted by _MIX[i] before summing, so
# "a b c" and "c b a" hash differently.
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD], dtype=np.uint64)


def uses_characters(text: str, language: str | None) -> bool:
    """Whether ``text`` is shingled by characters (Chinese, Japanese) rather than words."""
    if language:
        return language.split("-")[0].lower() in CHARACTER_LANGUAGES
    points = np.frombuffer(text[:2000].encode("utf-32-le"), dtype=np.uint32)
    letters = np.count_nonzero(points > 0x40)  # roughly: not space, digit or ASCII punctuation
    cjk = np.count_nonzero(((points >= 0x3040) & (points <= 0x30FF))
                           | ((points >= 0x3400) & (points <= 0x9FFF))
                           | ((points >= 0xF900) & (points <= 0xFAFF)))
    return letters > 0 and cjk / letters > 0.3


def shingle_hashes(text: str, language: str | None = None) -> np.ndarray:
    """The distinct shingle hashes of ``text`` as a sorted uint32 array (maybe empty)."""
    if uses_characters(text, language):
        units = _character_units(text)
        size = CHAR_SHINGLE
    else:
        units = _word_units(text)
        size = WORD_SHINGLE
    return np.unique(combine_units(units, size))


def _word_units(text: str) -> np.ndarray:
    words = _WORD.findall(text.casefold())
    return np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64,
                       count=len(words))


def _character_units(text: str) -> np.ndarray:
    letters = _NOT_LETTER.sub("", text.casefold())
    # Code points straight from the UTF-32 encoding: no Python loop over characters.
    return np.frombuffer(letters.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def combine_units(units: np.ndarray, size: int) -> np.ndarray:
    """Hash each run of ``size`` consecutive units into one uint32 (texts shorter than
    ``size`` units give a single shingle of what there is)."""
    if len(units) == 0:
        return np.zeros(0, dtype=np.uint32)
    size = min(size, len(units))
    count = len(units) - size + 1
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(size):
        mixed += units[offset:offset + count] * _MIX[offset]
    mixed ^= mixed >> np.uint64(29)
    mixed *= _MIX[4]
    return (mixed >> np.uint64(32)).astype(np.uint32)
