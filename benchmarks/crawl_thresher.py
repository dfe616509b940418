"""Run Thresher's real crawl (spider + pipelines + JSONL/SQLite sinks) for the crawl benchmark.

    python -m benchmarks.crawl_thresher SOURCES_TOML OUTPUT_DIR [--no-extract] [--workers N]

Goes through :func:`crawler.run.run_crawls`, the function behind ``thresher crawl``, so the
benchmark can set what the CLI does not expose: AutoThrottle off (as for every contender in
benchmarks/crawl.py) and, with ``--no-extract``, the extraction pipeline removed so the
spider's PageItems pass through the remaining pipelines untouched: the crawl's own ceiling.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crawler.run import run_crawls
from crawler.sources import load_sources
from crawler.summary import print_summary

EXTRACT_PIPELINE = "crawler.pipelines.extract.ExtractPipeline"


def benchmark_settings(extract: bool, workers: int | None) -> dict[str, Any]:
    settings: dict[str, Any] = {"AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "INFO"}
    if workers is not None:
        settings["THRESHER_EXTRACT_WORKERS"] = workers
    if not extract:
        settings["ITEM_PIPELINES"] = {EXTRACT_PIPELINE: None}
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--no-extract", action="store_true")
    parser.add_argument("--workers", type=int)
    args = parser.parse_args(argv)
    outcomes = run_crawls(list(load_sources(args.sources)), args.output,
                          settings=benchmark_settings(not args.no_extract, args.workers))
    print_summary(outcomes, sys.stdout)
    return 0 if all(o.finish_reason == "finished" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
