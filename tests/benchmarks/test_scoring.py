"""The benchmark's scoring, checked on tiny hand-made pages against hand-computed values."""

import pytest

from benchmarks.scoring import score_page, shingles, summarise, words


def test_words_are_runs_of_word_characters():
    expected = ["Hello", "wörld", "snake_case", "42", "北京"]
    assert words("Hello, wörld! snake_case 42 — 北京") == expected


def test_shingles_are_a_multiset_of_four_word_windows():
    counts = shingles("a b c d a b c d")
    assert counts[("a", "b", "c", "d")] == 2
    assert sum(counts.values()) == 5


def test_a_text_shorter_than_a_shingle_is_one_short_shingle():
    assert shingles("just three words") == {("just", "three", "words"): 1}
    assert shingles("") == {}


def test_perfect_prediction_ignores_punctuation_and_layout():
    score = score_page("One two three four five.", "One two\n\nthree four - five")
    assert (score.precision, score.recall, score.exact) == (1.0, 1.0, True)


def test_extra_and_missing_shingles_are_counted_per_page():
    # truth: 3 shingles (a b c d, b c d e, c d e f); prediction: 2 of them plus 2 extra.
    score = score_page("a b c d e f", "a b c d e x y")
    assert score.tp == pytest.approx(2 / 5)
    assert score.fp == pytest.approx(2 / 5)
    assert score.fn == pytest.approx(1 / 5)
    assert score.precision == pytest.approx(2 / 4)
    assert score.recall == pytest.approx(2 / 3)
    assert not score.exact


def test_empty_prediction_has_no_precision_and_zero_recall():
    score = score_page("a b c d e", "")
    assert score.precision is None
    assert score.recall == 0.0


def test_empty_truth_and_prediction_count_for_accuracy_only():
    score = score_page("", None)
    assert score.precision is None and score.recall is None and score.exact


def test_summary_averages_pages_then_takes_f1_of_the_averages():
    pages = [score_page("a b c d e", "a b c d e"),  # p = r = 1
             score_page("a b c d e f", "a b c d e x y"),  # p = 1/2, r = 2/3
             score_page("a b c d e", "")]  # no precision, r = 0
    summary = summarise(pages)
    assert summary.precision == pytest.approx((1 + 1 / 2) / 2)
    assert summary.recall == pytest.approx((1 + 2 / 3 + 0) / 3)
    p, r = summary.precision, summary.recall
    assert summary.f1 == pytest.approx(2 * p * r / (p + r))
    assert summary.accuracy == pytest.approx(1 / 3)
