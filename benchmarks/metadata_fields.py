"""Record fields on ordinary news pages: Thresher's metadata vs trafilatura's, same run.

Reads the Zyte/Scrapinghub article-extraction-benchmark at run time (never copied into the
repo). It has no ground truth for titles or dates, so this is a regression and sanity view:
how often the two agree, what kinds of disagreement there are, what each finds at all, and
what the metadata costs next to trafilatura's own (CPU time, the page parsed once before).

    python -m benchmarks.metadata_fields [--bench DIR] [--limit N] [--show N]

Disagreement kinds: ``suffix`` (one title is the other plus a " | Site" part: Thresher
strips it), ``timezone`` (a full timestamp whose UTC day differs from trafilatura's local
day), ``other``. Field accuracy on aggregator pages with ground truth is measured by
``python -m benchmarks.aggregator``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from trafilatura.metadata import extract_metadata

from extractors.decoding import decode_html
from extractors.metadata import Metadata, extract_page_metadata
from extractors.parsing import parse_html

from .extraction import DEFAULT_BENCH, load_pages


@dataclass(frozen=True)
class Row:
    page: str
    url: str
    ours: Metadata
    theirs_title: str | None
    theirs_date: str | None
    ours_ms: float
    theirs_ms: float


def run(bench: Path, limit: int | None) -> list[Row]:
    rows = []
    for page in load_pages(bench, limit):
        page_id, url = page.id, page.url
        text = decode_html(page.raw).text
        tree, other = parse_html(text, 400), parse_html(text, 400)
        start = time.process_time()
        ours = extract_page_metadata(tree, url)
        middle = time.process_time()
        theirs = extract_metadata(other, default_url=url)
        end = time.process_time()
        rows.append(Row(page_id, url or "", ours, theirs.title, theirs.date,
                        (middle - start) * 1000, (end - middle) * 1000))
    return rows


def title_kind(ours: str | None, theirs: str | None) -> str:
    a, b = (ours or "").strip().casefold(), (theirs or "").strip().casefold()
    if a == b:
        return "same"
    if a and b and (b.startswith(a) or b.endswith(a)):
        return "suffix"
    return "other" if a and b else ("ours only" if a else "theirs only")


def date_kind(ours: str | None, theirs: str | None) -> str:
    day = (ours or "")[:10]
    if day == (theirs or ""):
        return "same" if day else "neither"
    if ours and theirs and len(ours) > 10 and ("+" in ours[10:] or ours.endswith("Z")):
        return "timezone"
    return "other" if ours and theirs else ("ours only" if ours else "theirs only")


def report(rows: list[Row], show: int) -> None:
    titles = Counter(title_kind(r.ours.title, r.theirs_title) for r in rows)
    dates = Counter(date_kind(r.ours.published_at, r.theirs_date) for r in rows)
    sources = Counter(dict(r.ours.provenance).get("published_at", "none") for r in rows)
    print(f"pages: {len(rows)}")
    print(f"{'':28}{'thresher':>12}{'trafilatura':>14}")
    print(f"{'title found':28}{sum(bool(r.ours.title) for r in rows):>12}"
          f"{sum(bool(r.theirs_title) for r in rows):>14}")
    print(f"{'published date found':28}{sum(bool(r.ours.published_at) for r in rows):>12}"
          f"{sum(bool(r.theirs_date) for r in rows):>14}")
    print(f"{'date with a time':28}{sum(len(r.ours.published_at or '') > 10 for r in rows):>12}"
          f"{0:>14}")
    print(f"{'authors found':28}{sum(bool(r.ours.authors) for r in rows):>12}{'-':>14}")
    median_ours = statistics.median(r.ours_ms for r in rows)
    median_theirs = statistics.median(r.theirs_ms for r in rows)
    print(f"{'metadata CPU ms (median)':28}{median_ours:>12.2f}{median_theirs:>14.2f}")
    print(f"{'metadata CPU ms (total)':28}{sum(r.ours_ms for r in rows):>12.0f}"
          f"{sum(r.theirs_ms for r in rows):>14.0f}")
    print(f"title agreement: {dict(titles)}")
    print(f"date (day) agreement: {dict(dates)}")
    print(f"date sources (thresher): {dict(sources)}")
    for row in [r for r in rows if title_kind(r.ours.title, r.theirs_title) == "other"][:show]:
        print(f"  title {row.page[:8]} thresher={row.ours.title!r} "
              f"trafilatura={row.theirs_title!r}")
    for row in [r for r in rows if date_kind(r.ours.published_at, r.theirs_date)
                in ("other", "theirs only")][:show]:
        print(f"  date  {row.page[:8]} thresher={row.ours.published_at!r} "
              f"({dict(row.ours.provenance).get('published_at')}) "
              f"trafilatura={row.theirs_date!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", type=int, default=10, help="disagreements to print")
    args = parser.parse_args(argv)
    if not (args.bench / "ground-truth.json").is_file():
        parser.error(f"no benchmark at {args.bench}")
    report(run(args.bench, args.limit), args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
