"""A stand-in for the crawl child in scheduler and runner tests: no Scrapy, fully steerable.

    fake_crawl.py --source NAME --stats FILE --control DIR

Appends its pid to ``DIR/NAME.started``. What it does next is read from ``DIR/NAME.mode``:
``quick`` (default) ends at once; ``block`` waits for ``DIR/NAME.release``; ``stubborn``
blocks and ignores SIGINT (so only SIGKILL ends it); ``fail`` exits 3. SIGINT (the service's
gentle stop) makes it write ``DIR/NAME.sigint`` and exit 0 after writing its stats, the way
Scrapy closes its sinks.
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


if __name__ == "__main__":
    sys.exit(main())
