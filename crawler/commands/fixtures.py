"""`thresher fixtures check|update`: replay saved pages against their expected records."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("fixtures", help="check or update the fixture suite")
    parser.add_argument("action", choices=("check", "update"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise SystemExit("thresher fixtures: not built yet")
