"""Syndicated copies on pages never seen before: pair precision and recall >= 0.95.

The corpus generator (benchmarks/syndication_corpus.py) writes new stories for every seed;
the seeds here were not used while the thresholds were chosen (benchmark default 7, tuning
seeds 1, 101-103). Pages are rendered as HTML with a credit line and go through extraction.
"""

from __future__ import annotations

import pytest

from benchmarks.syndication import (
    original_accuracy,
    pairs_by,
    records_for,
    score_pairs,
    thresher_groups,
)
from benchmarks.syndication_corpus import generate_corpus
from crawler.dedup import NearDupIndex, mark
from crawler.state import SQLiteStateStore


@pytest.fixture(scope="module")
def corpus():
    pages = generate_corpus(seed=2718, stories_per_topic=9)
    return pages, records_for(pages, via_html=True)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_pair_precision_and_recall_on_unseen_pages(corpus, language):
    pages, records = corpus
    chosen = [(p, r) for p, r in zip(pages, records, strict=True) if p.language == language]
    truth = {r.id: p.story_id for p, r in chosen}
    marked = thresher_groups([r for _, r in chosen])
    score = score_pairs(truth, {r.id: r.group_id for r in marked})
    print(f"{language}: {score.true_pairs} true pairs, precision {score.precision:.3f}, "
          f"recall {score.recall:.3f}")
    assert score.true_pairs >= 20  # enough copies for the numbers to mean something
    assert score.precision >= 0.95 and score.recall >= 0.95


def test_every_edit_kind_and_both_languages_are_in_the_corpus(corpus):
    pages, _ = corpus
    edits = {e for p in pages for e in p.edits}
    assert edits >= {"prefix", "drop", "update", "trim", "headline"}
    assert {p.language for p in pages if not p.is_original} == {"en", "zh"}


def test_unrelated_stories_on_the_same_topic_are_never_grouped(corpus):
    pages, records = corpus
    story_of = {r.id: p.story_id for p, r in zip(pages, records, strict=True)}
    marked = thresher_groups(records)
    grouped = pairs_by({r.id: r.group_id for r in marked})
    wrong = [(a, b) for a, b in grouped if story_of[a] != story_of[b]]
    assert wrong == []


def test_copies_name_the_true_original(corpus):
    """Credited outlet first, then the earliest date (extraction gives dates to the day,
    so same-day copies that credit nobody can tie; the first seen then wins)."""
    pages, records = corpus
    marked = thresher_groups(records)
    assert original_accuracy(pages, marked) >= 0.85
    copies = [(p, r) for p, r in zip(pages, marked, strict=True)
              if not p.is_original and p.credits]
    originals = {p.story_id: r.id for p, r in zip(pages, marked, strict=True) if p.is_original}
    assert all(r.duplicate_of == originals[p.story_id] for p, r in copies)


def test_copies_arriving_in_a_later_run_join_the_persisted_group(corpus, tmp_path):
    pages, records = corpus
    path = tmp_path / "state.sqlite"
    half = len(records) // 2
    groups: dict[str, str] = {}
    for batch in (records[:half], records[half:]):  # two crawls, one state file
        with SQLiteStateStore.open(path) as store:
            index = NearDupIndex(store.dedup)
            for record in batch:
                groups[record.id] = mark(record, index.add(record)).group_id
            store.commit()
    truth = {r.id: p.story_id for p, r in zip(pages, records, strict=True)}
    score = score_pairs(truth, groups)
    assert score.precision >= 0.95 and score.recall >= 0.95
