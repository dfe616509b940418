"""`thresher crawl SOURCE... [--sources FILE]` or `thresher crawl --url URL...`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..capture_options import add_capture_options, apply_capture_settings, check_capture_args
from ..sources import Source, SourcesError, adhoc_source, find_source, load_sources

DEFAULT_SOURCES = Path("sources.toml")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "crawl", help="crawl configured sources (or --url start URLs) into JSONL and SQLite")
    parser.add_argument("names", nargs="*", metavar="SOURCE",
                        help="source names from the sources file (default: all of them)")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, metavar="FILE",
                        help="the sources file (default: sources.toml)")
    parser.add_argument("--url", action="append", default=[], metavar="URL",
                        help="crawl from this start URL without a sources file (repeatable)")
    parser.add_argument("--allow-private", action="store_true",
                        help="with --url: allow loopback/private addresses (local servers)")
    parser.add_argument("--max-pages", type=int, help="with --url: stop after this many pages")
    parser.add_argument("--max-depth", type=int, help="with --url: follow links this deep")
    parser.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                        help="where records, errors and the SQLite store go (default: output)")
    parser.add_argument("--jobdir", type=Path, metavar="DIR",
                        help="job directory: makes the crawl resumable after any stop")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="live progress line on stderr (default: when stderr is a TTY)")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="extraction processes (default: cores up to 2, else cores - 1, "
                             "within free memory; 0: inline)")
    parser.add_argument("--log-level", default="WARNING",
                        help="Scrapy log level on stderr (default: WARNING)")
    add_capture_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    problem = check_capture_args(args)
    if problem:
        print(f"thresher crawl: {problem}", file=sys.stderr)
        return 2
    try:
        sources = select_sources(args)
    except SourcesError as exc:
        for line in exc.problems:
            print(f"thresher crawl: {line}", file=sys.stderr)
        return 2
    settings: dict[str, Any] = {"LOG_LEVEL": args.log_level.upper()}
    if args.workers is not None:
        settings["THRESHER_EXTRACT_WORKERS"] = args.workers
    apply_capture_settings(args, settings)
    progress = sys.stderr.isatty() if args.progress is None else args.progress

    from ..run import run_crawls  # imports Scrapy and the reactor machinery: only when used
    from ..summary import print_summary

    outcomes = run_crawls(sources, args.output, jobdir=args.jobdir, settings=settings,
                          progress=progress)
    print_summary(outcomes, sys.stdout)
    return 0 if all(o.ok for o in outcomes) else 1


def select_sources(args: argparse.Namespace) -> list[Source]:
    if args.url:
        if args.names:
            raise SourcesError(["give source names or --url, not both"])
        return [adhoc_source(args.url, allow_private=args.allow_private,
                             max_pages=args.max_pages, max_depth=args.max_depth)]
    if args.allow_private:
        raise SourcesError(["--allow-private goes with --url; in a sources file set "
                            "allow_private = true on the source"])
    sources = load_sources(args.sources)
    if not args.names:
        return list(sources)
    return [find_source(sources, name) for name in args.names]
