"""`thresher extract PATH...`: one JSON record per line on stdout, failures on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extractors import ExtractionError, ExtractOptions, extract

from ..inputs import PageInput, iter_page_inputs


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract article records from saved HTML files or fixture folders"
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="an HTML file, a fixture case folder, or a folder of either")
    parser.add_argument("--url", help="the page's URL (for a single HTML file)")
    parser.add_argument("--dedup", action="store_true",
                        help="across the batch: learn and strip each site's template lines, "
                             "group near-duplicates (group_id, duplicate_of), as a crawl does")
    parser.add_argument("--state", type=Path, metavar="FILE",
                        help="with --dedup: state store to use and update (default: none kept)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.url and (len(args.paths) != 1 or not args.paths[0].is_file()):
        print("thresher extract: --url needs exactly one HTML file", file=sys.stderr)
        return 2
    if args.state and not args.dedup:
        print("thresher extract: --state goes with --dedup", file=sys.stderr)
        return 2
    failed = 0
    batch: list[dict] = []  # with --dedup, records wait for the whole batch
    for item in iter_page_inputs(list(args.paths), args.url):
        if isinstance(item, Path):
            print(f"{item}: not_found: no such file or folder", file=sys.stderr)
            failed += 1
            continue
        record = _extract_one(item)
        if isinstance(record, str):
            print(f"{item.path}: {record}", file=sys.stderr)
            failed += 1
        elif args.dedup:
            batch.append(record)
        else:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.dedup:  # imported here: numpy and datasketch only when asked for
        from ..dedup.batch import dedup_batch
        from ..state import StateStoreError

        try:
            batch = dedup_batch(batch, args.state)
        except StateStoreError as exc:
            print(f"thresher extract: {exc}", file=sys.stderr)
            return 2
        for record in batch:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _extract_one(page: PageInput) -> dict | str:
    """The record as a dict, or the failure reason as a string."""
    try:
        raw = page.path.read_bytes()
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    options = ExtractOptions(http_charset=page.http_charset, http_content_type=page.content_type)
    try:
        return extract(raw, page.url, options=options).to_dict()
    except ExtractionError as exc:
        return str(exc)
