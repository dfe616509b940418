"""The child process of one scheduled run: crawl one source, then write the run's figures.

    python -m crawler.service.crawl_child --source NAME --sources FILE --output DIR \
        --jobdir DIR --stats FILE [--warc-out FILE]

A process of its own per run because Scrapy's reactor starts once per process, and so a
stuck or leaking crawl can be stopped without touching the service. SIGINT (what the
service sends to stop it) is Scrapy's graceful shutdown: the spider closes, the pipelines
and sinks close (JSONL renamed into place, SQLite committed), then the process exits.

``--stats`` gets ``{"pages", "records", "errors", "error_reasons", "finish_reason", "ok",
"crawl_run_id"}`` written atomically (a temporary file renamed), read by the service.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..sources import SourcesError, find_source, load_sources
from .interrupts import HELD_INTERRUPT_SETTING, INTERRUPT_GATE, HeldInterrupt


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="crawl_child", description=__doc__.split("\n")[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--jobdir", type=Path)
    parser.add_argument("--stats", type=Path, required=True)
    parser.add_argument("--warc-out", type=Path)
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    held = HeldInterrupt()
    held.install()
    args = parse_args(argv)
    try:
        source = find_source(load_sources(args.sources), args.source)
    except SourcesError as exc:
        for line in exc.problems:
            print(f"crawl_child: {line}", file=sys.stderr)
        return 2
    from ..capture_options import capture_settings  # Scrapy imports: only in the child
    from ..run import run_crawls

    settings: dict[str, Any] = {
        "LOG_LEVEL": args.log_level.upper(),
        HELD_INTERRUPT_SETTING: held,
        "EXTENSIONS": {INTERRUPT_GATE: 0},
    }
    settings.update(capture_settings(warc_out=args.warc_out))
    outcome = run_crawls([source], args.output, jobdir=args.jobdir, settings=settings)[0]
    write_stats(args.stats, run_figures(outcome.stats, outcome.plan.run_id, outcome.ok))
    return 0 if outcome.ok else 1


def run_figures(stats: Mapping[str, Any], crawl_run_id: str, ok: bool) -> dict[str, Any]:
    """The figures the service keeps, from Scrapy's stats as ``crawler.run`` leaves them."""
    reasons: Counter[str] = Counter()
    for key, value in stats.items():
        parts = key.split("/")
        # thresher/errors/<stage>/<reason>: one counter per reason
        if len(parts) == 4 and parts[:2] == ["thresher", "errors"] and isinstance(value, int):
            reasons[parts[3]] += value
    pages = stats.get("thresher/pages_seen", stats.get("downloader/response_count", 0))
    return {
        "pages": int(pages or 0),
        "records": int(stats.get("thresher/records", 0) or 0),
        "errors": int(stats.get("thresher/errors", 0) or 0),
        "error_reasons": dict(reasons),
        "finish_reason": stats.get("finish_reason"),
        "ok": ok,
        "crawl_run_id": crawl_run_id,
    }


def write_stats(path: Path, figures: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", "utf-8")
    temporary.replace(path)


if __name__ == "__main__":
    sys.exit(main())
