"""Drift figures of one run's records."""

from __future__ import annotations

from crawler.service.drift import drift_of


def record(words: int, lint: int = 0, duplicate: bool = False) -> dict:
    return {"word_count": words, "duplicate_of": "x" if duplicate else None,
            "extraction": {"clutter_lint": ["lexicon:x: y"] * lint}}


def test_figures_of_a_run() -> None:
    records = [record(0), record(100, lint=2), record(300, duplicate=True), record(500, lint=1)]
    figures = drift_of(records, {"body_too_short": 2, "no_article_body": 1, "http_404": 5})
    assert figures == {
        "records": 4,
        "median_word_count": 200,
        "empty_body_rate": round(4 / 7, 4),  # 1 empty record + 3 empty-body errors, of 7
        "clutter_lint_hits": 3,
        "duplicate_rate": 0.25,
    }


def test_a_run_without_records_has_no_median_or_rates() -> None:
    assert drift_of([]) == {"records": 0, "median_word_count": None, "empty_body_rate": None,
                            "clutter_lint_hits": 0, "duplicate_rate": None}
    assert drift_of([], {"no_article_body": 2})["empty_body_rate"] == 1.0
