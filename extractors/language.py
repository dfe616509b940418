"""Language of the body text, detected: ``<html lang>`` is often wrong (aggregators copy
stories into an English template), so the page's own claim is only a fallback.

Rule: detect on the title and the body (py3langid). Chinese is ``zh`` (text in Han
characters without kana is Chinese, whatever a short-text model says). When the text is
too short or the model unsure, fall back to the caller's ``language_hint`` (explicit
knowledge about the source), then to the page's ``<html lang>``, else ``None``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import py3langid

MIN_CHARS = 40  # shorter text is not worth a guess (CJK characters count three)
MIN_CONFIDENCE = 0.60  # normalised probability of the best language
_SAMPLE_CHARS = 1500  # plenty to tell five languages apart; the cost grows with length
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"^([a-z]{2})(?:[-_].*)?$")


@dataclass(frozen=True)
class LanguageGuess:
    code: str | None  # ISO 639-1
    source: str | None  # "detected" | "hint" | "html_lang"

    @property
    def provenance(self) -> tuple[tuple[str, str], ...]:
        return (("language", self.source),) if self.source else ()


def detect_language(text: str, hint: str | None = None, page_language: str | None = None,
                    title: str | None = None) -> LanguageGuess:
    """ISO 639-1 code of ``text`` (see the module docstring for the fallbacks)."""
    sample = f"{title or ''}\n{text[:_SAMPLE_CHARS]}".strip()
    script = _by_script(sample)
    if script:
        return LanguageGuess(script, "detected")
    if _weight(sample) >= MIN_CHARS:
        code, confidence = _classify(sample)
        # py3langid 0.4 also knows languages with no ISO 639-1 code ("fuv", "zxx", "yue"):
        # the record promises a two-letter code, so those fall through to the hints / null.
        if code and len(code) == 2 and confidence >= MIN_CONFIDENCE:
            return LanguageGuess(code, "detected")
    for value, source in ((hint, "hint"), (page_language, "html_lang")):
        code = _iso_639_1(value)
        if code:
            return LanguageGuess(code, source)
    return LanguageGuess(None, None)


def _weight(sample: str) -> int:
    """Length in Latin-letter terms: one CJK character says about as much as three letters."""
    return len(sample) + 2 * len(_DENSE.findall(sample))


def _by_script(sample: str) -> str | None:
    """Chinese by its script: enough letters, mostly Han characters, no Japanese kana."""
    if _HAN.search(sample) is None:
        return None  # most pages: no need to count their letters (a quarter of the cost)
    letters = len(_LETTER.findall(sample))
    if letters < MIN_CHARS // 2:
        return None
    han = len(_HAN.findall(sample))
    if han >= 0.3 * letters and not _KANA.search(sample) and not _HANGUL.search(sample):
        return "zh"
    return None


def _classify(sample: str) -> tuple[str | None, float]:
    ranked = py3langid.rank(sample)
    if not ranked:
        return None, 0.0
    best_code, best_score = ranked[0]
    total = sum(math.exp(score - best_score) for _code, score in ranked[:10])
    return best_code, 1.0 / total


def _iso_639_1(value: str | None) -> str | None:
    match = _CODE.match((value or "").strip().lower())
    return match.group(1) if match else None
