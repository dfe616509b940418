"""Language of the body text, detected (``<html lang>`` is often wrong)."""

from __future__ import annotations

import py3langid


def detect_language(text: str, hint: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``; ``hint`` only when the text is too short to tell."""
    sample = text[:5000].strip()
    if len(sample) < 20:
        return hint
    code, _score = py3langid.classify(sample)
    return code or hint
