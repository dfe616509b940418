"""`thresher fixtures check|update [PATH...]`: replay saved pages against their expected records.

``check``  re-extracts every case and prints PASS/FAIL with a field-by-field diff; exit 1 on
           any failure (the same comparison tests/test_fixtures.py makes).
``update`` rewrites each case's expected.json from the extractor's current output and prints
           what changed, for a person to review (``git diff fixtures/``) before committing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extractors import ExtractionError

from ..fixture_suite import (
    FIELD_POLICY,
    FixtureCase,
    check_case,
    compare_records,
    find_cases,
    record_validator,
    run_case,
    write_expected,
)

DEFAULT_ROOT = Path("fixtures")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fixtures", help="check the fixture suite, or rewrite expected records for review"
    )
    parser.add_argument("action", choices=("check", "update"),
                        help="check: compare with expected.json; update: rewrite expected.json")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=f"case folders or folders of cases (default: {DEFAULT_ROOT}/)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    cases, missing = _collect(args.paths or [DEFAULT_ROOT])
    for path in missing:
        print(f"{path}: not_found: no such fixture case or folder", file=sys.stderr)
    if not cases:
        print("thresher fixtures: no fixture cases found", file=sys.stderr)
        return 1
    failed = _check(cases) if args.action == "check" else _update(cases)
    return 1 if failed or missing else 0


def _collect(paths: list[Path]) -> tuple[list[FixtureCase], list[Path]]:
    cases: list[FixtureCase] = []
    missing: list[Path] = []
    for item in find_cases(paths):
        (cases if isinstance(item, FixtureCase) else missing).append(item)
    return cases, missing


def _check(cases: list[FixtureCase]) -> int:
    validator = record_validator()
    failed = 0
    for case in cases:
        result = check_case(case, validator)
        print(result.report(), flush=True)
        failed += not result.passed
    print(f"\n{len(cases) - failed} passed, {failed} failed")
    return failed


def _update(cases: list[FixtureCase]) -> int:
    counts = {"new": 0, "updated": 0, "unchanged": 0, "failed": 0}
    for case in cases:
        try:
            actual = run_case(case)
        except ExtractionError as exc:
            print(f"ERROR {case.name}: {exc} (expected.json left as it was)", file=sys.stderr)
            counts["failed"] += 1
            continue
        old = case.expected()
        if old == actual:
            print(f"UNCHANGED {case.name}")
            counts["unchanged"] += 1
            continue
        write_expected(case, actual)
        if old is None:
            print(f"NEW {case.name}: wrote {case.expected_path.name}")
            counts["new"] += 1
            continue
        print(f"UPDATED {case.name}")
        for diff in compare_records(old, actual):
            print(_indent(diff.render()))
        quiet = [f for f in FIELD_POLICY if _changed(old, actual, f)]
        if quiet:
            print(_indent(f"(also changed, not compared by check: {', '.join(quiet)})"))
        counts["updated"] += 1
    print("\n" + ", ".join(f"{n} {k}" for k, n in counts.items())
          + " - review with `git diff` before committing")
    return counts["failed"]


def _changed(old: dict, new: dict, field: str) -> bool:
    key = field.removeprefix("extraction.")
    return (old.get("extraction") or {}).get(key) != (new.get("extraction") or {}).get(key)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))
