"""Extraction drift per run: the figures the dashboard charts per source over time.

A site redesign shows up here before anyone reads a record: word counts drop, bodies come
back empty, clutter the rules used to catch leaks through (lint hits), or copies pile up.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from typing import Any

from extractors import BodyTooShort, ContentError, NoArticleBody

# Extraction error reasons that mean "the page had no usable body".
EMPTY_BODY_ERRORS = frozenset({NoArticleBody.reason, BodyTooShort.reason, ContentError.reason})


def drift_of(records: list[dict[str, Any]],
             errors_by_reason: Mapping[str, int] | None = None) -> dict[str, Any]:
    """Drift figures for one run's records.

    ``errors_by_reason`` counts the run's pages that did not become records, by reason; those
    with an empty-body reason count toward the empty-body rate, since such pages never become
    records yet are exactly what the rate must see.
    """
    empty_errors = sum(count for reason, count in (errors_by_reason or {}).items()
                       if _is_empty_body(reason))
    words = [int(r.get("word_count") or 0) for r in records]
    empty = sum(1 for w in words if w == 0) + empty_errors
    attempts = len(records) + empty_errors
    lint_hits = sum(len((r.get("extraction") or {}).get("clutter_lint") or ()) for r in records)
    duplicates = sum(1 for r in records if r.get("duplicate_of"))
    return {
        "records": len(records),
        "median_word_count": statistics.median(words) if words else None,
        "empty_body_rate": round(empty / attempts, 4) if attempts else None,
        "clutter_lint_hits": lint_hits,
        "duplicate_rate": round(duplicates / len(records), 4) if records else None,
    }


def _is_empty_body(reason: str) -> bool:
    code = reason.split(":", 1)[0].strip()
    return code in EMPTY_BODY_ERRORS
