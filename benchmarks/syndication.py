"""Syndicated-copy grouping quality on a fresh synthetic corpus (English and Chinese).

Pair-level precision and recall of Thresher's groups (two pages are a true pair when they
carry the same story), the share of copies whose ``duplicate_of`` names the true original,
and beside them a plain datasketch ``MinHashLSH`` at the same threshold (its candidates taken
as the grouping, connected components) on the same records in the same run.

    python -m benchmarks.syndication [--seed N] [--stories-per-topic N] [--html]

``--html`` renders every page with its outlet's chrome and a credit line and sends it
through ``extractors.extract`` first (slower; the default builds the records directly).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from datasketch import MinHashLSH

from crawler.dedup import DedupOptions, MinHasher, NearDupIndex, mark_batch, shingle_hashes
from crawler.dedup.index import matching_text
from crawler.state import SQLiteStateStore
from extractors import Article, extract

from .syndication_corpus import SyndicatedPage, generate_corpus, to_article, to_html


@dataclass(frozen=True)
class PairScore:
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def pairs_by(labels: dict[str, str]) -> set[tuple[str, str]]:
    """Unordered pairs of keys that share a label."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key, label in labels.items():
        groups[label].append(key)
    return {tuple(sorted(p)) for members in groups.values()
            for p in itertools.combinations(members, 2)}


def score_pairs(truth: dict[str, str], predicted: dict[str, str]) -> PairScore:
    true_pairs, predicted_pairs = pairs_by(truth), pairs_by(predicted)
    return PairScore(len(true_pairs), len(predicted_pairs), len(true_pairs & predicted_pairs))


def records_for(pages: Sequence[SyndicatedPage], via_html: bool) -> list[Article]:
    if not via_html:
        return [to_article(p) for p in pages]
    return [extract(to_html(p), p.url) for p in pages]


def thresher_groups(records: Sequence[Article],
                    options: DedupOptions | None = None) -> list[Article]:
    with SQLiteStateStore.open() as store:
        return mark_batch(records, NearDupIndex(store.dedup, options or DedupOptions()))


def baseline_groups(records: Sequence[Article], options: DedupOptions) -> dict[str, str]:
    """Plain datasketch MinHashLSH at the same threshold: candidates linked into components."""
    hasher = MinHasher(options.params)
    lsh = MinHashLSH(threshold=options.threshold, num_perm=options.params.num_perm)
    parent = {r.id: r.id for r in records}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for record in records:
        sketch = hasher.minhash(shingle_hashes(matching_text(record), record.language))
        for other in lsh.query(sketch):
            parent[root(other)] = root(record.id)
        lsh.insert(record.id, sketch)
    return {r.id: root(r.id) for r in records}


def original_accuracy(pages: Sequence[SyndicatedPage], records: Sequence[Article]) -> float:
    """Share of copies whose duplicate_of is the true original's record id."""
    original_ids = {p.story_id: r.id for p, r in zip(pages, records, strict=True)
                    if p.is_original}
    copies = [(p, r) for p, r in zip(pages, records, strict=True) if not p.is_original]
    if not copies:
        return 1.0
    right = sum(1 for p, r in copies if r.duplicate_of == original_ids[p.story_id])
    return right / len(copies)


def evaluate(pages: Sequence[SyndicatedPage], records: Sequence[Article],
             options: DedupOptions | None = None) -> dict[str, object]:
    options = options or DedupOptions()
    truth = {r.id: p.story_id for p, r in zip(pages, records, strict=True)}
    start = time.perf_counter()
    marked = thresher_groups(records, options)
    thresher_seconds = time.perf_counter() - start
    start = time.perf_counter()
    baseline = baseline_groups(records, options)
    baseline_seconds = time.perf_counter() - start
    return {
        "thresher": score_pairs(truth, {r.id: r.group_id for r in marked}),
        "baseline": score_pairs(truth, baseline),
        "originals": original_accuracy(pages, marked),
        "thresher_seconds": thresher_seconds,
        "baseline_seconds": baseline_seconds,
    }


def _by_language(pages: Sequence[SyndicatedPage], records: Sequence[Article],
                 languages: Iterable[str]) -> dict[str, dict[str, object]]:
    out = {}
    for language in languages:
        chosen = [(p, r) for p, r in zip(pages, records, strict=True) if p.language == language]
        out[language] = evaluate([p for p, _ in chosen], [r for _, r in chosen])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stories-per-topic", type=int, default=40)
    parser.add_argument("--html", action="store_true", help="extract rendered pages first")
    args = parser.parse_args(argv)
    pages = generate_corpus(args.seed, args.stories_per_topic)
    records = records_for(pages, args.html)
    copies = sum(1 for p in pages if not p.is_original)
    print(f"seed {args.seed}: {len(pages)} pages, {len(pages) - copies} stories, "
          f"{copies} copies ({'extracted from HTML' if args.html else 'records built directly'})")
    results = {"all": evaluate(pages, records)}
    results.update(_by_language(pages, records, ("en", "zh")))
    print(f"{'set':<5} {'method':<24} {'pairs':>6} {'predicted':>9} {'precision':>9} "
          f"{'recall':>7} {'originals':>9} {'seconds':>8}")
    for name, result in results.items():
        for method in ("thresher", "baseline"):
            score: PairScore = result[method]  # type: ignore[assignment]
            originals = f"{result['originals']:.3f}" if method == "thresher" else "-"
            label = "Thresher (persistent)" if method == "thresher" else "datasketch MinHashLSH"
            print(f"{name:<5} {label:<24} {score.true_pairs:>6} {score.predicted_pairs:>9} "
                  f"{score.precision:>9.3f} {score.recall:>7.3f} {originals:>9} "
                  f"{result[method + '_seconds']:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
