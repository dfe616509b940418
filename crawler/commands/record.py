"""`thresher record URL... --into fixtures/<site>`: save raw responses as fixture cases."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..recorder import record_urls


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "record", help="fetch URLs and save the raw responses in the fixture layout")
    parser.add_argument("urls", nargs="+", metavar="URL")
    parser.add_argument("--into", type=Path, required=True, metavar="DIR",
                        help="the recording folder, e.g. fixtures/<site>")
    parser.add_argument("--allow-private", action="store_true",
                        help="allow loopback and private addresses (local test servers)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    bad = [u for u in args.urls if not u.startswith(("http://", "https://"))]
    for url in bad:
        print(f"{url}: bad_url: only http and https URLs can be recorded", file=sys.stderr)
    urls = [u for u in args.urls if u not in bad]
    outcomes = record_urls(urls, args.into, allow_private=args.allow_private) if urls else []
    failed = len(bad)
    for outcome in outcomes:
        if outcome.problem:
            failed += 1
            saved = f" (response saved in {outcome.case})" if outcome.case else ""
            print(f"{outcome.url}: {outcome.problem}{saved}", file=sys.stderr)
        else:
            print(f"{outcome.url} -> {outcome.case}")
    return 1 if failed else 0
