"""Article-body quality and speed: Thresher vs bare ``trafilatura.extract`` in one run.

Reads the Zyte/Scrapinghub article-extraction-benchmark at run time (never copied into the
repo) and scores both extractors the way its ``evaluate.py`` does (see ``scoring.py``).

    python -m benchmarks.extraction [--bench DIR] [--limit N] [--repeat N] [--json OUT]
                                    [--worst N] [--stages]

Timing is built to hold on a noisy, shared machine, and to treat both sides alike:

- each page is extracted by both contenders back to back, ``--repeat`` times (default 3),
  the order swapped on every repetition, so a burst of load from elsewhere hits both;
- a page's time is the minimum of its repetitions (noise only ever adds time), and the
  figure reported is the median of those minima over pages, with the ratio of the two
  medians (``xR`` on Thresher's line);
- one untimed warm-up call each first (py3langid loads its model on first use).

Quality is scored on the first repetition's output, exactly as before (extraction is
deterministic: later repetitions give the same text). ``--repeat 1`` is the old single pass.

``--stages`` re-runs Thresher under cProfile and prints the time of each step that
``extractors.api.extract`` calls (profiled, so slower than the medians above; compare shares).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import trafilatura

from extractors import ExtractionError, extract

from .scoring import PageScore, Summary, score_page, summarise

# ../shared/bench relative to the repository, read at run time, never copied in.
DEFAULT_BENCH = (Path(__file__).resolve().parents[2] / "shared" / "bench"
                 / "article-extraction-benchmark")


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    truth: str
    raw: bytes


@dataclass(frozen=True)
class Outcome:
    text: str
    seconds: float
    error: str | None = None
    clutter_lint: tuple[str, ...] = ()


def load_pages(bench: Path, limit: int | None) -> list[Page]:
    truth = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(Page(page_id, truth[page_id]["url"], truth[page_id]["articleBody"], raw))
    return pages


def run_thresher(page: Page) -> Outcome:
    start = time.perf_counter()
    try:
        record = extract(page.raw, page.url)
    except ExtractionError as exc:
        return Outcome("", time.perf_counter() - start, error=exc.reason)
    return Outcome(record.text, time.perf_counter() - start,
                   clutter_lint=record.extraction.clutter_lint)


def run_trafilatura(page: Page) -> Outcome:
    # Upstream's runner: the page decoded as UTF-8, trafilatura's default settings.
    html = page.raw.decode("utf-8")
    start = time.perf_counter()
    text = trafilatura.extract(html, include_comments=False)
    return Outcome(text or "", time.perf_counter() - start)


RUNNERS: dict[str, Callable[[Page], Outcome]] = {
    "thresher": run_thresher,
    "trafilatura": run_trafilatura,
}


def time_pages(pages: list[Page], repeat: int) -> dict[str, list[Outcome]]:
    """Every page through every runner ``repeat`` times, interleaved; see the docstring.

    Each outcome is the first repetition's, with ``seconds`` the fastest repetition's.
    """
    names = list(RUNNERS)
    for name in names:  # warm-up, untimed: lazy imports and model loads
        RUNNERS[name](pages[0])
    outcomes: dict[str, list[Outcome]] = {name: [] for name in names}
    for page in pages:
        first: dict[str, Outcome] = {}
        fastest: dict[str, float] = {}
        for round_ in range(repeat):
            for name in names if round_ % 2 == 0 else reversed(names):
                outcome = RUNNERS[name](page)
                first.setdefault(name, outcome)
                fastest[name] = min(fastest.get(name, outcome.seconds), outcome.seconds)
        for name in names:
            outcomes[name].append(replace(first[name], seconds=fastest[name]))
    return outcomes


def format_line(name: str, summary: Summary, median_ms: float, ratio: float, extra: str) -> str:
    return (f"{name:<12} P={summary.precision:.4f} R={summary.recall:.4f} F1={summary.f1:.4f} "
            f"acc={summary.accuracy:.3f} median={median_ms:.1f}ms/page x{ratio:.2f}{extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per page and extractor; the fastest counts (default 3)")
    parser.add_argument("--json", type=Path, default=None, help="write per-page results here")
    parser.add_argument("--worst", type=int, default=0, help="list Thresher's N worst pages")
    parser.add_argument("--stages", action="store_true",
                        help="profile Thresher and print the time of each extract() step")
    args = parser.parse_args(argv)
    if not (args.bench / "ground-truth.json").is_file():
        print(f"benchmark not found: {args.bench} (no ground-truth.json)", file=sys.stderr)
        return 2
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    pages = load_pages(args.bench, args.limit)
    outcomes = time_pages(pages, args.repeat)
    scores = {name: [score_page(p.truth, o.text) for p, o in zip(pages, outs, strict=True)]
              for name, outs in outcomes.items()}
    medians = {name: statistics.median(o.seconds for o in outs) * 1000
               for name, outs in outcomes.items()}
    print(f"{len(pages)} pages from {args.bench}; time per page: fastest of {args.repeat} "
          f"interleaved runs, median over pages")
    for name in RUNNERS:
        extra = ""
        if name == "thresher":
            linted = sum(1 for o in outcomes[name] if o.clutter_lint)
            failed = sum(1 for o in outcomes[name] if o.error)
            extra = f" clutter_lint={linted} errors={failed}"
        print(format_line(name, summarise(scores[name]), medians[name],
                          medians[name] / medians["trafilatura"], extra))
    if args.worst:
        _print_worst(pages, scores, outcomes, args.worst)
    if args.stages:
        _print_stages(pages)
    if args.json:
        _write_json(args.json, pages, scores, outcomes)
    return 0


def _f1(score: PageScore) -> float:
    p, r = score.precision or 0.0, score.recall or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _print_worst(pages: list[Page], scores: dict[str, list[PageScore]],
                 outcomes: dict[str, list[Outcome]], n: int) -> None:
    ranked = sorted(range(len(pages)), key=lambda i: _f1(scores["thresher"][i]))
    for i in ranked[:n]:
        ours, theirs = scores["thresher"][i], scores["trafilatura"][i]
        print(f"  {pages[i].id[:12]} F1 {_f1(ours):.3f} (P {ours.precision or 0:.2f} "
              f"R {ours.recall or 0:.2f}) vs trafilatura {_f1(theirs):.3f}  {pages[i].url[:70]}"
              f"{'  ' + outcomes['thresher'][i].error if outcomes['thresher'][i].error else ''}")


def _print_stages(pages: list[Page]) -> None:
    """Mean profiled ms per page of every function ``extract`` calls directly."""
    profile = cProfile.Profile()
    profile.enable()
    for page in pages:
        run_thresher(page)
    profile.disable()
    stats = pstats.Stats(profile).stats  # {func: (cc, nc, tt, ct, callers)}
    extract_key = next(k for k in stats if k[2] == "extract" and k[0].endswith("api.py"))
    total = stats[extract_key][3]
    rows = []
    for func, (_, _, _, _, callers) in stats.items():
        if extract_key in callers:
            cumulative = callers[extract_key][3]
            rows.append((cumulative, f"{Path(func[0]).stem}.{func[2]}"))
    print(f"profiled extract(): {total / len(pages) * 1000:.1f} ms/page; its steps:")
    for cumulative, name in sorted(rows, reverse=True):
        if cumulative / total >= 0.005:
            print(f"  {name:<40} {cumulative / len(pages) * 1000:7.2f} ms  "
                  f"{cumulative / total:6.1%}")


def _write_json(path: Path, pages: list[Page], scores: dict[str, list[PageScore]],
                outcomes: dict[str, list[Outcome]]) -> None:
    rows = []
    for i, page in enumerate(pages):
        row = {"id": page.id, "url": page.url}
        for name in RUNNERS:
            outcome = outcomes[name][i]
            row[name] = {**asdict(scores[name][i]), "ms": outcome.seconds * 1000,
                         "error": outcome.error, "clutter_lint": list(outcome.clutter_lint),
                         "text": outcome.text}
        rows.append(row)
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    sys.exit(main())
