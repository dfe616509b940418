"""Output identity for speed work: every record before a change equals every record after.

    python -m benchmarks.snapshot save  OUT.jsonl   # before the change
    python -m benchmarks.snapshot check OUT.jsonl   # after it: lists the pages that differ

Pages: the 181 benchmark pages and 300 generated aggregator pages of each split. The
holdout and fresh splits are stored as hashes only, so their texts are never shown.
A record is ``Article.to_dict()``, or the error's class and reason.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from extractors import ExtractionError, extract

from .aggregator_gen import generate_pages
from .extraction import DEFAULT_BENCH, load_pages

HASHED_SPLITS = ("holdout", "fresh")


def _pages() -> Iterator[tuple[str, str, bytes | str, str | None]]:
    for page in load_pages(DEFAULT_BENCH, None):
        yield "bench", page.id, page.raw, page.url
    for split in ("dev", *HASHED_SPLITS):
        for index, generated in enumerate(generate_pages(split, 300, 0)):
            yield split, str(index), generated.html, generated.url


def _record(raw: bytes | str, url: str | None) -> dict:
    try:
        return extract(raw, url).to_dict()
    except ExtractionError as exc:
        return {"error": type(exc).__name__, "reason": str(exc)}


def rows() -> Iterator[dict[str, str]]:
    for split, page_id, raw, url in _pages():
        record = json.dumps(_record(raw, url), sort_keys=True, ensure_ascii=False, default=str)
        if split in HASHED_SPLITS:
            record = hashlib.sha256(record.encode()).hexdigest()
        yield {"split": split, "id": page_id, "record": record}


def check(path: Path) -> int:
    old = {(r["split"], r["id"]): r["record"]
           for r in map(json.loads, path.read_text("utf-8").splitlines())}
    differ = 0
    for row in rows():
        key = (row["split"], row["id"])
        if old.get(key) == row["record"]:
            continue
        differ += 1
        if row["split"] in HASHED_SPLITS or key not in old:
            print("differs:", *key)
        else:
            before, after = json.loads(old[key]), json.loads(row["record"])
            fields = sorted(f for f in {*before, *after} if before.get(f) != after.get(f))
            print("differs:", *key, fields)
    print(f"{differ} pages differ of {len(old)}")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("save", "check"))
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.mode == "check":
        return check(args.path)
    with args.path.open("w", encoding="utf-8") as out:
        for row in rows():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
