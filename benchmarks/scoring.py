"""Body scoring exactly as scrapinghub/article-extraction-benchmark's ``evaluate.py`` does it.

Words are runs of ``\\w`` characters; a page is compared on its 4-word shingles counted as
a multiset. Each page's true positives, false positives and false negatives are divided by
their sum, so a long page weighs no more than a short one. Precision is averaged over the
pages with a non-empty prediction (an empty prediction has no precision: it is left out),
recall over the pages with a non-empty truth; F1 is taken of the two averages. "Accuracy"
is the share of pages whose word sequence equals the truth's exactly.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE_WORDS = 4


@dataclass(frozen=True)
class PageScore:
    """One page's shingle counts, normalised so that tp + fp + fn == 1 (or all zero)."""

    tp: float
    fp: float
    fn: float
    exact: bool  # the predicted word sequence equals the truth's

    @property
    def precision(self) -> float | None:
        """``None`` when the prediction is empty (upstream leaves such pages out)."""
        return _ratio(self.tp, self.fp, self.fn) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        """``None`` when the truth is empty."""
        return _ratio(self.tp, self.fn, self.fp) if self.tp + self.fn > 0 else None


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def words(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_WORDS) -> Counter[tuple[str, ...]]:
    """Multiset of n-word shingles; a text under n words is one shorter shingle."""
    tokens = words(text)
    grams = (tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def score_page(truth: str | None, prediction: str | None) -> PageScore:
    true_counts, pred_counts = shingles(truth), shingles(prediction)
    tp = sum((true_counts & pred_counts).values())
    fp = sum((pred_counts - true_counts).values())
    fn = sum((true_counts - pred_counts).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(float(tp), float(fp), float(fn), words(truth) == words(prediction))


def summarise(scores: Iterable[PageScore]) -> Summary:
    scores = list(scores)
    precisions = [s.precision for s in scores if s.precision is not None]
    recalls = [s.recall for s in scores if s.recall is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = statistics.mean(float(s.exact) for s in scores) if scores else 0.0
    return Summary(precision, recall, f1, accuracy, len(scores))


def _ratio(hit: float, miss: float, other: float) -> float:
    """Upstream's precision_score/recall_score: perfect when nothing is wrong either way."""
    if miss == other == 0:
        return 1.0
    if hit == miss == 0:
        return 0.0
    return hit / (hit + miss)
