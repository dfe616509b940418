"""Aggregator benchmark: Thresher vs bare trafilatura on unseen, generated aggregator pages.

The pages are the seed page's kind (a copied story wrapped in "search for", "Published on …
source:…", "Randomly recommend to you", copyright statements, "Powered by … sitemap",
"Back to top" …) in en/zh/de/es/fr and ten layouts; see ``aggregator_gen.py``. Ground truth
comes with each page, so the numbers are exact, not judged.

    python -m benchmarks.aggregator --split dev --pages 300
    python -m benchmarks.aggregator --split holdout --show-failures 5 --json /tmp/agg.json
    python -m benchmarks.aggregator --split fresh --pages 300   # the never-tuned-on split

Metrics, per system, side by side:
- clutter pages: share of pages whose text still holds any inserted clutter line
  (``aggregator_match``: same words as an output line, or a distinctive line contained)
- body P/R/F1: Scrapinghub shingle scoring (``benchmarks/scoring.py``)
- list items kept: share of ground-truth list items whose words appear in the text
- title / date (day) / original_source / language accuracy; trafilatura has no
  original_source or language, shown as "n/a"
- median ms per page (trafilatura: extract() plus extract_metadata())
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import trafilatura

import extractors
from extractors.errors import ExtractionError

from .aggregator_gen import SPLITS, GeneratedPage, generate_pages
from .aggregator_match import TextIndex, tokens
from .scoring import PageScore, score_page, summarise

TARGETS = {"clutter_pages": ("<", 0.10), "body_f1": (">=", 0.97), "title": (">=", 0.95),
           "date": (">=", 0.95), "original_source": (">=", 0.95), "language": (">=", 0.95)}
FIELDS = ("title", "date", "original_source", "language")
PAGE_F1_FAIL = 0.9  # a page below this body F1 counts as a body failure


@dataclass(frozen=True)
class Outcome:
    """What one system produced for one page."""

    text: str
    title: str | None
    day: str | None  # YYYY-MM-DD
    original_source: str | None
    language: str | None
    ms: float
    error: str | None = None


@dataclass(frozen=True)
class PageResult:
    page_id: str
    layout: str
    language: str
    kept_clutter: tuple[str, ...]
    kept_kinds: tuple[str, ...]
    score: PageScore
    list_total: int
    list_missing: tuple[str, ...]
    fields: dict[str, bool | None]  # None: the system does not produce this field
    ms: float
    error: str | None

    @property
    def page_f1(self) -> float:
        p, r = self.score.precision or 0.0, self.score.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def failed(self) -> bool:
        return bool(self.kept_clutter or self.list_missing or self.error
                    or self.page_f1 < PAGE_F1_FAIL
                    or any(ok is False for ok in self.fields.values()))


# -- the two systems ----------------------------------------------------------------------


def run_thresher(page: GeneratedPage) -> Outcome:
    start = time.perf_counter()
    try:
        article = extractors.extract(page.html, page.url)
    except ExtractionError as exc:
        return Outcome("", None, None, None, None, _ms(start), f"{type(exc).__name__}: {exc}")
    return Outcome(article.text, article.title, (article.published_at or "")[:10] or None,
                   article.original_source, article.language, _ms(start))


def run_trafilatura(page: GeneratedPage) -> Outcome:
    start = time.perf_counter()
    text = trafilatura.extract(page.html, url=page.url) or ""
    meta = trafilatura.extract_metadata(page.html, default_url=page.url)
    ms = _ms(start)
    title = meta.title if meta else None
    day = (meta.date or "")[:10] or None if meta else None
    return Outcome(text, title, day, None, None, ms, None if text else "no text")


SYSTEMS: dict[str, Callable[[GeneratedPage], Outcome]] = {
    "thresher": run_thresher,
    "trafilatura": run_trafilatura,
}


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


# -- scoring ------------------------------------------------------------------------------


def judge(page: GeneratedPage, outcome: Outcome, has_extra_fields: bool) -> PageResult:
    truth = page.truth
    index = TextIndex(outcome.text)
    kept = [c for c in truth.clutter if index.holds(c.text)]
    missing = tuple(item for item in truth.list_items if not index.contains_words_of(item))
    fields: dict[str, bool | None] = {
        "title": tokens(outcome.title or "") == tokens(truth.title),
        "date": outcome.day == truth.published_day,
        "original_source": (tokens(outcome.original_source or "") == tokens(truth.original_source)
                            if has_extra_fields else None),
        "language": ((outcome.language or "")[:2].lower() == truth.language
                     if has_extra_fields else None),
    }
    return PageResult(
        page.page_id, page.layout, truth.language,
        tuple(c.text for c in kept), tuple(sorted({c.kind for c in kept})),
        score_page(truth.body, outcome.text), len(truth.list_items), missing, fields,
        outcome.ms, outcome.error,
    )


def summary(results: list[PageResult]) -> dict[str, float | None]:
    body = summarise(r.score for r in results)
    list_total = sum(r.list_total for r in results)
    out: dict[str, float | None] = {
        "pages": len(results),
        "clutter_pages": _share(bool(r.kept_clutter) for r in results),
        "body_precision": body.precision,
        "body_recall": body.recall,
        "body_f1": body.f1,
        "list_items_kept": (1 - sum(len(r.list_missing) for r in results) / list_total
                            if list_total else None),
        "errors": sum(r.error is not None for r in results),
        "median_ms": statistics.median(r.ms for r in results) if results else 0.0,
    }
    for name in FIELDS:
        values = [r.fields[name] for r in results if r.fields[name] is not None]
        out[name] = _share(values) if values else None
    return out


def _share(flags: Iterable[bool]) -> float:
    flags = list(flags)
    return sum(flags) / len(flags) if flags else 0.0


# -- report -------------------------------------------------------------------------------

_ROWS = (
    ("clutter_pages", "pages keeping any clutter line", "pct"),
    ("body_precision", "body precision (shingles)", "num"),
    ("body_recall", "body recall (shingles)", "num"),
    ("body_f1", "body F1 (shingles)", "num"),
    ("list_items_kept", "list items kept", "pct"),
    ("title", "title accuracy", "pct"),
    ("date", "date accuracy (day)", "pct"),
    ("original_source", "original_source accuracy", "pct"),
    ("language", "language accuracy", "pct"),
    ("errors", "extraction errors (pages)", "int"),
    ("median_ms", "median ms/page", "ms"),
)


def _fmt(value: float | None, kind: str) -> str:
    if value is None:
        return "n/a"
    return {"pct": f"{value:6.1%}", "num": f"{value:.3f}", "int": f"{int(value)}",
            "ms": f"{value:.1f}"}[kind]


def _target(key: str) -> str:
    if key not in TARGETS:
        return ""
    op, value = TARGETS[key]
    return f"{op} {value:.0%}" if key != "body_f1" else f"{op} {value:.2f}"


def _meets(key: str, value: float | None) -> str:
    if key not in TARGETS or value is None:
        return ""
    op, goal = TARGETS[key]
    return "ok" if (value < goal if op == "<" else value >= goal) else "MISS"


def print_report(split: str, seed: int, sums: dict[str, dict], results: dict[str, list[PageResult]],
                 out=sys.stdout) -> None:
    n = sums["thresher"]["pages"]
    print(f"Aggregator benchmark: split={split} seed={seed} pages={n}", file=out)
    print(f"{'metric':34} {'target':>8} {'thresher':>10} {'':4} {'trafilatura':>11}", file=out)
    for key, label, kind in _ROWS:
        th, tr = sums["thresher"][key], sums["trafilatura"][key]
        print(f"{label:34} {_target(key):>8} {_fmt(th, kind):>10} {_meets(key, th):4} "
              f"{_fmt(tr, kind):>11}", file=out)
    th_ms, tr_ms = sums["thresher"]["median_ms"], sums["trafilatura"]["median_ms"]
    if tr_ms:
        print(f"{'speed ratio thresher/trafilatura':34} {'':>8} {th_ms / tr_ms:>10.2f}", file=out)
    thresher = results["thresher"]
    for title, key in (("language", lambda r: r.language), ("layout", lambda r: r.layout)):
        print(f"\nThresher by {title}:", file=out)
        _print_breakdown(thresher, key, out)
    kinds = Counter(k for r in thresher for k in r.kept_kinds)
    if kinds:
        print("\nThresher: clutter kinds kept (pages): "
              + ", ".join(f"{k} {v}" for k, v in kinds.most_common()), file=out)


def _print_breakdown(results: list[PageResult], key: Callable[[PageResult], str], out) -> None:
    groups: dict[str, list[PageResult]] = defaultdict(list)
    for r in results:
        groups[key(r)].append(r)
    print(f"  {'group':18} {'pages':>5} {'failed':>6} {'clutter':>8} {'F1':>6} {'lists':>6} "
          f"{'title':>6} {'date':>6} {'source':>6} {'lang':>6}", file=out)
    for name in sorted(groups):
        s = summary(groups[name])
        failed = sum(r.failed for r in groups[name])
        print(f"  {name:18} {s['pages']:>5} {failed:>6} {_fmt(s['clutter_pages'], 'pct'):>8} "
              f"{s['body_f1']:>6.3f} {_fmt(s['list_items_kept'], 'pct'):>6} "
              + " ".join(f"{_fmt(s[f], 'pct'):>6}" for f in FIELDS), file=out)


def print_failures(pages: list[GeneratedPage], results: list[PageResult],
                   outcomes: list[Outcome], limit: int, out=sys.stdout) -> None:
    shown = 0
    for page, result, outcome in zip(pages, results, outcomes, strict=True):
        if shown >= limit or not result.failed:
            continue
        shown += 1
        truth = page.truth
        print(f"\n=== {page.page_id} layout={page.layout} lang={truth.language} {page.url}",
              file=out)
        if result.error:
            print(f"  error: {result.error}", file=out)
        print(f"  body F1 {result.page_f1:.3f}", file=out)
        for line in list(dict.fromkeys(result.kept_clutter))[:10]:
            print(f"  kept clutter: {line!r}", file=out)
        for item in result.list_missing[:6]:
            print(f"  lost list item: {item[:100]!r}", file=out)
        got = {"title": outcome.title, "date": outcome.day,
               "original_source": outcome.original_source, "language": outcome.language}
        want = {"title": truth.title, "date": truth.published_day,
                "original_source": truth.original_source, "language": truth.language}
        for name, ok in result.fields.items():
            if ok is False:
                print(f"  {name}: got {got[name]!r}, want {want[name]!r}", file=out)
        diff = difflib.unified_diff(
            [x for x in truth.body.split("\n") if x.strip()],
            [x for x in outcome.text.split("\n") if x.strip()],
            "truth", "thresher", n=0, lineterm="")
        for line in list(diff)[:30]:
            print("  " + line[:160], file=out)


# -- main ---------------------------------------------------------------------------------


def run(split: str, count: int, seed: int) -> tuple[list[GeneratedPage], dict, dict, dict]:
    pages = generate_pages(split, count, seed)
    outcomes: dict[str, list[Outcome]] = {name: [] for name in SYSTEMS}
    for page in pages:
        for name, system in SYSTEMS.items():
            outcomes[name].append(system(page))
    results = {
        name: [judge(p, o, name == "thresher") for p, o in zip(pages, outs, strict=True)]
        for name, outs in outcomes.items()
    }
    sums = {name: summary(rs) for name, rs in results.items()}
    return pages, outcomes, results, sums


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Thresher vs trafilatura on aggregator pages.")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show-failures", type=int, default=0, metavar="N",
                        help="dump N of Thresher's failing pages with diffs")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write summary + per-page results")
    args = parser.parse_args(argv)
    pages, outcomes, results, sums = run(args.split, args.pages, args.seed)
    print_report(args.split, args.seed, sums, results)
    if args.show_failures:
        print_failures(pages, results["thresher"], outcomes["thresher"], args.show_failures)
    if args.json:
        payload = {
            "split": args.split, "seed": args.seed, "targets": TARGETS, "summary": sums,
            "pages": {name: [_page_json(r) for r in rs] for name, rs in results.items()},
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _page_json(result: PageResult) -> dict:
    data = asdict(result)
    data["page_f1"] = round(result.page_f1, 4)
    data["failed"] = result.failed
    return data


if __name__ == "__main__":
    raise SystemExit(main())
