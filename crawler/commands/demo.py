"""`thresher demo [--output DIR]`: serve the bundled demo site locally and crawl it end to end.

No internet and no external server: the site is served on 127.0.0.1 by this process, and the
crawl goes through the same spider, pipelines and sinks as any other (JSONL, SQLite, errors).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sources import Source

DEMO_SOURCE = "demo"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="crawl the bundled demo site (served on 127.0.0.1) into --output")
    parser.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                        help="where records, errors and the SQLite store go (default: output)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="live progress line on stderr (default: when stderr is a TTY)")
    parser.add_argument("--log-level", default="WARNING")
    parser.set_defaults(handler=run)


def demo_source(base_url: str) -> Source:
    return Source(name=DEMO_SOURCE, start_urls=(f"{base_url}/",),
                  sitemaps=(f"{base_url}/sitemap.xml",), feeds=(f"{base_url}/feed.xml",),
                  allow_private=True,  # the demo site is on this machine, by design
                  concurrency=4, min_body_words=20)


def run(args: argparse.Namespace) -> int:
    from ..demo.server import DemoServer
    from ..run import run_crawls
    from ..summary import print_summary

    progress = sys.stderr.isatty() if args.progress is None else args.progress
    with DemoServer() as server:
        print(f"demo site: {server.base_url}/", file=sys.stderr)
        outcomes = run_crawls([demo_source(server.base_url)], args.output, progress=progress,
                              settings={"LOG_LEVEL": args.log_level.upper(),
                                        "AUTOTHROTTLE_ENABLED": False})
    print_summary(outcomes, sys.stdout)
    return 0 if all(o.ok for o in outcomes) else 1
