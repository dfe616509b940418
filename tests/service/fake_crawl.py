"""A stand-in for the crawl child in scheduler and runner tests: no Scrapy, fully steerable.

    fake_crawl.py --source NAME --stats FILE --control DIR

Appends its pid to ``DIR/NAME.started``. What it does next is read from ``DIR/NAME.mode``:
``quick`` (default) ends at once; ``block`` waits for ``DIR/NAME.release``; ``stubborn``
blocks and ignores SIGINT (so only SIGKILL ends it); ``fail`` exits 3. With ``--output`` and
a number in ``DIR/NAME.records`` it first writes that many records into the real SQLite
store (every fifth a duplicate, every third with a clutter-lint hit, the first one empty).
SIGINT (the service's gentle stop) makes it write ``DIR/NAME.sigint`` and exit 0 after
writing its stats, the way Scrapy closes its sinks.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

STATS = {"pages": 3, "records": 2, "errors": 1, "error_reasons": {"body_too_short": 1}}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--stats", type=Path, required=True)
    parser.add_argument("--control", type=Path, required=True)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    control: Path = args.control
    name = args.source
    with open(control / f"{name}.started", "a") as started:
        started.write(f"{os.getpid()}\n")
    mode_file = control / f"{name}.mode"
    mode = mode_file.read_text().strip() if mode_file.exists() else "quick"

    def graceful(signum: int, frame: object) -> None:
        (control / f"{name}.sigint").write_text(str(os.getpid()))
        args.stats.write_text(json.dumps(STATS))
        sys.exit(0)

    signal.signal(signal.SIGINT, signal.SIG_IGN if mode == "stubborn" else graceful)
    records_file = control / f"{name}.records"
    if args.output is not None and records_file.exists():
        runs_so_far = len((control / f"{name}.started").read_text().split())
        write_records(args.output, name, int(records_file.read_text()), runs_so_far)
    if mode == "fail":
        print("fake crawl: failing on purpose", file=sys.stderr)
        return 3
    if mode in ("block", "stubborn"):
        release = control / f"{name}.release"
        while not release.exists():
            time.sleep(0.02)
        release.unlink()
    args.stats.write_text(json.dumps(STATS))
    return 0


def write_records(output: Path, source: str, count: int, version: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo, for tests.*
    from tests.service.records import make_record, open_sink

    sink = open_sink(output, source, run_id=f"fake-{os.getpid()}")
    for number in range(count):
        record = make_record(number, version, source)  # a new version each run: all changed
        record["word_count"] += 10 * version * (number % 3)
        if number == 0:
            record.update(text="", word_count=0)
        if number % 5 == 4:
            record["duplicate_of"] = make_record(0, source=source)["id"]
        if number % 3 == 2:
            record["extraction"] = {"removed": [], "clutter_lint": ["lexicon:back_to_top: x"]}
        sink.write(record)
    sink.close(True)


if __name__ == "__main__":
    sys.exit(main())
