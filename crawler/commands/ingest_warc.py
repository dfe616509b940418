"""`thresher ingest-warc FILE... [--output DIR]`: WARC response records into Thresher records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..sources import NAME_PATTERN, Source, SourcesError, find_source, load_sources

DEFAULT_SOURCE_NAME = "warc"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest-warc", help="turn WARC files (e.g. Common Crawl news) into records")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="WARC files (.warc or .warc.gz)")
    parser.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                        help="where records, errors and the SQLite store go (default: output)")
    parser.add_argument("--source", default=DEFAULT_SOURCE_NAME, metavar="NAME",
                        help="source name for the records; with --sources, that source's "
                             "extraction options and site rules are used (default: warc)")
    parser.add_argument("--sources", type=Path, metavar="FILE",
                        help="a sources file to take --source from")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="extraction processes (default: cores up to 2, else cores - 1, "
                             "within free memory; 0: inline)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="live progress line on stderr (default: when stderr is a TTY)")
    parser.add_argument("--log-level", default="WARNING",
                        help="Scrapy log level on stderr (default: WARNING)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        source = choose_source(args)
    except SourcesError as exc:
        for line in exc.problems:
            print(f"thresher ingest-warc: {line}", file=sys.stderr)
        return 2
    missing = [p for p in args.files if not p.is_file()]
    for path in missing:
        print(f"{path}: not_found: no such file", file=sys.stderr)
    files = [p for p in args.files if p not in missing]
    if not files:
        return 1
    settings: dict[str, Any] = {"LOG_LEVEL": args.log_level.upper()}
    if args.workers is not None:
        settings["THRESHER_EXTRACT_WORKERS"] = args.workers
    progress = sys.stderr.isatty() if args.progress is None else args.progress

    from ..summary import print_summary  # imports Scrapy: only when used
    from ..warc_ingest import ingest_warc_files

    outcome = ingest_warc_files(files, source, args.output, settings=settings,
                                progress=progress)
    print_summary([outcome], sys.stdout)
    warc_counts = {k.removeprefix("thresher/warc/"): v for k, v in sorted(outcome.stats.items())
                   if k.startswith("thresher/warc/")}
    print("warc records: " + ", ".join(f"{k} {v}" for k, v in warc_counts.items()))
    corrupt = int(outcome.stats.get("thresher/warc/corrupt_file", 0))
    return 0 if outcome.ok and not missing and not corrupt else 1


def choose_source(args: argparse.Namespace) -> Source:
    if args.sources is not None:
        return find_source(load_sources(args.sources), args.source)
    if not NAME_PATTERN.match(args.source):
        raise SourcesError([f"--source {args.source!r}: not a valid source name"])
    return Source(name=args.source)
