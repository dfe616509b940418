"""The `thresher` command. Each subcommand lives in its own module under crawler/commands/."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Modules that define `register(subparsers)`; each adds one or more subcommands.
COMMAND_MODULES: tuple[str, ...] = (
    "crawler.commands.extract",
    "crawler.commands.fixtures",
    "crawler.commands.crawl",
    "crawler.commands.demo",
    "crawler.commands.record",
    "crawler.commands.ingest_warc",
    "crawler.commands.service",
    "crawler.commands.cluster",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thresher",
        description="Crawl news-like sites and deliver clean, deduplicated article records.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `thresher extract ... | head` is normal use
        return 0


if __name__ == "__main__":
    sys.exit(main())
